/**
 * Every backend's convolution and max-pool against the plain loops of
 * conv2d.ts and max-pool2d.ts, on many shapes: odd sizes, one filter, one
 * channel, batch 1, kernels of 1 to 5, outputs that do not divide by 4 (the
 * wasm kernels' vectors) and the default network's two layers. Summed in
 * another order, a convolution's result may differ from the loops' by a few
 * float32 roundings of its summed magnitude Σ|terms|; the max-pool moves
 * values and must match exactly, ties included.
 */
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import type {Backend} from '../../../../source/nn/backend/backend.js';
import {createBackend} from '../../../../source/nn/backend/create-backend.js';
import {jsBackend} from '../../../../source/nn/backend/js-backend.js';
import {convForwardLoops, convInputGradLoops, convOutputs, convWeightGradLoops} from '../../../../source/nn/conv2d.js';
import type {ConvGeometry, ImageShape} from '../../../../source/nn/image-shape.js';
import {imageSize} from '../../../../source/nn/image-shape.js';
import {maxPoolBackwardLoops, maxPoolForwardLoops, pooledShape} from '../../../../source/nn/max-pool2d.js';
import {relu} from '../../../../source/nn/relu.js';
import {Rng} from '../../../../source/nn/rng.js';
import {on, random} from './arrays.js';

const backends: readonly Backend[] = [jsBackend, createBackend('wasm')];

type Shape = ConvGeometry & {readonly batch: number};

// the default network's layers, then shapes chosen for their remainders
const named: Shape[] = [
	{batch: 3, channels: 1, height: 28, width: 28, filters: 8, kernel: 5},
	{batch: 2, channels: 8, height: 12, width: 12, filters: 16, kernel: 5},
	{batch: 1, channels: 1, height: 1, width: 1, filters: 1, kernel: 1},
	{batch: 1, channels: 1, height: 4, width: 4, filters: 1, kernel: 3},
	{batch: 2, channels: 2, height: 5, width: 7, filters: 3, kernel: 3},
	{batch: 2, channels: 3, height: 3, width: 2, filters: 2, kernel: 1},
	{batch: 1, channels: 1, height: 6, width: 5, filters: 2, kernel: 5},
	{batch: 3, channels: 2, height: 9, width: 11, filters: 5, kernel: 3},
	{batch: 5, channels: 3, height: 7, width: 6, filters: 1, kernel: 1},
	{batch: 2, channels: 1, height: 13, width: 13, filters: 4, kernel: 4},
	{batch: 1, channels: 5, height: 8, width: 8, filters: 7, kernel: 5},
	{batch: 4, channels: 12, height: 12, width: 12, filters: 24, kernel: 5},
	{batch: 2, channels: 1, height: 17, width: 3, filters: 9, kernel: 2},
	// 16 outputs a row and more, where the wasm weight gradient reads the input in place: 19 and 18 leave 3 and 2 over
	{batch: 2, channels: 2, height: 9, width: 21, filters: 3, kernel: 3},
	{batch: 1, channels: 3, height: 5, width: 20, filters: 5, kernel: 5},
	{batch: 3, channels: 1, height: 4, width: 18, filters: 2, kernel: 1},
];
// every small combination: filters across the 2-row tiles, outputs per row 1 to 9, channels 1 to 3, kernels 1, 3, 5
const remainders: Shape[] = [];
for (const kernel of [1, 3, 5])
	for (const channels of [1, 2, 3])
		for (const filters of [1, 2, 3, 5])
			for (let side = kernel; side <= kernel + 8; side += 2)
				remainders.push({batch: 1 + ((side + filters) % 3), channels, height: side + 1, width: side, filters, kernel});

const text = ({batch, channels, height, width, filters, kernel}: Shape) =>
	`batch ${batch}, ${channels}×${height}×${width}, ${filters} filters of ${kernel}×${kernel}`;

/** Entry by entry within float32 rounding of the summed magnitudes. */
function assertClose(expected: Float32Array, actual: Float32Array, magnitude: Float32Array, what: string): void {
	assert.equal(actual.length, expected.length, `${what}: length`);
	for (let i = 0; i < expected.length; i++) {
		const error = Math.abs(expected[i]! - actual[i]!);
		if (!(error <= 1e-5 * (magnitude[i]! + 1e-6)))
			assert.fail(`${what}[${i}]: loops ${expected[i]}, got ${actual[i]} (magnitude ${magnitude[i]})`);
	}
}

const magnitudes = (values: Float32Array) => values.map(Math.abs);

function checkConvolution(shape: Shape): void {
	const {batch} = shape;
	const rng = new Rng(shape.batch * 7 + shape.channels * 131 + shape.height * 17 + shape.width * 3 + shape.filters * 1009 + shape.kernel);
	const inputs = batch * imageSize(shape),
		outputs = batch * convOutputs(shape),
		weights = shape.filters * shape.channels * shape.kernel * shape.kernel;
	const a = random(rng, inputs),
		w = random(rng, weights),
		b = random(rng, shape.filters),
		dz = random(rng, outputs),
		dw0 = random(rng, weights),
		db0 = random(rng, shape.filters);

	const z = new Float32Array(outputs);
	convForwardLoops(a, w, b, z, batch, shape);
	const activated = z.slice();
	relu(activated);
	const dw = dw0.slice(),
		db = db0.slice();
	convWeightGradLoops(dz, a, dw, db, batch, shape);
	const da = new Float32Array(inputs);
	convInputGradLoops(dz, w, da, batch, shape);
	// the same loops on |values|: Σ|terms| of every result
	const zSize = new Float32Array(outputs);
	convForwardLoops(magnitudes(a), magnitudes(w), magnitudes(b), zSize, batch, shape);
	const dwSize = magnitudes(dw0),
		dbSize = magnitudes(db0);
	convWeightGradLoops(magnitudes(dz), magnitudes(a), dwSize, dbSize, batch, shape);
	const daSize = new Float32Array(inputs);
	convInputGradLoops(magnitudes(dz), magnitudes(w), daSize, batch, shape);

	for (const backend of backends) {
		const what = `${text(shape)}: ${backend.name}`;
		for (const [withRelu, expected] of [
			[false, z],
			[true, activated],
		] as const) {
			// NaN where the result goes: every result is written, not added to what is there
			const out = on(backend, new Float32Array(outputs).fill(Number.NaN));
			backend.convForward(on(backend, a), on(backend, w), on(backend, b), out, batch, shape, withRelu);
			assertClose(expected, out, zSize, `${what} forward${withRelu ? ' + ReLU' : ''}`);
		}
		const gradients = {dw: on(backend, dw0), db: on(backend, db0)};
		backend.convWeightGrad(on(backend, dz), on(backend, a), gradients.dw, gradients.db, batch, shape);
		assertClose(dw, gradients.dw, dwSize, `${what} dW`);
		assertClose(db, gradients.db, dbSize, `${what} db`);
		const inputGradient = on(backend, new Float32Array(inputs).fill(Number.NaN));
		backend.convInputGrad(on(backend, dz), on(backend, w), inputGradient, batch, shape);
		assertClose(da, inputGradient, daSize, `${what} dA`);
	}
}

describe('every backend convolves as the loops do', () => {
	for (const shape of named) test(`${text(shape)}: forward (with and without ReLU), dW and db, dA`, () => checkConvolution(shape));

	test(`every small remainder: ${remainders.length} shapes, kernels 1, 3 and 5`, () => {
		for (const shape of remainders) checkConvolution(shape);
	});
});

const pools: Array<ImageShape & {batch: number}> = [
	{batch: 3, channels: 8, height: 24, width: 24},
	{batch: 2, channels: 16, height: 8, width: 8},
	{batch: 1, channels: 1, height: 2, width: 2},
	{batch: 2, channels: 3, height: 5, width: 7},
	{batch: 1, channels: 2, height: 3, width: 2},
	{batch: 4, channels: 1, height: 9, width: 11},
];

describe('every backend max-pools as the loops do, ties included', () => {
	for (const {batch, ...input} of pools) {
		test(`batch ${batch}, ${input.channels}×${input.height}×${input.width}: values, where each came from, and the gradient`, () => {
			const rng = new Rng(batch + input.channels * 11 + input.height * 101 + input.width * 1009);
			// values from {-1, 0, 1, 2}: many windows have equal largest values
			const a = Float32Array.from({length: batch * imageSize(input)}, () => rng.int(4) - 1);
			const outputs = batch * imageSize(pooledShape(input));
			const dz = random(rng, outputs);
			const z = new Float32Array(outputs),
				where = new Int32Array(outputs);
			maxPoolForwardLoops(a, z, where, batch, input);
			const da = new Float32Array(a.length);
			maxPoolBackwardLoops(dz, where, da, batch, input);
			for (const backend of backends) {
				const out = on(backend, new Float32Array(outputs).fill(Number.NaN));
				const cells = backend.allocate(outputs);
				const places = new Int32Array(cells.buffer, cells.byteOffset, outputs);
				backend.maxPoolForward(on(backend, a), out, places, batch, input);
				assert.deepEqual(Array.from(out), Array.from(z), `${backend.name}: values`);
				assert.deepEqual(Array.from(places), Array.from(where), `${backend.name}: where`);
				const gradient = on(backend, new Float32Array(a.length).fill(Number.NaN));
				backend.maxPoolBackward(on(backend, dz), places, gradient, batch, input);
				assert.deepEqual(Array.from(gradient), Array.from(da), `${backend.name}: gradient`);
			}
		});
	}
});
