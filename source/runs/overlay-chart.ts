/**
 * Several runs' curves over epochs in one text plot, each drawn with its own
 * glyph (asciichart draws one line style for all series): the value axis on
 * the left, epochs along the bottom. Points between two epochs are filled in
 * on the straight line between them, so a run reads as a line of its glyph;
 * a cell that several runs pass through shows `=`.
 */
import {type Line, piece, runGlyph, runTone} from './compare-lines.js';

/** A cell that two or more runs pass through: drawing one run's glyph there would hide the others. */
const overlap = -1;
const overlapGlyph = '=';

export interface ChartSeries {
	/** The value at each epoch, epoch 1 first; null where there is none. */
	readonly values: readonly (number | null)[];
}

export interface ChartOptions {
	readonly width: number;
	/** Rows of the plot, without the axis below it. */
	readonly height: number;
	readonly format: (value: number) => string;
	/** The value labels' least width, so that charts above each other line up. */
	readonly labelWidth?: number;
}

export function overlayChart(series: readonly ChartSeries[], {width, height, format, labelWidth: least = 0}: ChartOptions): Line[] {
	const epochs = Math.max(1, ...series.map(run => run.values.length));
	const all = series.flatMap(run => run.values.filter((value): value is number => value !== null));
	if (all.length === 0) return [[piece('  no test results in these logs', 'dim')]];
	let [low, high] = [Math.min(...all), Math.max(...all)];
	if (high - low < 1e-12) [low, high] = [low - 0.5 * Math.abs(low || 1) * 0.01, high + 0.5 * Math.abs(high || 1) * 0.01];
	const labels = Array.from({length: height}, (_, row) =>
		row === 0 || row === height - 1 || row === (height - 1) >> 1 ? format(valueAt(row)) : '',
	);
	function valueAt(row: number): number {
		return high - ((high - low) * row) / Math.max(1, height - 1);
	}
	const labelWidth = Math.max(least, ...labels.map(label => label.length));
	const plotWidth = Math.max(2, width - labelWidth - 2);
	const columnOf = (epochIndex: number) => (epochs === 1 ? 0 : Math.round((epochIndex * (plotWidth - 1)) / (epochs - 1)));
	const rowOf = (value: number) => Math.round(((high - value) / (high - low)) * (height - 1));
	const grid: (number | null)[][] = Array.from({length: height}, () => new Array<number | null>(plotWidth).fill(null));
	series.forEach((run, index) => {
		const mark = (column: number, value: number) => {
			const row = grid[rowOf(value)]!;
			const there = row[column];
			row[column] = there === null || there === undefined || there === index ? index : overlap;
		};
		run.values.forEach((value, epochIndex) => {
			if (value === null) return;
			const next = run.values[epochIndex + 1];
			const [from, to] = [columnOf(epochIndex), columnOf(epochIndex + 1)];
			if (next !== undefined && next !== null)
				for (let column = from; column < to; column++) mark(column, value + ((next - value) * (column - from)) / (to - from));
			mark(from, value);
		});
	});
	const lines: Line[] = grid.map((cells, row) => [
		piece(`${labels[row]!.padStart(labelWidth)} |`, 'dim'),
		...cells.map(cell => (cell === null ? piece(' ') : cell === overlap ? piece(overlapGlyph) : piece(runGlyph(cell), runTone(cell)))),
	]);
	lines.push([piece(`${' '.repeat(labelWidth)} +${'-'.repeat(plotWidth)}`, 'dim')]);
	lines.push([piece(`${' '.repeat(labelWidth + 2)}${epochAxis(epochs, plotWidth)}`, 'dim')]);
	if (grid.some(cells => cells.includes(overlap)))
		lines.push([piece(`${' '.repeat(labelWidth + 2)}${overlapGlyph} two or more runs in one place`, 'dim')]);
	return lines;
}

/** "1          epoch          3": the first and last epoch under their columns, the word between, within the plot's width. */
function epochAxis(epochs: number, width: number): string {
	const last = epochs === 1 ? '' : String(epochs);
	const word = 'epoch';
	const gap = width - 1 - last.length - word.length;
	if (gap < 2) return `1${' '.repeat(Math.max(1, width - 1 - last.length))}${last}`;
	const left = Math.floor(gap / 2);
	return `1${' '.repeat(left)}${word}${' '.repeat(gap - left)}${last}`;
}
