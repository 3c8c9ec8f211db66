import type {Backend} from '../source/nn/backend/backend.js';

/** The training images as the benchmark uses them: bytes, as loaded. */
export interface BenchData {
	/** count × imageSize pixels, 0-255, image after image. */
	readonly images: Uint8Array;
	readonly labels: Uint8Array;
	readonly count: number;
	readonly imageSize: number;
}

/** One training step on the packed batch; returns its summed loss and count of correct predictions. */
export type TrainStep = (x: Float32Array, labels: Uint8Array, batch: number) => Readonly<{loss: number; correct: number}>;
/** Packs the images order[start … start+count) as pixel / 255 somewhere of its own and returns that array. */
export type PackImages = (order: Uint32Array, start: number, count: number) => Float32Array;

export interface EpochResult {
	readonly seconds: number;
	/** Mean cross-entropy over the epoch's images, as each batch saw them. */
	readonly loss: number;
	readonly lastBatchLoss: number;
	readonly accuracy: number;
}

/**
 * Packs batches in a fixed shuffled order into one reusable buffer, scaling
 * pixels to [0, 1] as they are copied; the bytes stay as loaded.
 */
export class Batcher {
	readonly x: Float32Array;
	readonly labels: Uint8Array;

	constructor(
		readonly data: BenchData,
		readonly order: Uint32Array,
		readonly batchSize: number,
	) {
		this.x = new Float32Array(batchSize * data.imageSize);
		this.labels = new Uint8Array(batchSize);
	}

	get count(): number {
		return this.order.length;
	}

	/** Packs order[start..start+batch) and returns the batch size; the images only without `packImages`. */
	pack(start: number, packImages?: PackImages): number {
		const {images, labels, imageSize} = this.data;
		const batch = Math.min(this.batchSize, this.order.length - start);
		for (let r = 0; r < batch; r++) {
			const image = this.order[start + r]!;
			this.labels[r] = labels[image]!;
			if (packImages) continue;
			const from = image * imageSize,
				to = r * imageSize;
			for (let p = 0; p < imageSize; p++) this.x[to + p] = images[from + p]! / 255;
		}
		return batch;
	}
}

/**
 * Runs `batches` steps (all of the epoch when omitted) and times them,
 * packing included: into the batcher's array, or by `packImages`.
 */
export function runEpoch(batcher: Batcher, step: TrainStep, batches = Infinity, packImages?: PackImages): EpochResult {
	let loss = 0,
		lastBatchLoss = 0,
		correct = 0,
		seen = 0;
	const started = performance.now();
	for (let start = 0, done = 0; start < batcher.count && done < batches; start += batcher.batchSize, done++) {
		const batch = batcher.pack(start, packImages);
		const x = packImages ? packImages(batcher.order, start, batch) : batcher.x;
		const result = step(x, batcher.labels, batch);
		loss += result.loss;
		lastBatchLoss = result.loss / batch;
		correct += result.correct;
		seen += batch;
	}
	const seconds = (performance.now() - started) / 1000;
	return {seconds, loss: loss / seen, lastBatchLoss, accuracy: correct / seen};
}

/**
 * The images where `backend` packs them, as a run reads its training
 * images into the kernels' memory (loadTrain's room, source/train/run.ts):
 * on wasm, a copy in its memory. Take it before any `mark` that a
 * `release` follows.
 */
export function heldImages(backend: Backend, images: Uint8Array): Uint8Array {
	if (!backend.imageBytes) return images;
	const held = backend.imageBytes(images.length);
	held.set(images);
	return held;
}
