/**
 * Every backend's products against the engine's reference loops
 * (nn/dense.ts: one float64 sum per result, rounded once): the js backend's
 * register tiles, the wasm kernels, and the wasm kernels for a first layer
 * that skip the zeros of x. Summed in other orders, a result may differ from
 * the reference by a few float32 roundings of its summed magnitude Σ|terms|.
 */
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {defaultTiles} from '../../../../scripts/wasm/kernels-wat.js';
import type {Backend, DenseProducts} from '../../../../source/nn/backend/backend.js';
import {createBackend} from '../../../../source/nn/backend/create-backend.js';
import {jsBackend} from '../../../../source/nn/backend/js-backend.js';
import {forwardLoops, inputGradLoops, weightGradLoops} from '../../../../source/nn/dense.js';
import {relu} from '../../../../source/nn/relu.js';
import {Rng} from '../../../../source/nn/rng.js';
import {on, random} from './arrays.js';

const wasm = createBackend('wasm');
/** Each backend's products, with the arrays they must be given. */
const candidates: Array<{
	name: string;
	products: DenseProducts & Partial<Pick<Backend, 'inputGrad'>>;
	place: (values: Float32Array) => Float32Array;
}> = [
	{name: 'js', products: jsBackend, place: values => on(jsBackend, values)},
	{name: 'wasm', products: wasm, place: values => on(wasm, values)},
	{
		name: 'wasm sparse-input',
		products: {denseForward: wasm.sparseInput.denseForward, accumulateWeightGrad: wasm.sparseInput.accumulateWeightGrad},
		place: values => on(wasm, values),
	},
];

// [batch, inputs, outputs]: shapes asked for, and remainders of the js tiles (2 rows x 4 outputs, 4 rows x 2 outputs)
const named: Array<[number, number, number]> = [
	[1, 1, 1],
	[1, 3, 2],
	[2, 3, 4],
	[3, 5, 7],
	[4, 2, 8],
	[5, 1, 9],
	[6, 4, 3],
	[8, 9, 6],
	[9, 6, 10],
	[7, 13, 5],
	[129, 785, 33],
	[64, 784, 512],
	[128, 784, 128],
	[128, 128, 10],
	// longer than the 256 rows the first layer's weight gradient lists at a time: one chunk and a part, two and a part
	[300, 37, 9],
	[513, 22, 13],
];
// every remainder of the wasm tiles (forward: 2 rows x 4 outputs, 4 inputs a step; gradients: 2 rows x 4·4 columns,
// then 12, 8, 4, 1; first layer: 1 row x 8, 4, 3, 2, 1 outputs, and one group of 4 inputs x 7, 4, 2, 1 outputs)
const remainders: Array<[number, number, number]> = [];
for (const batch of [1, 2, 3, 5]) {
	for (let inputs = 1; inputs <= 4 * defaultTiles.outerVectors + 19; inputs++) {
		for (const outputs of [1, 2, 3, 4, 5, 6, 7, 9, 15, 17]) remainders.push([batch, inputs, outputs]);
	}
}

/** Entry by entry within float32 rounding of the summed magnitudes. */
function assertClose(reference: Float32Array, actual: Float32Array, magnitude: Float64Array, what: string): void {
	assert.equal(actual.length, reference.length, `${what}: length`);
	for (let i = 0; i < reference.length; i++) {
		const error = Math.abs(reference[i]! - actual[i]!);
		if (!(error <= 1e-5 * (magnitude[i]! + 1e-6)))
			assert.fail(`${what}[${i}]: reference ${reference[i]}, got ${actual[i]} (magnitude ${magnitude[i]})`);
	}
}

/** sizes[index] += |term| */
const add = (sizes: Float64Array, index: number, term: number) => {
	sizes[index] = sizes[index]! + Math.abs(term);
};

/**
 * The three products of one shape from random operands (`zeros`: the share
 * of x that is 0, in runs as in images), by the reference loops and by every
 * backend, compared result by result.
 */
function checkShape(batch: number, inputs: number, outputs: number, zeros = 0): void {
	const rng = new Rng(batch * 1_000_003 + inputs * 1009 + outputs);
	const x = random(rng, batch * inputs),
		w = random(rng, outputs * inputs),
		b = random(rng, outputs);
	for (let i = 0; i < x.length; ) {
		const run = 1 + rng.int(12),
			zero = rng.next() < zeros;
		for (const end = Math.min(x.length, i + run); i < end; i++) if (zero) x[i] = 0;
	}
	const dz = random(rng, batch * outputs),
		dw0 = random(rng, outputs * inputs),
		db0 = random(rng, outputs);
	const shape = `${batch}x${inputs}x${outputs}`;

	const z = new Float32Array(batch * outputs);
	forwardLoops(x, w, b, z, batch, inputs, outputs);
	const a = z.slice();
	relu(a);
	const dw = dw0.slice(),
		db = db0.slice();
	weightGradLoops(dz, x, dw, db, batch, inputs, outputs);
	// with replace, the sums alone: the loops on zeros
	const dwAlone = new Float32Array(outputs * inputs),
		dbAlone = new Float32Array(outputs);
	weightGradLoops(dz, x, dwAlone, dbAlone, batch, inputs, outputs);
	const dx = new Float32Array(batch * inputs);
	inputGradLoops(dz, w, dx, batch, inputs, outputs);

	// Σ|terms| of every result: the scale of its rounding errors
	const zSize = new Float64Array(batch * outputs),
		dxSize = new Float64Array(batch * inputs),
		dwSize = Float64Array.from(dw0, Math.abs),
		dbSize = Float64Array.from(db0, Math.abs);
	for (let r = 0; r < batch; r++) {
		for (let o = 0; o < outputs; o++) {
			const g = dz[r * outputs + o]!;
			add(zSize, r * outputs + o, b[o]!);
			add(dbSize, o, g);
			for (let i = 0; i < inputs; i++) {
				add(zSize, r * outputs + o, x[r * inputs + i]! * w[o * inputs + i]!);
				add(dwSize, o * inputs + i, g * x[r * inputs + i]!);
				add(dxSize, r * inputs + i, g * w[o * inputs + i]!);
			}
		}
	}

	for (const {name, products, place} of candidates) {
		for (const [withRelu, expected] of [
			[false, z],
			[true, a],
		] as const) {
			// NaN where the result goes: a product must write every result, not add to what is there
			const out = place(new Float32Array(batch * outputs).fill(Number.NaN));
			products.denseForward(place(x), place(w), place(b), out, batch, inputs, outputs, withRelu);
			assertClose(expected, out, zSize, `${shape} ${name} forward${withRelu ? ' + ReLU' : ''}`);
			if (withRelu)
				assert.ok(
					out.every(value => value >= 0),
					`${shape}: ${name} ReLU left a negative`,
				);
		}
		// dW and db add to what is there
		const gradients = {dw: place(dw0), db: place(db0)};
		products.accumulateWeightGrad(place(dz), place(x), gradients.dw, gradients.db, batch, inputs, outputs);
		assertClose(dw, gradients.dw, dwSize, `${shape} ${name} dW`);
		assertClose(db, gradients.db, dbSize, `${shape} ${name} db`);
		// with replace, written over what is there: NaN would show through any sum added to it
		const replaced = {
			dw: place(new Float32Array(outputs * inputs).fill(Number.NaN)),
			db: place(new Float32Array(outputs).fill(Number.NaN)),
		};
		products.accumulateWeightGrad(place(dz), place(x), replaced.dw, replaced.db, batch, inputs, outputs, true);
		assertClose(dwAlone, replaced.dw, dwSize, `${shape} ${name} dW replaced`);
		assertClose(dbAlone, replaced.db, dbSize, `${shape} ${name} db replaced`);
		if (!products.inputGrad) continue;
		const inputGradient = place(new Float32Array(batch * inputs).fill(Number.NaN));
		products.inputGrad(place(dz), place(w), inputGradient, batch, inputs, outputs);
		assertClose(dx, inputGradient, dxSize, `${shape} ${name} dX`);
	}
}

describe('every backend computes what the reference loops compute', () => {
	for (const [batch, inputs, outputs] of named) {
		test(`${batch}x${inputs}x${outputs}: forward (with and without ReLU), dW and db (added and replaced), dX`, () =>
			checkShape(batch, inputs, outputs));
	}

	test(`every tile remainder: ${remainders.length} shapes from 1x1x1 to 5x${remainders.at(-1)![1]}x${remainders.at(-1)![2]}`, () => {
		for (const [batch, inputs, outputs] of remainders) checkShape(batch, inputs, outputs);
	});

	for (const zeros of [0.5, 0.8, 1]) {
		test(`x ${zeros * 100}% zeros, in runs: the first layer's products that skip them`, () => {
			for (const [batch, inputs, outputs] of [
				...remainders.filter((_, index) => index % 7 === 0),
				[7, 13, 5],
				[129, 785, 33],
				[64, 784, 512],
				[300, 37, 9],
				[513, 22, 13],
			] as const) {
				checkShape(batch, inputs, outputs, zeros);
			}
		});
	}
});
