import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {createBackend} from '../../../source/nn/backend/create-backend.js';
import {jsBackend} from '../../../source/nn/backend/js-backend.js';
import {Dense, forwardLoops, inputGradLoops, weightGradLoops} from '../../../source/nn/dense.js';
import {Rng} from '../../../source/nn/rng.js';
import {checkGradient, linearLoss, random} from './finite-differences.js';

describe('the reference loops by hand', () => {
	// A = | 1  0  2 |   W = | 1  2  3 |   b = |  1 |   dZ = | 1  2 |
	//     | 3 -1  1 |       |-1  0  2 |       | -2 |        | 0 -1 |
	const a = Float32Array.of(1, 0, 2, 3, -1, 1),
		w = Float32Array.of(1, 2, 3, -1, 0, 2),
		b = Float32Array.of(1, -2),
		dz = Float32Array.of(1, 2, 0, -1);

	test('Z = A·Wᵀ + b', () => {
		const z = new Float32Array(4);
		forwardLoops(a, w, b, z, 2, 3, 2);
		// row 0: 1 + 0 + 6 + 1 = 8, -1 + 0 + 4 - 2 = 1; row 1: 3 - 2 + 3 + 1 = 5, -3 + 0 + 2 - 2 = -3
		assert.deepEqual(Array.from(z), [8, 1, 5, -3]);
	});

	test('dW += dZᵀ·A and db += Σ dZ, added to what is there', () => {
		const dw = Float32Array.of(10, 10, 10, 10, 10, 10),
			db = Float32Array.of(10, 10);
		weightGradLoops(dz, a, dw, db, 2, 3, 2);
		// dW row 0 = 1·[1 0 2] + 0·[3 -1 1]; row 1 = 2·[1 0 2] - 1·[3 -1 1]; db = [1 + 0, 2 - 1]
		assert.deepEqual(Array.from(dw), [11, 10, 12, 9, 11, 13]);
		assert.deepEqual(Array.from(db), [11, 11]);
	});

	test('dA = dZ·W, written over what is there', () => {
		const da = new Float32Array(6).fill(Number.NaN);
		inputGradLoops(dz, w, da, 2, 3, 2);
		// row 0 = 1·[1 2 3] + 2·[-1 0 2]; row 1 = 0·[1 2 3] - 1·[-1 0 2]
		assert.deepEqual(Array.from(da), [-1, 2, 7, 1, 0, -2]);
	});
});

for (const backend of [jsBackend, createBackend('wasm')])
	describe(`Dense by hand, on the ${backend.name} backend`, () => {
		// W = | 1  2  3 |   b = |  1 |   X = | 1  0  2 |
		//     |-1  0  2 |       | -2 |       | 3 -1  1 |
		const dense = () => new Dense(3, 2, {backend, weights: Float32Array.of(1, 2, 3, -1, 0, 2), biases: Float32Array.of(1, -2)});
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

describe('Dense against finite differences', () => {
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
});
