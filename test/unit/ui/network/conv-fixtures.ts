/**
 * A convolutional network made by hand for the network view's tests, so its
 * tiles and maps can be read: 1×28×28 → conv 5×5 ×3 → pool → conv 5×5 ×2 →
 * pool → dense 4 → 10. Filter 1 looks for a vertical stroke (ink in the
 * middle column, none beside it), filter 2 for a horizontal one, filter 3
 * passes the middle pixel through. The second convolution's filter 1 reads
 * the first's map 1, its filter 2 the maps 2 and 3.
 */
import type {FeatureWeights} from '../../../../source/nn/feature-weights.js';
import type {LayerWeights} from '../../../../source/nn/network.js';

const kernel = 5;
const taps = kernel * kernel;

const filter = (value: (row: number, column: number) => number): number[] =>
	Array.from({length: taps}, (_, i) => value(Math.floor(i / kernel), i % kernel));

const vertical = filter((_, column) => (column === 2 ? 1 : column === 0 || column === 4 ? -0.5 : 0));
const horizontal = filter(row => (row === 2 ? 1 : row === 0 || row === 4 ? -0.5 : 0));
const middle = filter((row, column) => (row === 2 && column === 2 ? 1 : 0));
/** A filter of the second convolution: over its three input maps, the middle tap of each with these weights. */
const middles = (weights: readonly number[]): number[] =>
	weights.flatMap(weight => filter((row, column) => (row === 2 && column === 2 ? weight : 0)));

export const convFeatures: readonly FeatureWeights[] = [
	{
		type: 'conv2d',
		input: {channels: 1, height: 28, width: 28},
		filters: 3,
		kernel,
		weights: Float32Array.from([...vertical, ...horizontal, ...middle]),
		biases: new Float32Array(3),
	},
	{type: 'maxpool2d', input: {channels: 3, height: 24, width: 24}},
	{
		type: 'conv2d',
		input: {channels: 3, height: 12, width: 12},
		filters: 2,
		kernel,
		weights: Float32Array.from([...middles([1, 0, 0]), ...middles([0, 1, 0.5])]),
		biases: new Float32Array(2),
	},
	{type: 'maxpool2d', input: {channels: 2, height: 8, width: 8}},
	{type: 'flatten', input: {channels: 2, height: 4, width: 4}},
];

const dense = (inputs: number, outputs: number, weight: (output: number, input: number) => number): LayerWeights => ({
	inputs,
	outputs,
	weights: Float32Array.from({length: inputs * outputs}, (_, i) => weight(Math.floor(i / inputs), i % inputs)),
	biases: new Float32Array(outputs),
});

/** Hidden unit u reads the pooled value u·5 (down the maps' diagonals); class u + 1 reads unit u. */
export const convDense: readonly LayerWeights[] = [
	dense(32, 4, (output, input) => (input === output * 5 ? 1 : 0)),
	dense(4, 10, (output, input) => (output === input + 1 ? 1 : 0)),
];
