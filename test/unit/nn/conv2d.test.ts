import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {createBackend} from '../../../source/nn/backend/create-backend.js';
import {jsBackend} from '../../../source/nn/backend/js-backend.js';
import {Conv2d, convForwardLoops, convInputGradLoops, convWeightGradLoops} from '../../../source/nn/conv2d.js';
import type {ImageShape} from '../../../source/nn/image-shape.js';
import {Rng} from '../../../source/nn/rng.js';
import {checkGradient, linearLoss, random} from './finite-differences.js';

describe('the convolution loops by hand', () => {
	// A = |  1  2  3  4 |   K = | 1 2  0 |   a[y][x] = 4y + x + 1
	//     |  5  6  7  8 |       | 0 1  0 |
	//     |  9 10 11 12 |       | 0 0 -1 |
	//     | 13 14 15 16 |
	const a = Float32Array.from({length: 16}, (_, i) => i + 1);
	const k = Float32Array.of(1, 2, 0, 0, 1, 0, 0, 0, -1);
	const geometry = {channels: 1, height: 4, width: 4, filters: 1, kernel: 3};
	// dZ = | 1  2 |
	//      | 0 -1 |
	const dz = Float32Array.of(1, 2, 0, -1);

	test('a 3×3 kernel on a 4×4 input gives 2×2: z = Σ window·K + b', () => {
		const z = new Float32Array(4);
		convForwardLoops(a, k, Float32Array.of(0.5), z, 1, geometry);
		// top-left: 1·1 + 2·2 + 1·6 − 1·11 = 0; in general a[y][x] + 2a[y][x+1] + a[y+1][x+1] − a[y+2][x+2] = 12y + 3x
		assert.deepEqual(Array.from(z), [0.5, 3.5, 12.5, 15.5]);
	});

	test('two filters give two maps, filter by filter', () => {
		const z = new Float32Array(8);
		const twoKernels = Float32Array.of(...k, 1, 1, 1, 1, 1, 1, 1, 1, 1);
		convForwardLoops(a, twoKernels, Float32Array.of(0.5, 0), z, 1, {...geometry, filters: 2});
		// the second kernel sums its window: 9·(4y + x + 1) + Σ(4i + j) = 36y + 9x + 54
		assert.deepEqual(Array.from(z), [0.5, 3.5, 12.5, 15.5, 54, 63, 90, 99]);
	});

	test('dK += Σ dz·window and db += Σ dz, added to what is there', () => {
		const dk = new Float32Array(9).fill(10),
			db = Float32Array.of(10);
		convWeightGradLoops(dz, a, dk, db, 1, geometry);
		// dK[i][j] = a[i][j] + 2a[i][j+1] − a[i+1][j+1] = 8i + 2j − 1
		assert.deepEqual(
			Array.from(dk),
			[-1, 1, 3, 7, 9, 11, 15, 17, 19].map(v => v + 10),
		);
		// db = 1 + 2 + 0 − 1
		assert.deepEqual(Array.from(db), [12]);
	});

	test('dA: K stamped at each output position times its gradient, written over what is there', () => {
		const da = new Float32Array(16).fill(Number.NaN);
		convInputGradLoops(dz, k, da, 1, geometry);
		// 1·K at (0,0) + 2·K at (0,1) − 1·K at (1,1); the output at (1,0) has gradient 0
		assert.deepEqual(Array.from(da), [1, 4, 4, 0, 0, 0, 0, 0, 0, 0, -2, -2, 0, 0, 0, 1]);
	});

	test('channels are summed: two input channels under one filter', () => {
		// channel 0 is A, channel 1 is A again; a kernel of K on channel 0 and −K on channel 1 cancels
		const z = new Float32Array(4);
		convForwardLoops(Float32Array.of(...a, ...a), Float32Array.of(...k, ...k.map(v => -v)), Float32Array.of(0), z, 1, {
			...geometry,
			channels: 2,
		});
		assert.deepEqual(Array.from(z), [0, 0, 0, 0]);
	});
});

for (const backend of [jsBackend, createBackend('wasm')])
	describe(`Conv2d on the ${backend.name} backend`, () => {
		test('the layer runs the loops: forward, then weight, bias and input gradients', () => {
			const layer = new Conv2d({channels: 1, height: 4, width: 4}, 1, 3, {
				backend,
				weights: Float32Array.of(1, 2, 0, 0, 1, 0, 0, 0, -1),
				biases: Float32Array.of(0.5),
			});
			assert.deepEqual(layer.output, {channels: 1, height: 2, width: 2});
			assert.equal(layer.fanIn, 9);
			const x = Float32Array.from({length: 16}, (_, i) => i + 1);
			assert.deepEqual(Array.from(layer.forward(x, 1).subarray(0, 4)), [0.5, 3.5, 12.5, 15.5]);
			const dx = layer.backward(Float32Array.of(1, 2, 0, -1), 1);
			assert.deepEqual(Array.from(layer.weightGrad), [-1, 1, 3, 7, 9, 11, 15, 17, 19]);
			assert.deepEqual(Array.from(layer.biasGrad), [2]);
			assert.deepEqual(Array.from(dx.subarray(0, 16)), [1, 4, 4, 0, 0, 0, 0, 0, 0, 0, -2, -2, 0, 0, 0, 1]);
		});

		test('the first layer keeps no input gradient but still adds its weight gradients', () => {
			const layer = new Conv2d({channels: 1, height: 3, width: 3}, 2, 2, {backend, inputGradient: false});
			layer.weights.fill(1);
			layer.forward(new Float32Array(9).fill(1), 1);
			assert.equal(layer.backward(new Float32Array(8).fill(1), 1).length, 0);
			// each weight saw a 1 under each of the 4 outputs
			assert.deepEqual(Array.from(layer.weightGrad), new Array(8).fill(4));
		});
	});

describe('Conv2d against finite differences', () => {
	const cases: ReadonlyArray<{name: string; input: ImageShape; filters: number; kernel: number; batch: number}> = [
		{
			name: 'odd sizes 5×7, 2 channels, 3 filters of 3×3, batch 2',
			input: {channels: 2, height: 5, width: 7},
			filters: 3,
			kernel: 3,
			batch: 2,
		},
		{name: 'one filter, one channel, batch 1', input: {channels: 1, height: 4, width: 4}, filters: 1, kernel: 3, batch: 1},
		{name: 'a 1×1 kernel', input: {channels: 3, height: 3, width: 2}, filters: 2, kernel: 1, batch: 2},
		{
			name: 'a kernel as large as the input: one output per filter',
			input: {channels: 2, height: 3, width: 3},
			filters: 2,
			kernel: 3,
			batch: 3,
		},
		{name: 'a 5×5 kernel on 6×5, batch 1', input: {channels: 1, height: 6, width: 5}, filters: 2, kernel: 5, batch: 1},
	];
	for (const [index, {name, input, filters, kernel, batch}] of cases.entries()) {
		test(`${name}: weights, biases and input`, () => {
			const rng = new Rng(40 + index);
			const weightCount = filters * input.channels * kernel * kernel;
			const layer = new Conv2d(input, filters, kernel, {
				backend: createBackend('auto'),
				weights: random(rng, weightCount),
				biases: random(rng, filters),
			});
			const x = random(rng, batch * layer.inputs),
				c = random(rng, batch * layer.outputs);
			const loss = () => linearLoss(layer.forward(x, batch), c);

			layer.forward(x, batch);
			const dx = Float64Array.from(layer.backward(c.slice(), batch).subarray(0, batch * layer.inputs));
			const dw = Float64Array.from(layer.weightGrad),
				db = Float64Array.from(layer.biasGrad);
			checkGradient(layer.weights, dw, loss, 'dK');
			checkGradient(layer.biases, db, loss, 'db');
			checkGradient(x, dx, loss, 'dX');
		});
	}
});
