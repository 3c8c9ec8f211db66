import asciichart from 'asciichart';
import {glyphsFor} from '../../text/glyphs.js';
import {type Range, rowValues} from './chart-series.js';

/** A stretch of one chart line drawn by one series (its index), or by the axis and labels (null). */
export interface ChartRun {
	readonly text: string;
	readonly series: number | null;
}
export type ChartLine = readonly ChartRun[];

/** asciichart's symbols for a series: the first solid, the others dashed (glyphs.chart). */
const symbolsOf = (series: number, ascii: boolean): readonly string[] => glyphsFor(ascii).chart[series === 0 ? 'solid' : 'dashed'];

/** The first series is drawn solid, the others dashed: they stay apart without colour. */
export const lineSample = (series: number, ascii: boolean): string => {
	return symbolsOf(series, ascii)[4]!.repeat(2);
};

/** The y-axis labels, top row first, right-aligned to one width so every line starts the same. */
export function axisLabels(range: Range, rows: number, format: (value: number) => string): string[] {
	const texts = rowValues(range, rows).map(format);
	// asciichart overwrites a label shorter than 2 with the axis
	const width = Math.max(3, ...texts.map(text => text.length));
	return texts.map(text => text.padStart(width));
}

/** Points that fit beside labels of this width: the first point sits on the axis. */
export const plotColumns = (width: number, labelWidth: number): number => Math.max(0, width - labelWidth - 1);

/**
 * Draws the series with asciichart on exactly `labels.length` rows. asciichart
 * rounds its own scaling, which can add a row; so the values are first mapped
 * onto the rows 1..rows and drawn at one row per unit. Each line is
 * labelWidth + 1 + (longest series) characters wide.
 */
export function plotLines(series: readonly (readonly number[])[], range: Range, labels: readonly string[], ascii: boolean): ChartLine[] {
	const rows = labels.length;
	const labelWidth = labels[0]?.length ?? 0;
	const points = Math.max(0, ...series.map(values => values.length));
	if (rows === 0) return [];
	const span = range.max - range.min;
	const toRow = (value: number) => {
		const share = Number.isFinite(value) && span > 0 ? (value - range.min) / span : value < range.min ? 0 : 1;
		return 1 + Math.min(1, Math.max(0, share)) * (rows - 1);
	};
	const axisColumn = labelWidth + 1;
	const cells = labels.map(label => [...label, ' ', symbolsOf(0, ascii)[1]!, ...' '.repeat(Math.max(0, points - 1))]);
	const owners = labels.map(() => new Array<number | null>(axisColumn + points).fill(null));
	series.forEach((values, index) => {
		if (values.length === 0) return;
		const symbols = symbolsOf(index, ascii);
		const drawn = asciichart.plot(values.map(toRow), {
			min: 1,
			max: rows,
			height: rows - 1,
			offset: 3,
			symbols,
			format: (_, row) => labels[row] ?? '',
		});
		drawn.split('\n').forEach((line, row) => {
			const characters = Array.from(line);
			for (let column = axisColumn; column < axisColumn + points; column++) {
				const character = characters[column];
				const drawsHere = column === axisColumn ? character === symbols[0] : character !== undefined && character !== ' ';
				if (!drawsHere) continue;
				cells[row]![column] = character!;
				owners[row]![column] = index;
			}
		});
	});
	return cells.map((line, row) => toRuns(line, owners[row]!));
}

function toRuns(characters: readonly string[], owners: readonly (number | null)[]): ChartRun[] {
	const runs: ChartRun[] = [];
	characters.forEach((character, column) => {
		const series = owners[column] ?? null;
		const last = runs.at(-1);
		if (last && last.series === series) runs[runs.length - 1] = {text: last.text + character, series};
		else runs.push({text: character, series});
	});
	return runs;
}

/** The runs cut to at most `width` characters. */
export function fitRuns(runs: ChartLine, width: number): ChartRun[] {
	const result: ChartRun[] = [];
	let room = Math.max(0, width);
	for (const run of runs) {
		if (room === 0) break;
		const characters = Array.from(run.text);
		const text = characters.slice(0, room).join('');
		room -= Math.min(room, characters.length);
		result.push({...run, text});
	}
	return result;
}

export const runsWidth = (runs: ChartLine): number => runs.reduce((sum, run) => sum + Array.from(run.text).length, 0);
