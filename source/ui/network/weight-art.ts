/**
 * A hidden unit's 784 incoming weights as a 28×28 tile: on a diverging scale,
 * blue where ink pushes the unit up, red where it pushes it down,
 * background near zero. Each tile is scaled to its own largest weight, so
 * its pattern shows whatever its size. Half blocks carry two pixel rows a
 * line, as in the digit art; without colour, a shade ramp with signs.
 */
import {IMAGE_COLUMNS as side} from '../../data/dataset.js';
import {type DigitCell, halved} from '../shared/digit-art.js';
import {divergingColour, largestSize, rampCharacter} from '../shared/diverging.js';

export interface TileOptions {
	/** Shade ramp with signs instead of colours: for --ascii and for NO_COLOR. */
	readonly ascii: boolean;
	/** 1: 28 columns by 14 lines; 2: each 2×2 block averaged first, 14 by 7. */
	readonly scale: 1 | 2;
}

/** One unit's tile: `weights` are its 784 incoming weights (or any 28×28 values), drawn relative to the largest in size. */
export function tileCells(weights: ArrayLike<number>, {ascii, scale}: TileOptions): DigitCell[][] {
	const n = side / scale;
	const values = scale === 1 ? Float32Array.from(weights) : halved(weights);
	const largest = largestSize(values);
	const share = (row: number, column: number) => (largest > 0 && row < n ? values[row * n + column]! / largest : 0);
	const rows: DigitCell[][] = [];
	for (let row = 0; row < n; row += 2) {
		const cells: DigitCell[] = [];
		for (let column = 0; column < n; column++) {
			const top = share(row, column);
			const bottom = share(row + 1, column);
			cells.push(ascii ? {glyph: rampCharacter((top + bottom) / 2), fg: null, bg: null} : halfBlock(top, bottom));
		}
		rows.push(cells);
	}
	return rows;
}

/** Two stacked values in one character: the top in the foreground of ▀, the bottom in its background. */
function halfBlock(top: number, bottom: number): DigitCell {
	const upper = divergingColour(top);
	const lower = divergingColour(bottom);
	if (upper === null && lower === null) return {glyph: ' ', fg: null, bg: null};
	if (upper === null) return {glyph: '▄', fg: lower, bg: null};
	return {glyph: '▀', fg: upper, bg: lower};
}
