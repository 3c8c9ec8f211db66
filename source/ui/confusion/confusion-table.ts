import {abbreviate} from '../../text/class-names.js';
import {sharePercent} from '../../text/format.js';
import {glyphsFor} from '../../text/glyphs.js';
import type {Confusion} from '../../train/metrics.js';

/**
 * How a cell is drawn, from its share of its row (the true class): the diagonal
 * is always `correct`; errors are `high` from 2% of the row, `medium` from 0.5%,
 * else `low`; `zero` counts nothing.
 */
export type CellTone = 'correct' | 'high' | 'medium' | 'low' | 'zero';

export interface ConfusionCell {
	readonly count: number;
	/** count / row total: the share of this true class predicted as this column. */
	readonly share: number;
	readonly tone: CellTone;
	/** Right-aligned, as wide as a column, starting with a space. */
	readonly text: string;
}

export interface ConfusionRow {
	/** The true class, padded to the label column. */
	readonly label: string;
	readonly cells: readonly ConfusionCell[];
	/** Correct / row total, null for a class with no images. */
	readonly recall: number | null;
	/** Right-aligned in the recall column, empty when there is no recall column. */
	readonly recallText: string;
}

/** The matrix laid out as fixed-width text, every line exactly `width` characters. */
export interface ConfusionTable {
	readonly width: number;
	/** Column labels (predicted class), after the corner and before the recall header. */
	readonly header: string;
	readonly rows: readonly ConfusionRow[];
	/** The precision row: its label then one text per column (correct / column total). */
	readonly precisionLabel: string;
	readonly precision: readonly (number | null)[];
	readonly precisionTexts: readonly string[];
	/** Correct / all, null for an empty matrix. */
	readonly accuracy: number | null;
}

export const highShare = 0.02;
export const mediumShare = 0.005;

interface Shape {
	readonly rowNames: 'full' | 'short';
	readonly corner: boolean;
	readonly recall: boolean;
	/** Columns as narrow as the counts allow, the column names cut to fit. */
	readonly narrow: boolean;
}

/** From the most to the least readable; the first that fits is used. */
const shapes: readonly Shape[] = [
	{rowNames: 'full', corner: true, recall: true, narrow: false},
	{rowNames: 'short', corner: true, recall: true, narrow: false},
	{rowNames: 'short', corner: false, recall: true, narrow: false},
	{rowNames: 'short', corner: false, recall: false, narrow: false},
	{rowNames: 'short', corner: false, recall: false, narrow: true},
];

const corner = 'true\\pred';
const recallHeader = ' recall';

/**
 * The matrix as the widest readable table that fits in `width`; when none
 * does, the narrowest one with only the columns that fit.
 */
export function confusionTable(confusion: Confusion, classes: readonly string[], width: number, ascii: boolean): ConfusionTable {
	return fitted(everyShape(confusion, classes, ascii), width);
}

/** The table in each shape, from the most readable, each laid out when it is asked for. */
function* everyShape(confusion: Confusion, classes: readonly string[], ascii: boolean): Generator<ConfusionTable & Layout> {
	for (const shape of shapes) yield layOut(confusion, classes, shape, ascii);
}

/** The first of the tables that fits in `width`, or the last one clipped. */
function fitted(tables: Iterable<ConfusionTable & Layout>, width: number): ConfusionTable {
	let last: (ConfusionTable & Layout) | undefined;
	for (const table of tables) {
		if (table.width <= width) return table;
		last = table;
	}
	return clip(last!, width);
}

/** The matrix, or before the first results an empty one of the classes. */
const orEmpty = (confusion: Confusion | null, classes: readonly string[]): Confusion =>
	confusion ?? classes.map(() => classes.map(() => 0));

/** Keeps the first columns that fit (a table without a recall column is label + cells). */
function clip(table: ConfusionTable & Layout, width: number): ConfusionTable {
	const columns = Math.max(0, Math.floor((width - table.labelWidth) / table.cellWidth));
	const cut = table.labelWidth + columns * table.cellWidth;
	return {
		...table,
		width: Math.min(table.width, cut),
		header: table.header.slice(0, cut),
		rows: table.rows.map(row => ({...row, cells: row.cells.slice(0, columns)})),
		precisionTexts: table.precisionTexts.slice(0, columns),
	};
}

interface Layout {
	readonly labelWidth: number;
	readonly cellWidth: number;
}

function layOut(confusion: Confusion, classes: readonly string[], shape: Shape, ascii: boolean): ConfusionTable & Layout {
	const size = confusion.length;
	const name = (index: number) => classes[index] ?? String(index);
	const digits = Math.max(1, ...confusion.flat().map(value => String(value).length));
	const shortNames = Array.from({length: size}, (_, index) => abbreviate(name(index)));
	// a 4-digit column from the start, so the matrix does not widen when the probe gives way to the full test set
	const cellWidth = shape.narrow ? digits + 1 : Math.max(5, digits + 1, ...shortNames.map(short => short.length + 1));
	const rowNames = Array.from({length: size}, (_, index) => (shape.rowNames === 'full' ? name(index) : shortNames[index]!));
	const precisionLabel = shape.corner ? 'precision' : 'prec';
	const labelWidth = Math.max(...rowNames.map(rowName => rowName.length), shape.corner ? corner.length : 0, precisionLabel.length);
	const recallWidth = shape.recall ? recallHeader.length : 0;

	const columnTotals = Array.from({length: size}, (_, column) => confusion.reduce((sum, row) => sum + (row[column] ?? 0), 0));
	const zero = glyphsFor(ascii).zero;
	let correct = 0,
		all = 0;
	const rows = confusion.map((counts, actual): ConfusionRow => {
		const total = counts.reduce((sum, value) => sum + value, 0);
		const right = counts[actual] ?? 0;
		correct += right;
		all += total;
		const cells = counts.map((value, predicted): ConfusionCell => {
			const share = total > 0 ? value / total : 0;
			const tone: CellTone =
				predicted === actual ? 'correct' : value === 0 ? 'zero' : share >= highShare ? 'high' : share >= mediumShare ? 'medium' : 'low';
			return {count: value, share, tone, text: (value === 0 && predicted !== actual ? zero : String(value)).padStart(cellWidth)};
		});
		const recall = total > 0 ? right / total : null;
		return {
			label: rowNames[actual]!.padEnd(labelWidth),
			cells,
			recall,
			recallText: shape.recall ? (recall === null ? '-' : sharePercent(recall, 1, true)).padStart(recallWidth) : '',
		};
	});
	const precision = columnTotals.map((total, column) => (total > 0 ? (confusion[column]?.[column] ?? 0) / total : null));
	const precisionDigits = cellWidth - 1 >= 4 ? 1 : 0;
	const header = shortNames.map(short => short.slice(0, cellWidth - 1).padStart(cellWidth)).join('');
	return {
		labelWidth,
		cellWidth,
		width: labelWidth + size * cellWidth + recallWidth,
		header: (shape.corner ? corner : '').padEnd(labelWidth) + header + (shape.recall ? recallHeader : ''),
		rows,
		precisionLabel: precisionLabel.padEnd(labelWidth),
		precision,
		precisionTexts: precision.map(value =>
			// without "%" at every width, so digits (4 columns) and Fashion-MNIST's names (5) read alike
			(value === null ? '-' : sharePercent(value, precisionDigits, false)).padStart(cellWidth),
		),
		accuracy: all > 0 ? correct / all : null,
	};
}

/** The width of the most readable table for this matrix (an empty one before the first results). */
export function naturalWidth(confusion: Confusion | null, classes: readonly string[]): number {
	return confusionTable(orEmpty(confusion, classes), classes, Infinity, false).width;
}

/**
 * The width of the narrowest table the matrix narrows to, one column at a time, while it keeps its recall
 * column: a dashboard gives the matrix's corner and long names to a chart beside it, not that.
 */
export function readableWidth(confusion: Confusion | null, classes: readonly string[]): number {
	const tables = [...everyShape(orEmpty(confusion, classes), classes, false)];
	const hasRecall = (table: ConfusionTable) => table.rows.some(row => row.recallText.trim() !== '');
	let width = fitted(tables, Number.POSITIVE_INFINITY).width;
	for (;;) {
		const narrower = fitted(tables, width - 1);
		if (narrower.width >= width || !hasRecall(narrower)) return width;
		width = narrower.width;
	}
}
