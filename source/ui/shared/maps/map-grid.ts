/**
 * Feature maps laid out in a grid of slots, each map over its number: how
 * large they are drawn (averaged or magnified) and how many go on a line,
 * and the lines themselves. The network view lays out a convolutional
 * network's maps with it; the canvas, the first convolution's maps of the drawing.
 */
import type {ImageShape} from '../../../nn/image-shape.js';
import type {FeatureMaps} from '../../../nn/network.js';
import {cellLine} from '../cell-lines.js';
import type {DigitCell} from '../digit-art.js';
import {type MapScale, mapCells, mapSize} from './feature-art.js';

/** Columns between two maps. */
export const mapGap = 1;
/** The averagings tried, largest maps first. */
export const mapScales = [1, 2, 3, 4] as const;

/** Maps laid out in a grid: each drawn `columns` wide and `lines` high in a slot of `slot` columns. */
export interface MapGrid {
	/** Each scale×scale block of values averaged, or each value drawn zoom×zoom (one of them 1). */
	readonly scale: number;
	readonly zoom: number;
	readonly columns: number;
	readonly lines: number;
	readonly slot: number;
	readonly perLine: number;
	readonly rows: number;
}

/** `count` maps of `shape` drawn at `scale` or `zoom` in slots of at least `least` columns, in as few rows as `width` allows. */
export function mapGrid(count: number, shape: ImageShape, {scale = 1, zoom = 1}: MapScale, width: number, least = 0): MapGrid {
	const {columns, lines} = mapSize(shape.height, shape.width, {scale, zoom});
	// the number under each map ("#16") needs 3 columns
	const slot = Math.max(columns, least, 3);
	const most = Math.max(1, Math.min(count, Math.floor((width + mapGap) / (slot + mapGap))));
	// as many on each row: 16 maps in two rows of 8, not 13 and 3
	const rows = Math.ceil(count / most);
	return {scale, zoom, columns, lines, slot, perLine: Math.ceil(count / rows), rows};
}

/** One row of `count` maps of `shape` (without their numbers), as large as `width` and `lines` allow: null if none fits. */
export function mapsRow(count: number, shape: ImageShape, width: number, lines: number): MapGrid | null {
	for (const scale of mapScales) {
		const maps = mapGrid(count, shape, {scale}, width);
		if (maps.rows === 1 && maps.lines <= lines) return maps;
	}
	return null;
}

const blank: DigitCell = {glyph: ' ', fg: null, bg: null};

/** Rows of cells widened to `slot` columns, `left` blank columns first. */
export const padded = (rows: readonly DigitCell[][], slot: number, left = 0): DigitCell[][] =>
	rows.map(cells => [
		...Array<DigitCell>(left).fill(blank),
		...cells,
		...Array<DigitCell>(Math.max(0, slot - left - cells.length)).fill(blank),
	]);

/** Pieces of `slot` columns side by side, `mapGap` apart, as lines. */
export function sideBySide(pieces: readonly DigitCell[][][], slot: number): string[] {
	const height = Math.max(0, ...pieces.map(piece => piece.length));
	const gap = Array<DigitCell>(mapGap).fill(blank);
	const empty = Array<DigitCell>(slot).fill(blank);
	return Array.from({length: height}, (_, line) =>
		cellLine(pieces.flatMap((piece, index) => [...(index > 0 ? gap : []), ...(piece[line] ?? empty)])),
	);
}

export const numbersLine = (labels: readonly string[], slot: number): string =>
	labels.map(label => label.padEnd(slot)).join(' '.repeat(mapGap));

/** The largest value of one image's maps: a layer's maps share one scale. */
export function largestOf(maps: FeatureMaps | undefined): number {
	let largest = 0;
	for (const value of maps?.values ?? []) largest = Math.max(largest, value);
	return largest;
}

/** Map `channel` of one image's maps, in a slot of the grid; blank without maps. */
export function mapPiece(maps: FeatureMaps | undefined, channel: number, grid: MapGrid, largest: number, plain: boolean): DigitCell[][] {
	if (!maps)
		return padded(
			Array.from({length: grid.lines}, () => []),
			grid.slot,
		);
	const {height, width} = maps.shape;
	const values = maps.values.subarray(channel * height * width, (channel + 1) * height * width);
	return padded(mapCells(values, height, width, grid, largest, plain), grid.slot);
}

/** One layer's `count` maps (blank without them), each over its number unless `numbers` is false, in the grid's rows. */
export function mapRows(own: FeatureMaps | undefined, count: number, grid: MapGrid, plain: boolean, numbers = true): string[] {
	const largest = largestOf(own);
	const lines: string[] = [];
	for (let row = 0; row < grid.rows; row++) {
		const shown = Array.from({length: Math.min(grid.perLine, count - row * grid.perLine)}, (_, index) => row * grid.perLine + index);
		lines.push(
			...sideBySide(
				shown.map(channel => mapPiece(own, channel, grid, largest, plain)),
				grid.slot,
			),
		);
		if (numbers)
			lines.push(
				numbersLine(
					shown.map(channel => `#${channel + 1}`),
					grid.slot,
				),
			);
	}
	return lines;
}
