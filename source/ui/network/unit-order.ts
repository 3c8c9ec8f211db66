import type {UnitOrder} from './network-state.js';

/**
 * The first hidden layer's units in the order the view lists them: by
 * number, by the size of their incoming weights (the root of the sum of
 * squares, largest first), or by how much they fire on the test set on
 * average (most first). `weights` is [units, inputs] row-major.
 */
export function unitOrder(order: UnitOrder, weights: Float32Array, units: number, activity: Float32Array | null): Int32Array {
	const indices = Int32Array.from({length: units}, (_, unit) => unit);
	if (order === 'unit' || (order === 'activity' && !activity)) return indices;
	const inputs = weights.length / units;
	const score =
		order === 'weights'
			? Float64Array.from(indices, unit => {
					let sum = 0;
					for (let i = unit * inputs; i < (unit + 1) * inputs; i++) sum += weights[i]! * weights[i]!;
					return Math.sqrt(sum);
				})
			: Float64Array.from(activity!);
	return indices.sort((a, b) => score[b]! - score[a]! || a - b);
}
