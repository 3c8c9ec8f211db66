import type {Dataset} from '../data/dataset.js';

/**
 * The labels of the images at order[start … start+count) (start + r without
 * an order) into `labels`, reused from batch to batch; the network packs the
 * pixels itself (Network.packImages). An unlabelled set gives zeros.
 */
export function packLabels(dataset: Dataset, order: Uint32Array | null, start: number, count: number, labels: Uint8Array): void {
	for (let r = 0; r < count; r++) {
		const index = order ? order[start + r]! : start + r;
		labels[r] = dataset.labels ? dataset.labels[index]! : 0;
	}
}

/** 0, 1, … n-1: the order a shuffle starts from. */
export function identityOrder(n: number): Uint32Array {
	const order = new Uint32Array(n);
	for (let i = 0; i < n; i++) order[i] = i;
	return order;
}
