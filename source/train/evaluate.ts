import type {Dataset} from '../data/dataset.js';
import {InputError} from '../errors.js';
import type {Network} from '../nn/network.js';
import {argmaxRow} from '../nn/softmax-cross-entropy.js';
import {packLabels} from './batches.js';
import {type Confusion, confusionMatrix} from './metrics.js';

/** How a network does on a dataset, image by image and overall. */
export interface Evaluation {
	/** Mean cross-entropy, or null without labels. */
	readonly loss: number | null;
	/** Fraction right, or null without labels. */
	readonly accuracy: number | null;
	readonly confusion: Confusion | null;
	/** The predicted class of each image. */
	readonly predictions: Uint8Array;
	/** [count, classes] class probabilities. */
	readonly probabilities: Float32Array;
	/** Each hidden unit's mean activation over the images, one array per hidden layer: which units fire most. */
	readonly meanActivations: readonly Float32Array[];
}

const evaluationBatch = 1000;
/** The loss of a probability of exactly 0 is capped here instead of being infinite. */
const smallestProbability = 1e-12;

/** −log p, the cross-entropy of an image whose true class got probability p, capped for p = 0. */
export const probabilityLoss = (probability: number): number => -Math.log(Math.max(probability, smallestProbability));

/**
 * Runs the network over the whole dataset in batches. The work on each
 * batch's rows is in functions of its own: V8 compiles each small one
 * once, rather than this whole loop, with everything it calls, again and
 * again as the shapes of the arrays it met changed (100-150 ms of a core
 * in a run's first seconds).
 */
export function evaluate(network: Network, dataset: Dataset): Evaluation {
	const classes = network.classes;
	const batch = Math.min(evaluationBatch, Math.max(dataset.count, 1));
	const batchLabels = new Uint8Array(batch);
	const predictions = new Uint8Array(dataset.count);
	const probabilities = new Float32Array(dataset.count * classes);
	const activationSums = network.sizes.slice(1, -1).map(units => new Float64Array(units));
	const scores = {loss: 0, correct: 0};
	for (let start = 0; start < dataset.count; start += batch) {
		const count = Math.min(batch, dataset.count - start);
		const x = network.packImages(dataset.images, null, start, count);
		packLabels(dataset, null, start, count, batchLabels);
		const output = network.predict(x, count);
		addActivations(network.hiddenActivations(count), count, activationSums);
		probabilities.set(output.subarray(0, count * classes), start * classes);
		scoreRows(output, batchLabels, count, classes, predictions.subarray(start, start + count), scores);
	}
	const meanActivations = activationSums.map(sums => Float32Array.from(sums, sum => sum / Math.max(dataset.count, 1)));
	if (!dataset.labels || dataset.count === 0) {
		return {loss: null, accuracy: null, confusion: null, predictions, probabilities, meanActivations};
	}
	return {
		loss: scores.loss / dataset.count,
		accuracy: scores.correct / dataset.count,
		confusion: confusionMatrix(dataset.labels, predictions, classes),
		predictions,
		probabilities,
		meanActivations,
	};
}

/** Each row's predicted class into `predictions`, and its loss and whether it is right added to `scores`. */
function scoreRows(
	output: Float32Array,
	labels: Uint8Array,
	count: number,
	classes: number,
	predictions: Uint8Array,
	scores: {loss: number; correct: number},
): void {
	for (let r = 0; r < count; r++) {
		const predicted = argmaxRow(output, r, classes);
		predictions[r] = predicted;
		if (predicted === labels[r]) scores.correct++;
		scores.loss += probabilityLoss(output[r * classes + labels[r]!]!);
	}
}

/** Adds each hidden layer's activations, [rows, units], into its sums by unit. */
function addActivations(layers: readonly Float32Array[], rows: number, sums: readonly Float64Array[]): void {
	for (let layer = 0; layer < layers.length; layer++) addRows(layers[layer]!, rows, sums[layer]!);
}

/** Adds each column of a [rows, sums.length] matrix into sums. */
function addRows(matrix: Float32Array, rows: number, sums: Float64Array): void {
	const units = sums.length;
	for (let r = 0; r < rows; r++) for (let u = 0; u < units; u++) sums[u] = sums[u]! + matrix[r * units + u]!;
}

/** Refuses a saved model whose first layer does not take the dataset's images. */
export function checkInputs(network: Network, dataset: Dataset, model: string): void {
	const pixels = dataset.rows * dataset.columns;
	if (network.sizes[0] !== pixels) {
		throw new InputError(`--model ${model}: the model takes ${network.sizes[0]} inputs but the images have ${pixels} pixels`);
	}
}

/** Refuses labels the network has no output for (a 10-class dataset on a smaller model). */
export function checkLabels(dataset: Dataset, classes: number): void {
	const labels = dataset.labels;
	if (!labels) return;
	for (let i = 0; i < labels.length; i++) {
		if (labels[i]! >= classes)
			throw new InputError(`${dataset.source}: label ${labels[i]} of image ${i + 1} is beyond the model's ${classes} classes`);
	}
}
