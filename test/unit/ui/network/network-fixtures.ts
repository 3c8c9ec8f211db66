/**
 * A network made by hand for the network view's tests, so its tiles can be
 * read: 784 → 4 → 3 → 10. Unit 1 looks for ink on the left half of the
 * image and against ink on the right; unit 2 for a vertical bar in the
 * middle; unit 3 for the top rows; unit 4 has nothing yet (all zeros).
 */
import type {LayerWeights} from '../../../../source/nn/network.js';

const side = 28;

function unitWeights(value: (row: number, column: number) => number): Float32Array {
	return Float32Array.from({length: side * side}, (_, i) => value(Math.floor(i / side), i % side));
}

const first = [
	unitWeights((_, column) => (column < 14 ? 1 : -1)),
	unitWeights((_, column) => (column >= 12 && column < 16 ? 1 : 0)),
	unitWeights(row => (row < 7 ? 0.5 : 0)),
	unitWeights(() => 0),
];

const dense = (inputs: number, outputs: number, weight: (output: number, input: number) => number): LayerWeights => ({
	inputs,
	outputs,
	weights: Float32Array.from({length: inputs * outputs}, (_, i) => weight(Math.floor(i / inputs), i % inputs)),
	biases: new Float32Array(outputs),
});

export const handmade: readonly LayerWeights[] = [
	{inputs: 784, outputs: 4, weights: Float32Array.from(first.flatMap(unit => Array.from(unit))), biases: new Float32Array(4)},
	dense(4, 3, (output, input) => (output === input ? 1 : 0)),
	dense(3, 10, (output, input) => (output === input + 1 ? 1 : 0)),
];

/** A test digit's worth of pixels: a vertical bar in the middle, rows 4 to 23 (a 1). */
export const bar = Uint8Array.from({length: side * side}, (_, i) => {
	const row = Math.floor(i / side),
		column = i % side;
	return row >= 4 && row < 24 && column >= 13 && column < 15 ? 255 : 0;
});
