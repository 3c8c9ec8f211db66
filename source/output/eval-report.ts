import {printable} from '../files/printable.js';
import {abbreviate} from '../text/class-names.js';
import {confusedLine} from '../text/confused-pairs.js';
import {count, loss, percent} from '../text/format.js';
import {areDigits} from '../train/config.js';
import type {ModelEvaluation} from '../train/evaluate-model.js';
import type {Confusion} from '../train/metrics.js';

/** `eval --json`: one JSON object. */
export function evalJson(result: ModelEvaluation, model: string): string {
	return JSON.stringify({
		event: 'eval',
		model,
		layers: result.layers,
		classes: result.classes,
		test: result.testSource,
		testCount: result.testCount,
		testAccuracy: result.evaluation.accuracy,
		testLoss: result.evaluation.loss,
		confusion: result.evaluation.confusion,
	});
}

/** `eval`: the model, its test accuracy and loss, the confusion matrix and the most confused pairs, as lines. */
export function evalText(result: ModelEvaluation, model: string): string[] {
	const {accuracy, confusion} = result.evaluation;
	const lines = [
		`Model ${printable(model)} (${result.layers.join('-')}) on ${count(result.testCount)} test images (${printable(result.testSource)})`,
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
			'',
			confusedLine(confusion, result.classes),
		);
	}
	return lines;
}

/** The confusion matrix as text: rows true label, columns predicted (class names cut short, as on the dashboard). */
export function confusionText(confusion: Confusion, classes: readonly string[] = []): string[] {
	const name = (index: number) => classes[index] ?? String(index);
	const columns = confusion.map((_, c) => abbreviate(name(c)));
	const width = Math.max(4, ...confusion.flat().map(value => String(value).length + 1), ...columns.map(column => column.length + 1));
	const labelWidth = Math.max(9, ...confusion.map((_, r) => name(r).length));
	const header = 'true\\pred'.padEnd(labelWidth) + columns.map(column => column.padStart(width)).join('');
	// digits right-aligned under the corner, as they always were; names read from the left
	const label = (r: number) => (areDigits(classes) ? name(r).padStart(labelWidth) : name(r).padEnd(labelWidth));
	return [header, ...confusion.map((row, r) => label(r) + row.map(value => String(value).padStart(width)).join(''))];
}
