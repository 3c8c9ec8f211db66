/**
 * A hidden unit's 784 incoming weights as a 28×28 tile: on a diverging scale,
 * blue where ink pushes the unit up, red where it pushes it down,
 * background near zero. Each tile is scaled to its own largest weight, so
 * its pattern shows whatever its size. Half blocks carry two pixel rows a
 * line, as in the digit art; without colour, a shade ramp with signs.
 */
import {IMAGE_COLUMNS as side} from '../../data/dataset.js';
import {type DigitCell, halved} from '../shared/digit-art.js';
import {largestSize, signedCells} from '../shared/diverging.js';

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
	const share = (row: number, column: number) => (largest > 0 ? values[row * n + column]! / largest : 0);
	return signedCells(share, n, ascii);
}
