/**
 * The class probabilities as one row per class, `7 ██████████▌ 97.3% ◀ pred`,
 * every row exactly `width` characters. The predicted and the true class are
 * marked in words, so the marks read without colour.
 */

import {abbreviate} from '../../text/class-names.js';
import {glyphsFor} from '../../text/glyphs.js';
import {barParts} from '../shared/bars.js';

export interface ProbabilityRow {
	/** The class name, padded to the label column. */
	readonly label: string;
	/** The filled part of the bar, then the spaces to the bar's width. */
	readonly bar: string;
	readonly track: string;
	/** " 97.3%", right-aligned in 6 columns after a space. */
	readonly value: string;
	/** " ◀ pred", " ◀ true", " ◀ pred, true", or spaces, padded to the mark column. */
	readonly mark: string;
	readonly predicted: boolean;
	readonly actual: boolean;
}

export interface ProbabilityOptions {
	readonly classes: readonly string[];
	readonly predicted: number;
	/** The true class, null when the test set has no labels. */
	readonly actual: number | null;
	readonly width: number;
	readonly ascii: boolean;
}

/** Below this the bar is not worth drawing and the marks are shortened. */
const minBarWidth = 8;

const markWords = {
	full: {pred: 'pred', true: 'true', both: 'pred, true'},
	short: {pred: 'P', true: 'T', both: 'PT'},
} as const;

export function probabilityRows(
	probabilities: ArrayLike<number>,
	{classes, predicted, actual, width, ascii}: ProbabilityOptions,
): ProbabilityRow[] {
	const arrow = glyphsFor(ascii).pointer;
	const fullLabels = Math.max(...classes.map(name => name.length));
	const shortLabels = Math.max(...classes.map(name => abbreviate(name).length));
	const shapes = [
		{labels: 'full', marks: 'full'},
		{labels: 'short', marks: 'full'},
		{labels: 'short', marks: 'short'},
	] as const;
	const fits = (shape: (typeof shapes)[number]) => {
		const labelWidth = shape.labels === 'full' ? fullLabels : shortLabels;
		const words = markWords[shape.marks];
		// room for "pred, true" whenever there are labels, so the bars keep their width from digit to digit
		const markWidth = 1 + arrow.length + 1 + (actual === null ? words.pred.length : words.both.length);
		return {shape, labelWidth, markWidth, barWidth: width - labelWidth - 1 - 7 - markWidth};
	};
	const chosen = shapes.map(fits).find(candidate => candidate.barWidth >= minBarWidth) ?? fits(shapes[2]);
	const {shape, labelWidth, markWidth} = chosen;
	const barWidth = Math.max(0, chosen.barWidth);
	const words = markWords[shape.marks];
	return classes.map((name, index) => {
		const probability = probabilities[index] ?? 0;
		const isPredicted = index === predicted;
		const isActual = index === actual;
		const word = isPredicted && isActual ? words.both : isPredicted ? words.pred : isActual ? words.true : '';
		const filled = barParts(probability, barWidth, {ascii}).filled;
		const label = shape.labels === 'full' ? name : abbreviate(name);
		return {
			label: label.padEnd(labelWidth),
			bar: filled,
			track: ' '.repeat(barWidth - Array.from(filled).length),
			value: ` ${probabilityText(probability).padStart(6)}`,
			mark: (word ? ` ${arrow} ${word}` : '').padEnd(markWidth),
			predicted: isPredicted,
			actual: isActual,
		};
	});
}

/** A row as one line of text. */
export const probabilityLine = (row: ProbabilityRow): string => `${row.label} ${row.bar}${row.track}${row.value}${row.mark}`;

/** 0.973 -> "97.3%"; never "100.0%" nor "0.0%" unless it is exactly so. */
export function probabilityText(probability: number): string {
	if (!(probability > 0)) return '0.0%';
	if (probability >= 1) return '100.0%';
	if (probability < 0.0005) return '<0.1%';
	if (probability >= 0.9995) return '>99.9%';
	return `${(probability * 100).toFixed(1)}%`;
}
