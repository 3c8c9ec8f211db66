import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {accumulateWeightGrad, denseForward, inputGrad} from '../../../../source/nn/backend/js-products.js';
import {Rng} from '../../../../source/nn/rng.js';

// [batch, inputs, outputs]: every remainder of the 2-row, 4-output and 4-row, 2-output tiles
const shapes: Array<[number, number, number]> = [
	[1, 1, 1],
	[1, 3, 2],
	[2, 3, 4],
	[3, 5, 7],
	[7, 13, 5],
	[4, 2, 8],
	[5, 1, 9],
	[6, 4, 3],
	[8, 9, 6],
	[9, 6, 10],
	[2, 1, 1],
	[129, 785, 33],
];

function random(rng: Rng, length: number): Float32Array {
	const values = new Float32Array(length);
	for (let i = 0; i < length; i++) values[i] = rng.next() * 2 - 1;
	return values;
}

/** Each entry against a float64 reference, allowing float32 rounding of the summed magnitudes. */
function assertClose(actual: Float32Array, expected: Float64Array, magnitude: Float64Array, what: string): void {
	assert.equal(actual.length, expected.length, `${what}: length`);
	for (let i = 0; i < expected.length; i++) {
		const error = Math.abs(actual[i]! - expected[i]!);
		assert.ok(error <= 1e-5 * (magnitude[i]! + 1e-6), `${what}[${i}]: ${actual[i]} vs ${expected[i]}`);
	}
}

describe('denseForward', () => {
	for (const [batch, inputs, outputs] of shapes) {
		test(`${batch}x${inputs}x${outputs} equals out[r][o] = Σ x[r][i]·w[o][i] + b[o]`, () => {
			const rng = new Rng(batch * 1000 + inputs * 10 + outputs);
			const x = random(rng, batch * inputs),
				w = random(rng, outputs * inputs),
				b = random(rng, outputs);
			const expected = new Float64Array(batch * outputs),
				magnitude = new Float64Array(batch * outputs);
			for (let r = 0; r < batch; r++) {
				for (let o = 0; o < outputs; o++) {
					let sum = b[o]!,
						size = Math.abs(b[o]!);
					for (let i = 0; i < inputs; i++) {
						sum += x[r * inputs + i]! * w[o * inputs + i]!;
						size += Math.abs(x[r * inputs + i]! * w[o * inputs + i]!);
					}
					expected[r * outputs + o] = sum;
					magnitude[r * outputs + o] = size;
				}
			}
			const out = new Float32Array(batch * outputs).fill(Number.NaN);
			denseForward(x, w, b, out, batch, inputs, outputs);
			assertClose(out, expected, magnitude, 'out');
		});
	}
});

describe('accumulateWeightGrad', () => {
	for (const [batch, inputs, outputs] of shapes) {
		test(`${batch}x${inputs}x${outputs} adds dw[o][i] += Σ dz[r][o]·x[r][i] and db[o] += Σ dz[r][o]`, () => {
			const rng = new Rng(batch * 1000 + inputs * 10 + outputs + 1);
			const dz = random(rng, batch * outputs),
				x = random(rng, batch * inputs);
			const dw0 = random(rng, outputs * inputs),
				db0 = random(rng, outputs);
			const expectedW = new Float64Array(outputs * inputs),
				sizeW = new Float64Array(outputs * inputs);
			for (let o = 0; o < outputs; o++) {
				for (let i = 0; i < inputs; i++) {
					let sum = dw0[o * inputs + i]!,
						size = Math.abs(sum);
					for (let r = 0; r < batch; r++) {
						sum += dz[r * outputs + o]! * x[r * inputs + i]!;
						size += Math.abs(dz[r * outputs + o]! * x[r * inputs + i]!);
					}
					expectedW[o * inputs + i] = sum;
					sizeW[o * inputs + i] = size;
				}
			}
			const expectedB = new Float64Array(outputs),
				sizeB = new Float64Array(outputs);
			for (let o = 0; o < outputs; o++) {
				let sum = db0[o]!,
					size = Math.abs(sum);
				for (let r = 0; r < batch; r++) {
					sum += dz[r * outputs + o]!;
					size += Math.abs(dz[r * outputs + o]!);
				}
				expectedB[o] = sum;
				sizeB[o] = size;
			}
			const dw = dw0.slice(),
				db = db0.slice();
			accumulateWeightGrad(dz, x, dw, db, batch, inputs, outputs);
			assertClose(dw, expectedW, sizeW, 'dw');
			assertClose(db, expectedB, sizeB, 'db');
		});
	}

	test('adds: two calls from zero give twice one call', () => {
		const [batch, inputs, outputs] = [7, 13, 5];
		const rng = new Rng(42);
		const dz = random(rng, batch * outputs),
			x = random(rng, batch * inputs);
		const onceW = new Float32Array(outputs * inputs),
			onceB = new Float32Array(outputs);
		accumulateWeightGrad(dz, x, onceW, onceB, batch, inputs, outputs);
		const twiceW = new Float32Array(outputs * inputs),
			twiceB = new Float32Array(outputs);
		accumulateWeightGrad(dz, x, twiceW, twiceB, batch, inputs, outputs);
		accumulateWeightGrad(dz, x, twiceW, twiceB, batch, inputs, outputs);
		assert.ok(onceW.some(value => value !== 0));
		// doubling a float32 is exact, and the second call repeats the first call's roundings
		for (let i = 0; i < onceW.length; i++) assert.ok(Math.abs(twiceW[i]! - 2 * onceW[i]!) <= 1e-6 * (1 + Math.abs(onceW[i]!)), `dw[${i}]`);
		for (let o = 0; o < outputs; o++) assert.ok(Math.abs(twiceB[o]! - 2 * onceB[o]!) <= 1e-6 * (1 + Math.abs(onceB[o]!)), `db[${o}]`);
	});
});

describe('inputGrad', () => {
	for (const [batch, inputs, outputs] of shapes) {
		test(`${batch}x${inputs}x${outputs} overwrites dx[r][i] = Σ dz[r][o]·w[o][i]`, () => {
			const rng = new Rng(batch * 1000 + inputs * 10 + outputs + 2);
			const dz = random(rng, batch * outputs),
				w = random(rng, outputs * inputs);
			const expected = new Float64Array(batch * inputs),
				magnitude = new Float64Array(batch * inputs);
			for (let r = 0; r < batch; r++) {
				for (let i = 0; i < inputs; i++) {
					let sum = 0,
						size = 0;
					for (let o = 0; o < outputs; o++) {
						sum += dz[r * outputs + o]! * w[o * inputs + i]!;
						size += Math.abs(dz[r * outputs + o]! * w[o * inputs + i]!);
					}
					expected[r * inputs + i] = sum;
					magnitude[r * inputs + i] = size;
				}
			}
			// stale values in dx must not leak into the result
			const dx = random(rng, batch * inputs).map(value => value * 100);
			inputGrad(dz, w, dx, batch, inputs, outputs);
			assertClose(dx, expected, magnitude, 'dx');
		});
	}
});
