/**
 * A diverging scale, for weights and for pixel contributions: blue for
 * positive values, red for negative ones, strength by shade, background
 * near zero. Without colour, a shade ramp with signs.
 */

import {type DigitCell, stackedCell} from './digit-art.js';

/** ansi256 colours from faint to strong: blues for positive values, reds for negative. */
export const positiveColours = [17, 18, 20, 27, 33, 39] as const;
export const negativeColours = [52, 88, 124, 160, 196, 203] as const;
/** Without colour: the signs carry the direction, the characters the strength. */
export const positiveRamp = ' .+#';
export const negativeRamp = ' -=%';
/** Values below this share of the largest are drawn as background. */
export const quiet = 0.25;

/** The colour of a value in [-1, 1] (a share of the largest), null for background. */
export function divergingColour(value: number): number | null {
	const size = Math.abs(value);
	if (!(size >= quiet)) return null;
	const colours = value > 0 ? positiveColours : negativeColours;
	return colours[Math.min(colours.length - 1, Math.floor(((size - quiet) / (1 - quiet)) * colours.length))]!;
}

/** The ramp character of a value in [-1, 1]. */
export function rampCharacter(value: number): string {
	const size = Math.abs(value);
	if (!(size >= quiet)) return ' ';
	const ramp = value > 0 ? positiveRamp : negativeRamp;
	return ramp[Math.min(ramp.length - 1, 1 + Math.floor(((size - quiet) / (1 - quiet)) * (ramp.length - 1)))]!;
}

/**
 * An n×n picture of values in [-1, 1], `share(row, column)`, two rows a
 * line (an odd n's last line has 0 below): the diverging colours in half
 * blocks, or the signed ramp of each line's two values when `plain`.
 */
export function signedCells(share: (row: number, column: number) => number, n: number, plain: boolean): DigitCell[][] {
	const rows: DigitCell[][] = [];
	for (let row = 0; row < n; row += 2) {
		const cells: DigitCell[] = [];
		for (let column = 0; column < n; column++) {
			const top = share(row, column);
			const bottom = row + 1 < n ? share(row + 1, column) : 0;
			cells.push(
				plain ? {glyph: rampCharacter((top + bottom) / 2), fg: null, bg: null} : stackedCell(divergingColour(top), divergingColour(bottom)),
			);
		}
		rows.push(cells);
	}
	return rows;
}

/** The largest size in an array, for scaling it to [-1, 1]. */
export function largestSize(values: ArrayLike<number>): number {
	let largest = 0;
	for (let i = 0; i < values.length; i++) largest = Math.max(largest, Math.abs(values[i]!));
	return largest;
}
