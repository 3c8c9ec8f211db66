import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {createBackend} from '../../../source/nn/backend/create-backend.js';
import {jsBackend} from '../../../source/nn/backend/js-backend.js';
import {Dense} from '../../../source/nn/dense.js';
import {Network} from '../../../source/nn/network.js';
import {Relu} from '../../../source/nn/relu.js';
import {Rng} from '../../../source/nn/rng.js';
import {softmaxCrossEntropy, softmaxCrossEntropyGrad} from '../../../source/nn/softmax-cross-entropy.js';

const eps = 1e-3;
// float32 layers make the differences noisy at about 1e-4; a wrong sign, a transposition
// or a missing 1/m is off by 100% or more
const relativeTolerance = 1e-2;
const absoluteFloor = 5e-4;

function random(rng: Rng, length: number, low = -1, high = 1): Float32Array {
	const values = new Float32Array(length);
	for (let i = 0; i < length; i++) values[i] = low + (high - low) * rng.next();
	return values;
}

/**
 * Central differences on every entry of `values`, nudged in place; `loss` runs
 * the real layers and sums in float64. The step is measured after float32 rounding.
 */
function checkGradient(values: Float32Array, analytic: ArrayLike<number>, loss: () => number, what: string): void {
	assert.equal(analytic.length, values.length, `${what}: gradient length`);
	for (let i = 0; i < values.length; i++) {
		const original = values[i]!;
		values[i] = original + eps;
		const up = values[i]!;
		const lossUp = loss();
		values[i] = original - eps;
		const down = values[i]!;
		const lossDown = loss();
		values[i] = original;
		const numeric = (lossUp - lossDown) / (up - down);
		const error = Math.abs(numeric - analytic[i]!);
		const allowed = relativeTolerance * Math.max(Math.abs(numeric), Math.abs(analytic[i]!)) + absoluteFloor;
		assert.ok(error <= allowed, `${what}[${i}]: backward ${analytic[i]}, finite differences ${numeric}`);
	}
}

/** Σ c·out in float64: a linear loss whose gradient with respect to out is c. */
function linearLoss(out: Float32Array, c: Float32Array): number {
	let sum = 0;
	for (let i = 0; i < c.length; i++) sum += c[i]! * out[i]!;
	return sum;
}

describe('finite differences', () => {
	test('Dense: weights, biases and input', () => {
		const rng = new Rng(11);
		const [batch, inputs, outputs] = [3, 5, 4];
		const layer = new Dense(inputs, outputs, {
			backend: createBackend('auto'),
			weights: random(rng, outputs * inputs),
			biases: random(rng, outputs),
		});
		const x = random(rng, batch * inputs),
			c = random(rng, batch * outputs);
		const loss = () => linearLoss(layer.forward(x, batch), c);

		layer.forward(x, batch);
		const dx = Float64Array.from(layer.backward(c.slice(), batch).subarray(0, batch * inputs));
		const dw = Float64Array.from(layer.weightGrad),
			db = Float64Array.from(layer.biasGrad);
		checkGradient(layer.weights, dw, loss, 'dW');
		checkGradient(layer.biases, db, loss, 'db');
		checkGradient(x, dx, loss, 'dX');
	});

	test('ReLU: input, away from the kink at 0', () => {
		const rng = new Rng(12);
		const [batch, size] = [3, 6];
		const z = random(rng, batch * size).map(value => (value < 0 ? value - 0.05 : value + 0.05));
		assert.ok(z.some(value => value < 0) && z.some(value => value > 0));
		const c = random(rng, batch * size);
		const relu = new Relu(size, jsBackend);
		// forward works in place, so it gets a copy of z each time
		const loss = () => linearLoss(relu.forward(z.slice(), batch), c);

		relu.forward(z.slice(), batch);
		const dz = Float64Array.from(relu.backward(c.slice(), batch));
		checkGradient(z, dz, loss, 'dZ');
	});

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

	for (const [sizes, seed] of [
		[[6, 5, 3], 21],
		[[4, 7, 5, 3], 22],
	] as const) {
		test(`network [${sizes.join(', ')}] through trainBatch: every weight and bias`, () => {
			const rng = new Rng(seed);
			const network = Network.create(sizes, rng);
			for (const layer of network.dense) layer.biases.set(random(rng, layer.outputs, -0.1, 0.1));
			const batch = 4,
				classes = sizes[sizes.length - 1]!;
			const x = random(rng, batch * sizes[0]!);
			const labels = Array.from({length: batch}, () => rng.int(classes));
			const scale = 1 / batch;
			// trainBatch's loss is the summed cross-entropy; the gradients it adds are of loss·scale
			const loss = () => network.trainBatch(x, labels, batch, scale).loss * scale;

			network.zeroGradients();
			network.trainBatch(x, labels, batch, scale);
			const parameters = network.parameters();
			assert.equal(parameters.length, 2 * (sizes.length - 1));
			const analytic = parameters.map(parameter => Float64Array.from(parameter.grad));
			assert.ok(
				analytic.every(grad => grad.some(value => value !== 0)),
				'every parameter has some gradient',
			);
			parameters.forEach((parameter, index) => {
				const layer = Math.floor(index / 2) + 1;
				checkGradient(parameter.value, analytic[index]!, loss, `layer ${layer} ${index % 2 === 0 ? 'dW' : 'db'}`);
			});
		});
	}
});
