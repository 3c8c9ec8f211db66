import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {createBackend} from '../../../source/nn/backend/create-backend.js';
import {jsBackend} from '../../../source/nn/backend/js-backend.js';
import {Dense} from '../../../source/nn/dense.js';
import {Relu} from '../../../source/nn/relu.js';
import {softmax, softmaxCrossEntropy, softmaxCrossEntropyGrad} from '../../../source/nn/softmax-cross-entropy.js';

function assertAllClose(actual: ArrayLike<number>, expected: readonly number[], tolerance: number): void {
	assert.equal(actual.length >= expected.length, true, 'too few values');
	expected.forEach((value, i) => {
		assert.ok(Math.abs(actual[i]! - value) <= tolerance, `[${i}]: ${actual[i]} vs ${value}`);
	});
}

describe('Dense by hand', () => {
	// W = | 1  2  3 |   b = |  1 |   X = | 1  0  2 |
	//     |-1  0  2 |       | -2 |       | 3 -1  1 |
	const dense = () =>
		new Dense(3, 2, {backend: createBackend('auto'), weights: Float32Array.of(1, 2, 3, -1, 0, 2), biases: Float32Array.of(1, -2)});
	const x = Float32Array.of(1, 0, 2, 3, -1, 1);

	test('forward: Z = X·Wᵀ + b on a 2x3 batch', () => {
		// row 0: 1·1 + 2·0 + 3·2 + 1 = 8      -1·1 + 0·0 + 2·2 - 2 = 1
		// row 1: 1·3 + 2·(-1) + 3·1 + 1 = 5   -1·3 + 0·(-1) + 2·1 - 2 = -3
		assert.deepEqual(Array.from(dense().forward(x, 2).subarray(0, 4)), [8, 1, 5, -3]);
	});

	test('backward: dW = dZᵀ·X, db = Σ dZ, dX = dZ·W', () => {
		const layer = dense();
		layer.forward(x, 2);
		// dZ = | 1  2 |
		//      | 0 -1 |
		const dx = layer.backward(Float32Array.of(1, 2, 0, -1), 2);
		// dW row 0 = 1·[1 0 2] + 0·[3 -1 1] = [1 0 2]
		// dW row 1 = 2·[1 0 2] - 1·[3 -1 1] = [-1 1 3]
		assert.deepEqual(Array.from(layer.weightGrad), [1, 0, 2, -1, 1, 3]);
		// db = [1 + 0, 2 - 1]
		assert.deepEqual(Array.from(layer.biasGrad), [1, 1]);
		// dX row 0 = 1·[1 2 3] + 2·[-1 0 2] = [-1 2 7]
		// dX row 1 = 0·[1 2 3] - 1·[-1 0 2] = [1 0 -2]
		assert.deepEqual(Array.from(dx.subarray(0, 6)), [-1, 2, 7, 1, 0, -2]);
	});
});

describe('ReLU by hand', () => {
	test('forward zeroes negatives and keeps zero and positives', () => {
		const relu = new Relu(5, jsBackend);
		assert.deepEqual(Array.from(relu.forward(Float32Array.of(-2, 0, 3, -0.5, 1.5), 1)), [0, 0, 3, 0, 1.5]);
	});

	test('backward passes the gradient only where the output is positive', () => {
		const relu = new Relu(3, jsBackend);
		relu.forward(Float32Array.of(-1, 2, 0, 4, -3, 0.25), 2);
		const grad = relu.backward(Float32Array.of(5, 6, 7, 8, 9, 10), 2);
		assert.deepEqual(Array.from(grad), [0, 6, 0, 8, 0, 10]);
	});
});

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
