import {IMAGE_PIXELS} from '../../data/dataset.js';

/** What the prediction browser shows: the test images and the network's answers for them. */
export interface BrowserData {
	/** count × 784 test pixels 0-255, each image 28x28 row-major. */
	readonly images: Uint8Array;
	/** The true labels, or null for an unlabelled test CSV (shown as "true ?"). */
	readonly labels: Uint8Array | null;
	/** The predicted class of each image, from the latest finished epoch or the loaded model. */
	readonly predictions: Uint8Array;
	/** [count, classes], row-major. */
	readonly probabilities: Float32Array;
	/** The epoch before's predictions, to say "was 3 at epoch 2". */
	readonly previousPredictions: Uint8Array | null;
	/** The epoch the predictions come from; null for a loaded model. */
	readonly epoch: number | null;
	/** True once no epoch will bring new predictions (the run ended); a loaded model's never change either. */
	readonly final?: boolean;
	/** '0'..'9' or the Fashion-MNIST names. */
	readonly classes: readonly string[];
}

export const imageCount = (data: BrowserData): number => data.predictions.length;

/** The pixels of test image `index` (a view, not a copy). */
export const imagePixelsOf = (data: BrowserData, index: number): Uint8Array =>
	data.images.subarray(index * IMAGE_PIXELS, (index + 1) * IMAGE_PIXELS);

/** The class probabilities of test image `index` (a view, not a copy). */
export const probabilitiesOf = (data: BrowserData, index: number): Float32Array =>
	data.probabilities.subarray(index * data.classes.length, (index + 1) * data.classes.length);

export const trueLabel = (data: BrowserData, index: number): number | null => data.labels?.[index] ?? null;

/** The prediction the epoch before gave, when it differs from the current one. */
export function changedFrom(data: BrowserData, index: number): number | null {
	const before = data.previousPredictions?.[index];
	return before === undefined || before === data.predictions[index] ? null : before;
}
