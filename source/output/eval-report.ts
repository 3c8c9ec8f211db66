import {printable} from '../files/printable.js';
import {abbreviate, imagesNoun} from '../text/class-names.js';
import {confusedLine} from '../text/confused-pairs.js';
import {count, loss, percent, sharePercent} from '../text/format.js';
import {glyphsFor} from '../text/glyphs.js';
import {networkName} from '../text/network-name.js';
import {areDigits} from '../train/config.js';
import type {ModelEvaluation} from '../train/evaluate-model.js';
import type {Confusion} from '../train/metrics.js';
import {archFields} from '../train/network-architecture.js';

/** `eval --json`: one JSON object. */
export function evalJson(result: ModelEvaluation, model: string): string {
	return JSON.stringify({
		event: 'eval',
		model,
		layers: result.layers,
		...archFields(result.architecture),
		classes: result.classes,
		test: result.testSource,
		testCount: result.testCount,
		testAccuracy: result.evaluation.accuracy,
		testLoss: result.evaluation.loss,
		confusion: result.evaluation.confusion,
	});
}

/** What `browse` leaves on the normal screen: "mnist-tui: browsed model.json (784-512-10) on 10,000 test digits: 97.97% (9,797)". */
export function browseSummary(result: ModelEvaluation, model: string): string {
	const {accuracy} = result.evaluation;
	const right = accuracy === null ? '' : `: ${percent(accuracy)} (${count(Math.round(accuracy * result.testCount))})`;
	const unlabelled = accuracy === null ? ' (no labels, so no accuracy)' : '';
	return `mnist-tui: browsed ${printable(model)} (${networkName(result.layers, result.architecture)}) on ${count(result.testCount)} test ${imagesNoun(result.classes)}${right}${unlabelled}`;
}

/** `eval`: the model, its test accuracy and loss, the confusion matrix and the most confused pairs, as lines. */
export function evalText(result: ModelEvaluation, model: string): string[] {
	const {accuracy, confusion} = result.evaluation;
	const lines = [
		`Model ${printable(model)} (${networkName(result.layers, result.architecture)}) on ${count(result.testCount)} test images from ${printable(result.testSource)}`,
	];
	if (accuracy === null || confusion === null) {
		lines.push('The test images have no labels: no accuracy to report.');
	} else {
		const right = Math.round(accuracy * result.testCount);
		lines.push(
			`Test accuracy ${percent(accuracy)} (${count(right)} of ${count(result.testCount)}), test loss ${loss(result.evaluation.loss ?? 0)}`,
			'',
		);
		lines.push(
			'Confusion (rows: true label, columns: predicted)',
			...confusionText(confusion, result.classes),
			...sharesLegend,
			'',
			confusedLine(confusion, result.classes),
		);
	}
	return lines;
}

/**
 * The confusion matrix as text, in the dashboard's words: rows true label, columns predicted (class names cut short),
 * "·" for a mistake never made, each row's recall and each column's precision (in percent, as the dashboard's matrix).
 */
export function confusionText(confusion: Confusion, classes: readonly string[] = []): string[] {
	const name = (index: number) => classes[index] ?? String(index);
	const columns = confusion.map((_, c) => abbreviate(name(c)));
	// room for "99.1" and a space in every column
	const width = Math.max(5, ...confusion.flat().map(value => String(value).length + 1), ...columns.map(column => column.length + 1));
	const labelWidth = Math.max(9, ...confusion.map((_, r) => name(r).length));
	const {zero} = glyphsFor(false);
	const header = 'true\\pred'.padEnd(labelWidth) + columns.map(column => column.padStart(width)).join('') + recallHeader;
	// digits right-aligned under the corner, as they always were; names read from the left
	const label = (r: number) => (areDigits(classes) ? name(r).padStart(labelWidth) : name(r).padEnd(labelWidth));
	const rows = confusion.map((row, r) => {
		const total = row.reduce((sum, value) => sum + value, 0);
		const cells = row.map((value, c) => (value === 0 && c !== r ? zero : String(value)).padStart(width)).join('');
		const recall = total === 0 ? '-' : sharePercent((row[r] ?? 0) / total, 1, true);
		return label(r) + cells + recall.padStart(recallHeader.length);
	});
	const precision = confusion.map((_, c) => {
		const predicted = confusion.reduce((sum, row) => sum + (row[c] ?? 0), 0);
		return (predicted === 0 ? '-' : sharePercent((confusion[c]?.[c] ?? 0) / predicted, 1, false)).padStart(width);
	});
	return [header, ...rows, 'precision'.padEnd(labelWidth) + precision.join('')];
}

const recallHeader = ' recall';

/** Under the matrix: what its two margins mean, for whoever meets them first here. */
const sharesLegend = [
	'recall: of the images of a true label, the share predicted right (%)',
	'precision: of the images predicted as a label, the share that are right (%)',
];
