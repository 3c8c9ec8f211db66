import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {createBackend} from '../../../source/nn/backend/create-backend.js';
import {jsBackend} from '../../../source/nn/backend/js-backend.js';
import {MaxPool2d, maxPoolBackwardLoops, maxPoolForwardLoops} from '../../../source/nn/max-pool2d.js';
import {Rng} from '../../../source/nn/rng.js';
import {checkGradient, linearLoss, random} from './finite-differences.js';

describe('the max-pool loops by hand', () => {
	test('a 4×4 map becomes 2×2, each the largest of its window', () => {
		// | 1  5 | 2  0 |
		// | 3 -1 | 8  7 |
		// |------+------|
		// | 0  0 |-4 -2 |
		// |-1  6 |-3 -5 |
		const a = Float32Array.of(1, 5, 2, 0, 3, -1, 8, 7, 0, 0, -4, -2, -1, 6, -3, -5);
		const z = new Float32Array(4),
			where = new Int32Array(4);
		maxPoolForwardLoops(a, z, where, 1, {channels: 1, height: 4, width: 4});
		assert.deepEqual(Array.from(z), [5, 8, 6, -2]);
		assert.deepEqual(Array.from(where), [1, 6, 13, 11]);
		const da = new Float32Array(16).fill(Number.NaN);
		maxPoolBackwardLoops(Float32Array.of(10, 20, 30, 40), where, da, 1, {channels: 1, height: 4, width: 4});
		assert.deepEqual(Array.from(da), [0, 10, 0, 0, 0, 0, 20, 0, 0, 0, 0, 40, 0, 30, 0, 0]);
	});

	test('a tie sends the gradient to the first maximum in reading order, none to the others', () => {
		// window 1: all four equal -> top-left; window 2: 7 at top-right and bottom-left -> top-right
		// | 2  2 | 0  7 |
		// | 2  2 | 7  1 |
		const a = Float32Array.of(2, 2, 0, 7, 2, 2, 7, 1);
		const z = new Float32Array(2),
			where = new Int32Array(2);
		const shape = {channels: 1, height: 2, width: 4};
		maxPoolForwardLoops(a, z, where, 1, shape);
		assert.deepEqual(Array.from(z), [2, 7]);
		const da = new Float32Array(8);
		maxPoolBackwardLoops(Float32Array.of(1, 1), where, da, 1, shape);
		assert.deepEqual(Array.from(da), [1, 0, 0, 1, 0, 0, 0, 0]);
	});

	test('an odd last row and column are dropped: 5×5 becomes 2×2', () => {
		// a[y][x] = 5y + x: each window's maximum is its bottom-right; row 4 and column 4 are never read
		const a = Float32Array.from({length: 25}, (_, i) => i);
		const z = new Float32Array(4),
			where = new Int32Array(4);
		maxPoolForwardLoops(a, z, where, 1, {channels: 1, height: 5, width: 5});
		assert.deepEqual(Array.from(z), [6, 8, 16, 18]);
	});

	test('channels and images are pooled separately', () => {
		// two images of two 2×2 channels: each channel is one window
		const a = Float32Array.of(1, 2, 3, 4, -1, -2, -3, -4, 9, 0, 0, 0, 0, 0, 0, 0.5);
		const z = new Float32Array(4),
			where = new Int32Array(4);
		maxPoolForwardLoops(a, z, where, 2, {channels: 2, height: 2, width: 2});
		assert.deepEqual(Array.from(z), [4, -1, 9, 0.5]);
		assert.deepEqual(Array.from(where), [3, 4, 8, 15]);
	});
});

for (const backend of [jsBackend, createBackend('wasm')])
	test(`MaxPool2d on the ${backend.name} backend: shapes, forward, and the gradient to each maximum`, () => {
		const layer = new MaxPool2d({channels: 1, height: 3, width: 4}, backend);
		assert.deepEqual(layer.output, {channels: 1, height: 1, width: 2});
		assert.deepEqual(layer.parameters(), []);
		// | 1 4 | 4 2 |
		// | 3 0 | 1 4 |
		// | 9 9 | 9 9 |   the odd last row is dropped
		const x = Float32Array.of(1, 4, 4, 2, 3, 0, 1, 4, 9, 9, 9, 9);
		assert.deepEqual(Array.from(layer.forward(x, 1).subarray(0, 2)), [4, 4]);
		assert.deepEqual(Array.from(layer.backward(Float32Array.of(-1, 2), 1).subarray(0, 12)), [0, -1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
	});

describe('MaxPool2d against finite differences', () => {
	for (const [name, shape, batch] of [
		['odd sizes 5×7, 3 channels, batch 2', {channels: 3, height: 5, width: 7}, 2],
		['one channel 2×2, batch 1', {channels: 1, height: 2, width: 2}, 1],
		['8×8, 2 channels, batch 3', {channels: 2, height: 8, width: 8}, 3],
	] as const) {
		test(`${name}: the input gradient`, () => {
			const rng = new Rng(60 + batch);
			const layer = new MaxPool2d(shape, createBackend('auto'));
			// values at least 2/n apart, shuffled: no two within the finite-difference step of each other
			const n = batch * layer.inputs;
			const order = Uint32Array.from({length: n}, (_, i) => i);
			rng.shuffle(order);
			const x = Float32Array.from(order, rank => (2 * rank) / n - 1),
				c = random(rng, batch * layer.outputs);
			const loss = () => linearLoss(layer.forward(x, batch), c);
			layer.forward(x, batch);
			const dx = Float64Array.from(layer.backward(c.slice(), batch).subarray(0, batch * layer.inputs));
			checkGradient(x, dx, loss, 'dX');
		});
	}

	test('ties: the gradient to the first maximum is the slope from above, and the tied values together get the slope of moving them together', () => {
		// at a tie the loss has a kink: raising any tied value raises the output, lowering one alone does not.
		// The backward pass gives the whole slope to the first: it is that value's derivative from above, and the
		// sum over the tie is the derivative of moving all tied values together, which has no kink
		const layer = new MaxPool2d({channels: 1, height: 2, width: 2}, jsBackend);
		const x = Float32Array.of(3, 3, 1, 3),
			c = Float32Array.of(2);
		const lossAt = (values: Float32Array) => linearLoss(layer.forward(values, 1), c);
		layer.forward(x, 1);
		const dx = Array.from(layer.backward(c.slice(), 1).subarray(0, 4));
		assert.deepEqual(dx, [2, 0, 0, 0]);
		const eps = 1 / 64;
		const moved = (indices: number[], by: number) => x.map((value, i) => (indices.includes(i) ? value + by : value));
		assert.equal((lossAt(moved([0], eps)) - lossAt(x)) / eps, dx[0], 'the first maximum raised');
		const tied = [0, 1, 3];
		const together = (lossAt(moved(tied, eps)) - lossAt(moved(tied, -eps))) / (2 * eps);
		assert.equal(together, dx[0]! + dx[1]! + dx[3]!, 'the tied values moved together');
		assert.equal((lossAt(moved([2], eps)) - lossAt(moved([2], -eps))) / (2 * eps), dx[2], 'a value below the maximum');
	});
});
