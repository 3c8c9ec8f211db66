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

/** The cell where two series' points fall together: drawn with its own mark, so neither hides the other. */
export const meetingMark = (ascii: boolean): string => glyphsFor(ascii).chart.meeting;

export interface Plot {
	readonly lines: ChartLine[];
	/** Whether two series' points fall in one cell somewhere (drawn with meetingMark). */
	readonly meeting: boolean;
}

/**
 * Draws the series with asciichart on exactly `labels.length` rows. asciichart
 * rounds its own scaling, which can add a row; so the values are first mapped
 * onto the rows 1..rows and drawn at one row per unit. Each line is
 * labelWidth + 1 + (longest series) characters wide.
 *
 * Where the lines share a cell, the one with a point there (pointColumns: the
 * columns of each series' real points, not the ones drawn between; all of them
 * when not given) keeps it,
 * else the first series (train, solid) does; two points in one cell get the
 * meeting mark.
 */
export function plotLines(
	series: readonly (readonly number[])[],
	range: Range,
	labels: readonly string[],
	ascii: boolean,
	pointColumns: readonly (readonly number[] | undefined)[] = [],
): Plot {
	const rows = labels.length;
	const labelWidth = labels[0]?.length ?? 0;
	const points = Math.max(0, ...series.map(values => values.length));
	if (rows === 0) return {lines: [], meeting: false};
	const span = range.max - range.min;
	const toRow = (value: number) => {
		const share = Number.isFinite(value) && span > 0 ? (value - range.min) / span : value < range.min ? 0 : 1;
		return 1 + Math.min(1, Math.max(0, share)) * (rows - 1);
	};
	const axisColumn = labelWidth + 1;
	const drawings = series.map((values, index) => drawSeries(values.map(toRow), index, labels, ascii));
	// the line each series' point sits on (asciichart draws value v on row round(v) counted from the bottom), -1 where it has none
	const pointRows = series.map((values, index) => {
		const onLine = new Int32Array(points).fill(-1);
		const columns = pointColumns[index];
		for (let point = 0; point < values.length; point++) onLine[point] = rows - Math.round(toRow(values[point]!));
		if (columns !== undefined) {
			const real = new Uint8Array(points);
			for (const column of columns) if (column >= 0 && column < points) real[column] = 1;
			for (let point = 0; point < points; point++) if (real[point] === 0) onLine[point] = -1;
		}
		return onLine;
	});
	const mark = meetingMark(ascii);
	const axis = symbolsOf(0, ascii)[1]!;
	let meeting = false;
	const lines = labels.map((label, row) => {
		const runs: ChartRun[] = [{text: `${label} `, series: null}];
		// the y axis' column is the first point's: with no points, it is the axis alone
		let text: string[] = points === 0 ? [axis] : [];
		let owner: number | null = null;
		for (let point = 0; point < points; point++) {
			// the series that draw here, in order: the first of them, and the ones with a point here (how many, and the first)
			let drawer = -1;
			let withPoint = 0;
			let pointed = -1;
			for (let index = 0; index < drawings.length; index++) {
				if (!drawings[index]!.drawsAt(row, axisColumn + point, point)) continue;
				if (drawer < 0) drawer = index;
				if (pointRows[index]![point] === row) {
					withPoint++;
					if (pointed < 0) pointed = index;
				}
			}
			let character = point === 0 ? axis : ' ';
			let series: number | null = null;
			if (drawer >= 0) {
				if (withPoint > 1) meeting = true;
				series = withPoint === 1 ? pointed : withPoint > 1 ? null : drawer;
				character = series === null ? mark : drawings[series]!.characterAt(row, axisColumn + point);
			}
			if (series !== owner) {
				runs.push({text: text.join(''), series: owner});
				text = [];
				owner = series;
			}
			text.push(character);
		}
		runs.push({text: text.join(''), series: owner});
		return mergedRuns(runs);
	});
	return {lines, meeting};
}

/** What one series draws, as asciichart drew it at one row per unit of `rowValues`. */
interface Drawing {
	/** Whether the series draws in this row and plot column (`point`), whose character is `column` of the line. */
	drawsAt(row: number, column: number, point: number): boolean;
	characterAt(row: number, column: number): string;
}

/** Series `index` drawn by asciichart on the rows of `labels`, its values already mapped onto them (rowValues). */
function drawSeries(rowValues: readonly number[], index: number, labels: readonly string[], ascii: boolean): Drawing {
	const rows = labels.length;
	const symbols = symbolsOf(index, ascii);
	const lines =
		rowValues.length === 0
			? []
			: asciichart
					.plot(rowValues.slice(), {min: 1, max: rows, height: rows - 1, offset: 3, symbols, format: (_, row) => labels[row] ?? ''})
					.split('\n')
					// a character each: every glyph is one UTF-16 unit but for a label's rare other ones
					.map(line => (/[\uD800-\uDFFF]/.test(line) ? Array.from(line) : line));
	return {
		drawsAt(row, column, point) {
			const character = lines[row]?.[column];
			return point === 0 ? character === symbols[0] : character !== undefined && character !== ' ';
		},
		characterAt: (row, column) => lines[row]?.[column] ?? '',
	};
}

/** The runs with the empty ones left out and neighbours of one series joined (the axis and the labels are one run). */
function mergedRuns(runs: readonly ChartRun[]): ChartRun[] {
	const merged: ChartRun[] = [];
	for (const run of runs) {
		if (run.text === '') continue;
		const last = merged.at(-1);
		if (last && last.series === run.series) merged[merged.length - 1] = {text: last.text + run.text, series: run.series};
		else merged.push(run);
	}
	return merged;
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
