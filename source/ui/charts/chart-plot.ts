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
	const drawnBy = drawSeries(
		series.map(values => values.map(toRow)),
		labels,
		ascii,
		points,
	);
	// the line a series' point sits on: asciichart draws value v on row round(v) counted from the bottom
	const hasPoint = (index: number, row: number, point: number) => {
		const value = series[index]?.[point];
		const columns = pointColumns[index];
		return value !== undefined && (columns === undefined || columns.includes(point)) && rows - Math.round(toRow(value)) === row;
	};
	let meeting = false;
	const lines = labels.map((label, row) => {
		const cells = [...label, ' ', symbolsOf(0, ascii)[1]!, ...' '.repeat(Math.max(0, points - 1))];
		const owners = new Array<number | null>(axisColumn + points).fill(null);
		for (const [point, drawers] of drawnBy[row]!.entries()) {
			if (drawers.length === 0) continue;
			const withPoint = drawers.filter(drawer => hasPoint(drawer.series, row, point));
			if (withPoint.length > 1) meeting = true;
			const winner = withPoint.length === 1 ? withPoint[0]! : withPoint.length > 1 ? null : drawers[0]!;
			cells[axisColumn + point] = winner?.character ?? meetingMark(ascii);
			owners[axisColumn + point] = winner?.series ?? null;
		}
		return toRuns(cells, owners);
	});
	return {lines, meeting};
}

interface Drawn {
	readonly series: number;
	readonly character: string;
}

/** What each series draws in each row and plot column (series in order), drawn by asciichart at one row per unit of `rowValues`. */
function drawSeries(rowValues: readonly (readonly number[])[], labels: readonly string[], ascii: boolean, points: number): Drawn[][][] {
	const rows = labels.length;
	const axisColumn = (labels[0]?.length ?? 0) + 1;
	const drawnBy = labels.map(() => Array.from({length: points}, (): Drawn[] => []));
	for (const [index, values] of rowValues.entries()) {
		if (values.length === 0) continue;
		const symbols = symbolsOf(index, ascii);
		const drawn = asciichart.plot(values.slice(), {
			min: 1,
			max: rows,
			height: rows - 1,
			offset: 3,
			symbols,
			format: (_, row) => labels[row] ?? '',
		});
		for (const [row, line] of drawn.split('\n').entries()) {
			const characters = Array.from(line);
			for (let point = 0; point < points; point++) {
				const character = characters[axisColumn + point];
				const drawsHere = point === 0 ? character === symbols[0] : character !== undefined && character !== ' ';
				if (drawsHere) drawnBy[row]![point]!.push({series: index, character: character!});
			}
		}
	}
	return drawnBy;
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
