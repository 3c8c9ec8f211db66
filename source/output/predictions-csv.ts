/**
 * `predict`: one row per test image, `ImageId,Label`, ImageId from 1 and
 * Label the predicted class index (0-9, for Fashion-MNIST too): the format
 * Kaggle's digit-recognizer competition takes. `--probabilities` adds a
 * column per class, `p0`…`p9`, with six decimals.
 */
import {InputError} from '../errors.js';
import {longestTemporaryName, writeFileAtomically} from '../files/atomic-file.js';
import {printable} from '../files/printable.js';
import type {FileKind} from '../files/written-files.js';
import {count, percent} from '../text/format.js';
import type {Evaluation} from '../train/evaluate.js';

/** Decimals of a probability: float32 carries about seven significant digits, so six decimals lose nothing a reader can use. */
const probabilityDecimals = 6;

export function predictionsHeader(classes: number, withProbabilities: boolean): string {
	const columns = ['ImageId', 'Label'];
	if (withProbabilities) for (let c = 0; c < classes; c++) columns.push(`p${c}`);
	return columns.join(',');
}

/** The whole CSV text, header first, each line ending in a newline. */
export function predictionsCsv(
	{predictions, probabilities}: Pick<Evaluation, 'predictions' | 'probabilities'>,
	classes: number,
	withProbabilities: boolean,
): string {
	const lines = [predictionsHeader(classes, withProbabilities)];
	for (let image = 0; image < predictions.length; image++) {
		let line = `${image + 1},${predictions[image]}`;
		if (withProbabilities) {
			for (let c = 0; c < classes; c++) line += `,${probabilities[image * classes + c]!.toFixed(probabilityDecimals)}`;
		}
		lines.push(line);
	}
	return `${lines.join('\n')}\n`;
}

/**
 * What --out writes: a predictions CSV, a regular file only (written through
 * a temporary file beside it, then renamed). An existing file is one when its
 * first line is the header above and every whole line read at its start and
 * its end is a row of that shape, ending with a newline. A file of this
 * shape from elsewhere (Kaggle's sample_submission.csv) holds nothing else
 * and is taken too; a CSV with other columns, notes or a model is not.
 */
export const predictionsFileKind: FileKind = {
	name: 'a predictions CSV (ImageId,Label)',
	streams: false,
	recognise(head, tail) {
		if (!tail.endsWith('\n')) return false;
		const [header = '', ...rest] = head.split('\n');
		const probabilities = /^ImageId,Label((?:,p\d+)*)$/.exec(header)?.[1]?.split(',').slice(1);
		if (probabilities === undefined || probabilities.some((name, index) => name !== `p${index}`)) return false;
		const row = new RegExp(`^[1-9]\\d*,\\d+(?:,[01]\\.\\d{${probabilityDecimals}}){${probabilities.length}}$`);
		// the head's last piece and the tail's first may be cut mid-line
		const lines = [...rest.slice(0, -1), ...(tail === head ? [] : tail.split('\n').slice(1, -1))];
		return lines.every(line => row.test(line));
	},
	temporaryName: longestTemporaryName,
};

/** Writes the CSV text to --out atomically: the file is always either the old or the new complete one. */
export function writePredictionsFile(path: string, text: string): void {
	try {
		writeFileAtomically(path, text);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		throw new InputError(`--out ${path}: cannot write the predictions (${code ?? String(error)})`);
	}
}

/** The line said at the end: how many predictions went where, and the accuracy when the test images have labels. */
export function predictionsSummary(predictions: number, where: string, accuracy: number | null): string {
	const written = `Wrote ${count(predictions)} prediction${predictions === 1 ? '' : 's'} to ${printable(where)}`;
	if (accuracy === null) return `${written} (the test images have no labels: no accuracy)`;
	return `${written}; test accuracy ${percent(accuracy)} (${count(Math.round(accuracy * predictions))} of ${count(predictions)})`;
}
