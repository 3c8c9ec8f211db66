import type {Network} from '../source/nn/network.js';

/** How far two runs of the same epoch ended apart: their losses (judged) and their weights (reported). */

/** Epoch losses further apart than this (relative) fail the benchmark. */
export const lossTolerance = 1e-3;

export interface Difference {
	/** |loss − other loss| / other loss, of the epoch losses */
	readonly loss: number;
	/** sqrt(Σ (w − other)²) / sqrt(Σ other²) over all weights and biases */
	readonly relativeRms: number;
	readonly max: number;
}

export function agrees(difference: Difference): boolean {
	return difference.loss <= lossTolerance;
}

export function values(network: Network): Float32Array[] {
	return network.parameters().map(parameter => parameter.value);
}

export function weightDifference(arrays: Float32Array[], others: Float32Array[]): Omit<Difference, 'loss'> {
	let max = 0,
		squares = 0,
		otherSquares = 0;
	arrays.forEach((a, index) => {
		const b = others[index]!;
		if (a.length !== b.length) max = squares = Infinity;
		else {
			for (let k = 0; k < a.length; k++) {
				const difference = Math.abs(a[k]! - b[k]!);
				max = Math.max(max, difference);
				squares += difference * difference;
				otherSquares += b[k]! * b[k]!;
			}
		}
	});
	return {relativeRms: Math.sqrt(squares / otherSquares), max};
}
