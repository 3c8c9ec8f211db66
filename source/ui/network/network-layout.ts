/**
 * Where the network view's parts go in the room it gets: a title line, the
 * grid of tiles (each over a line with its number and a bar for the selected
 * digit's activation), a strip per later hidden layer, and two lines of
 * legend. Tiles are 14×7 (each 2×2 block of pixels averaged) unless
 * the terminal is big enough for many full-size ones.
 */
import type {TileOptions} from './weight-art.js';

/** Columns between tiles. */
export const tileGap = 1;
/** Full-size tiles only when at least this many fit. */
const fullSizeTiles = 16;
/** Lines a later layer's strip may take, its label line included. */
const stripLines = 3;

export interface NetworkLayout {
	readonly width: number;
	readonly height: number;
	readonly scale: TileOptions['scale'];
	/** Columns and lines of one tile's art. */
	readonly tileWidth: number;
	readonly tileLines: number;
	/** Tiles on a line of the grid, lines of tiles, tiles on a page. */
	readonly columns: number;
	readonly rows: number;
	readonly perPage: number;
	/** Lines for each later hidden layer's strip (its label line included). */
	readonly stripLines: number;
}

/** `laterLayers`: hidden layers after the first, each drawn as a strip. */
export function networkLayout(width: number, height: number, laterLayers: number): NetworkLayout {
	const w = Math.max(0, Math.floor(width));
	const h = Math.max(0, Math.floor(height));
	// the title, and two lines of legend
	const room = h - 1 - 2 - laterLayers * stripLines;
	const fit = (scale: 1 | 2) => {
		const tileWidth = 28 / scale;
		const tileLines = 14 / scale;
		const columns = Math.max(0, Math.floor((w + tileGap) / (tileWidth + tileGap)));
		// the number and the bar on a line under each tile
		const rows = Math.max(0, Math.floor(room / (tileLines + 1)));
		return {scale, tileWidth, tileLines, columns, rows, perPage: columns * rows};
	};
	const full = fit(1);
	const chosen = full.perPage >= fullSizeTiles ? full : fit(2);
	return {width: w, height: h, ...chosen, stripLines};
}
