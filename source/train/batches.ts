import type {Dataset} from '../data/dataset.js';

/** pixel / 255 for every byte value, so packing a batch is one lookup per pixel. */
const pixelScale = Float32Array.from({length: 256}, (_, value) => value / 255);

/**
 * Copies the images at order[start … start+count) into x as pixel / 255 and
 * their labels into labels. x: [count, imageSize], reused from batch to batch.
 */
export function packBatch(
	dataset: Dataset, order: Uint32Array | null, start: number, count: number,
	x: Float32Array, labels: Uint8Array,
): void {
	const size = dataset.rows * dataset.columns;
	const images = dataset.images;
	for (let r = 0; r < count; r++) {
		const index = order ? order[start + r]! : start + r;
		const from = index * size, to = r * size;
		for (let p = 0; p < size; p++) x[to + p] = pixelScale[images[from + p]!]!;
		labels[r] = dataset.labels ? dataset.labels[index]! : 0;
	}
}

/** 0, 1, … n-1: the order a shuffle starts from. */
export function identityOrder(n: number): Uint32Array {
	const order = new Uint32Array(n);
	for (let i = 0; i < n; i++) order[i] = i;
	return order;
}
