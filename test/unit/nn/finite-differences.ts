/** Gradients checked against central finite differences of the real layers, in float64. */
import assert from 'node:assert/strict';
import type {Rng} from '../../../source/nn/rng.js';

const eps = 1e-3;
// float32 layers make the differences noisy at about 1e-4; a wrong sign, a transposition
// or a missing 1/m is off by 100% or more
const relativeTolerance = 1e-2;
const absoluteFloor = 5e-4;

export function random(rng: Rng, length: number, low = -1, high = 1): Float32Array {
	const values = new Float32Array(length);
	for (let i = 0; i < length; i++) values[i] = low + (high - low) * rng.next();
	return values;
}

/**
 * Central differences on every entry of `values`, nudged in place; `loss` runs
 * the real layers and sums in float64. The step is measured after float32 rounding.
 */
export function checkGradient(values: Float32Array, analytic: ArrayLike<number>, loss: () => number, what: string): void {
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
export function linearLoss(out: Float32Array, c: Float32Array): number {
	let sum = 0;
	for (let i = 0; i < c.length; i++) sum += c[i]! * out[i]!;
	return sum;
}
