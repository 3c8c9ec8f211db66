/**
 * Which test images the browser walks through, in which order: computed once
 * per data and filter/order and cached, since every key press asks again.
 */
import {probabilityLoss} from '../../train/evaluate.js';
import {type Cell, type Confusion, confusionMatrix} from '../../train/metrics.js';
import {type BrowserData, imageCount} from './browser-data.js';

export interface BrowserFilter {
	readonly mistakesOnly: boolean;
	/** Only this true label. */
	readonly label: number | null;
	/** Only this confusion cell. */
	readonly cell: Cell | null;
}

/** Test-set order, highest loss (−log p[true]) first, or least confident (lowest top probability) first. */
export type BrowserOrder = 'test' | 'loss' | 'confidence';

export const noFilter: BrowserFilter = {mistakesOnly: false, label: null, cell: null};

export const isFiltered = (filter: BrowserFilter): boolean => filter.mistakesOnly || filter.label !== null || filter.cell !== null;

const lists = new WeakMap<BrowserData, Map<string, Int32Array>>();
const confusions = new WeakMap<BrowserData, Confusion | null>();

/** The test indices that pass the filter, in the order asked for. Cached per data: do not modify. */
export function filteredIndices(
	data: BrowserData,
	{filter, order}: {readonly filter: BrowserFilter; readonly order: BrowserOrder},
): Int32Array {
	const key = `${filter.mistakesOnly}|${filter.label}|${filter.cell?.actual},${filter.cell?.predicted}|${order}`;
	let cached = lists.get(data);
	if (!cached) lists.set(data, (cached = new Map()));
	let list = cached.get(key);
	if (!list) cached.set(key, (list = computeList(data, filter, order)));
	return list;
}

function computeList(data: BrowserData, filter: BrowserFilter, order: BrowserOrder): Int32Array {
	const {labels, predictions} = data;
	const needsLabels = isFiltered(filter);
	// indices straight into a typed array: an epoch brings a new list of the whole test set
	const picked = new Int32Array(needsLabels && labels === null ? 0 : imageCount(data));
	let size = 0;
	for (let index = 0; index < picked.length; index++) {
		if (needsLabels && labels !== null) {
			const actual = labels[index]!;
			const predicted = predictions[index]!;
			if (filter.mistakesOnly && actual === predicted) continue;
			if (filter.label !== null && actual !== filter.label) continue;
			if (filter.cell !== null && (actual !== filter.cell.actual || predicted !== filter.cell.predicted)) continue;
		}
		picked[size++] = index;
	}
	const list = size === picked.length ? picked : picked.slice(0, size);
	// without labels there is no loss: such a list stays in test-set order
	if (order === 'confidence' || (order === 'loss' && labels !== null)) {
		// sort keys, smallest first: the negated loss, or the confidence
		const keys = new Float64Array(picked.length);
		for (const index of list) keys[index] = order === 'loss' ? -imageLoss(data, index)! : confidence(data, index);
		list.sort((a, b) => keys[a]! - keys[b]! || a - b);
	}
	return list;
}

/** −log p[true]: the image's cross-entropy loss; null without labels. */
export function imageLoss(data: BrowserData, index: number): number | null {
	if (data.labels === null) return null;
	const probability = data.probabilities[index * data.classes.length + data.labels[index]!] ?? 0;
	return probabilityLoss(probability);
}

/** The highest class probability: how sure the network is of its answer. */
export function confidence(data: BrowserData, index: number): number {
	const classes = data.classes.length;
	let highest = 0;
	for (let k = 0; k < classes; k++) highest = Math.max(highest, data.probabilities[index * classes + k] ?? 0);
	return highest;
}

/** The confusion matrix of the predictions, cached per data; null without labels. */
export function confusionOf(data: BrowserData): Confusion | null {
	if (!confusions.has(data)) {
		confusions.set(data, data.labels === null ? null : confusionMatrix(data.labels, data.predictions, data.classes.length));
	}
	return confusions.get(data) ?? null;
}
