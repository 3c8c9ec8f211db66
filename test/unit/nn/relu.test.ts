import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {jsBackend} from '../../../source/nn/backend/js-backend.js';
import {Relu, relu, reluGrad} from '../../../source/nn/relu.js';
import {Rng} from '../../../source/nn/rng.js';
import {checkGradient, linearLoss, random} from './finite-differences.js';

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

	test('the plain loops: A = max(0, Z) keeps NaN; dZ = dA where A > 0', () => {
		const a = Float32Array.of(-2, 0, 3, Number.NaN);
		relu(a);
		assert.deepEqual(Array.from(a), [0, 0, 3, Number.NaN]);
		const grad = Float32Array.of(5, 6, 7, 8);
		reluGrad(grad, a);
		assert.deepEqual(Array.from(grad), [0, 0, 7, 0]);
	});
});

describe('ReLU against finite differences', () => {
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
});
