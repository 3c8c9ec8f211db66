import {axisLabels, type ChartLine, plotColumns, plotLines} from './chart-plot.js';
import {fillRows, type Range, rowStep, valueRange} from './chart-series.js';

export interface FitOptions {
	/** Shapes a series to the plot's columns. */
	readonly shape: (values: readonly number[], columns: number) => number[];
	readonly format: (value: number) => string;
	readonly ascii: boolean;
	readonly scale?: 'linear' | 'log';
	/** The columns of each series' real points, given the columns and the number of points. */
	readonly pointColumns?: (columns: number, points: number) => readonly number[] | undefined;
}

export interface FittedPlot {
	readonly lines: ChartLine[];
	readonly meeting: boolean;
	readonly labelWidth: number;
	/** Plot columns drawn, the y axis' column included. */
	readonly columns: number;
}

/**
 * Shapes the series to the plot's columns and draws them on at most `rows`
 * rows: no more than the values fill at a row step of rowStep, and never two
 * rows with one label. Which columns there are depends on the labels' width,
 * which depends on the values drawn, so the two are settled together (the
 * label width only grows, so this ends).
 */
export function fitPlot(series: readonly (readonly number[])[], width: number, rows: number, options: FitOptions): FittedPlot | null {
	const {shape, format, ascii, scale = 'linear'} = options;
	// a log scale draws log10 of the values (a loss is never 0: it is kept above a tiny floor) and labels the rows with 10^row
	const toScale = scale === 'log' ? (value: number) => Math.log10(Math.max(value, 1e-12)) : (value: number) => value;
	const labelOf = scale === 'log' ? (value: number) => format(10 ** value) : format;
	if (rows < 1 || series.every(values => values.length === 0)) return null;
	let labelWidth = 3;
	for (;;) {
		const columns = plotColumns(width, labelWidth);
		if (columns < 2) return null;
		const shown = series.map(values => shape(values, columns).map(toScale));
		const found = valueRange(shown);
		if (!found) return null;
		const fill = fillRows(found, rows, rowStep(found, scale));
		const labels = distinctLabels(fill.range, fill.rows, labelOf);
		const needed = labels[0]!.length;
		if (needed <= labelWidth) {
			const pointsOf = options.pointColumns;
			const pointColumns = pointsOf ? series.map(values => pointsOf(columns, values.length)) : [];
			const plot = plotLines(
				shown,
				fill.range,
				labels.map(label => label.padStart(labelWidth)),
				ascii,
				pointColumns,
			);
			return {...plot, labelWidth, columns: Math.max(0, ...shown.map(values => values.length))};
		}
		labelWidth = needed;
	}
}

/** The labels of at most `rows` rows, as many as keep every label different. */
function distinctLabels(range: Range, rows: number, format: (value: number) => string): string[] {
	for (let count = rows; ; count--) {
		const labels = axisLabels(range, count, format);
		if (count <= 2 || new Set(labels).size === labels.length) return labels;
	}
}

/** The real points' columns when `points` points are spread over `columns` (all columns once they are as many). */
export function spreadColumns(columns: number, points: number): readonly number[] | undefined {
	if (points >= columns) return undefined;
	if (points <= 1) return [0];
	return Array.from({length: points}, (_, point) => Math.round((point * (columns - 1)) / (points - 1)));
}
