import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {Rng} from '../../../source/nn/rng.js';
import {softmax, softmaxCrossEntropy, softmaxCrossEntropyGrad} from '../../../source/nn/softmax-cross-entropy.js';
import {checkGradient, random} from './finite-differences.js';

function assertAllClose(actual: ArrayLike<number>, expected: readonly number[], tolerance: number): void {
	assert.equal(actual.length >= expected.length, true, 'too few values');
	expected.forEach((value, i) => {
		assert.ok(Math.abs(actual[i]! - value) <= tolerance, `[${i}]: ${actual[i]} vs ${value}`);
	});
}

describe('softmax by hand', () => {
	test('[0, ln 2, ln 3] gives 1/6, 2/6, 3/6, and a shifted row the same', () => {
		const logits = Float32Array.of(0, Math.LN2, Math.log(3), 10, 10 + Math.LN2, 10 + Math.log(3));
		const probabilities = new Float32Array(6);
		softmax(logits, probabilities, 2, 3);
		assertAllClose(probabilities, [1 / 6, 2 / 6, 3 / 6, 1 / 6, 2 / 6, 3 / 6], 1e-6);
	});

	test('rows are independent: [ln 1, ln 4] and [ln 3, ln 1]', () => {
		const probabilities = new Float32Array(4);
		softmax(Float32Array.of(0, Math.log(4), Math.log(3), 0), probabilities, 2, 2);
		assertAllClose(probabilities, [1 / 5, 4 / 5, 3 / 4, 1 / 4], 1e-6);
	});

	test('huge logits (1000, 1001) stay finite: 1/(1+e) and e/(1+e)', () => {
		const logits = Float32Array.of(1000, 1001);
		softmax(logits, logits, 1, 2);
		assert.ok(logits.every(Number.isFinite));
		assertAllClose(logits, [1 / (1 + Math.E), Math.E / (1 + Math.E)], 1e-6);
	});
});

describe('cross-entropy by hand', () => {
	test('−log of the true class probability, summed over rows', () => {
		// rows [0, ln 2, ln 3] labelled 2 and 0: −log(3/6) − log(1/6) = ln 2 + ln 6
		const logits = Float32Array.of(0, Math.LN2, Math.log(3), 0, Math.LN2, Math.log(3));
		const loss = softmaxCrossEntropy(logits, [2, 0], 2, 3);
		assert.ok(Math.abs(loss - (Math.LN2 + Math.log(6))) < 1e-6, `${loss}`);
		assertAllClose(logits, [1 / 6, 2 / 6, 3 / 6, 1 / 6, 2 / 6, 3 / 6], 1e-6);
	});

	test('a confident right answer (50 vs 0) costs a tiny positive amount, not 0 or NaN', () => {
		// −log(1 / (1 + e^−50)) = log(1 + e^−50) ≈ e^−50 ≈ 1.9e−22
		const loss = softmaxCrossEntropy(Float32Array.of(50, 0), [0], 1, 2);
		assert.ok(!Number.isNaN(loss));
		assert.ok(loss > 0, `loss ${loss}`);
		assert.ok(Math.abs(loss - Math.exp(-50)) < 1e-3 * Math.exp(-50), `loss ${loss}`);
	});

	test('a confident wrong answer (0 vs 50) costs ≈ 50', () => {
		// −log(e^0 / (e^0 + e^50)) = log(1 + e^50) = 50 + log(1 + e^−50)
		const loss = softmaxCrossEntropy(Float32Array.of(0, 50), [0], 1, 2);
		assert.ok(Math.abs(loss - 50) < 1e-9, `loss ${loss}`);
	});

	test('the output gradient is (A − Y)·scale', () => {
		const probabilities = Float32Array.of(0.25, 0.5, 0.25, 0.125, 0.125, 0.75);
		const grad = new Float32Array(6);
		softmaxCrossEntropyGrad(probabilities, [1, 2], grad, 2, 3, 0.5);
		// row 0, label 1: [0.25, 0.5 − 1, 0.25]·0.5; row 1, label 2: [0.125, 0.125, 0.75 − 1]·0.5
		assert.deepEqual(Array.from(grad), [0.125, -0.25, 0.125, 0.0625, 0.0625, -0.125]);
	});
});

describe('softmax cross-entropy against finite differences', () => {
	test('softmax cross-entropy: d(loss·scale)/dZ = (A − Y)·scale', () => {
		const rng = new Rng(13);
		const [batch, classes] = [3, 4];
		const labels = [2, 0, 3];
		const scale = 1 / batch;
		const z = random(rng, batch * classes, -2, 2);
		const loss = () => softmaxCrossEntropy(z.slice(), labels, batch, classes) * scale;

		const probabilities = z.slice();
		softmaxCrossEntropy(probabilities, labels, batch, classes);
		const grad = new Float32Array(batch * classes);
		softmaxCrossEntropyGrad(probabilities, labels, grad, batch, classes, scale);
		checkGradient(z, grad, loss, 'dZ');

		// and the same from the formula, with A worked out here
		for (let r = 0; r < batch; r++) {
			let sum = 0;
			for (let k = 0; k < classes; k++) sum += Math.exp(z[r * classes + k]!);
			for (let k = 0; k < classes; k++) {
				const a = Math.exp(z[r * classes + k]!) / sum,
					y = k === labels[r] ? 1 : 0;
				assert.ok(Math.abs(grad[r * classes + k]! - (a - y) * scale) < 1e-6);
			}
		}
	});
});
