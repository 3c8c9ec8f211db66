/**
 * A 28x28 image as text, two pixel rows per line: 28 columns by 14 rows, or
 * 14 by 7 for the small renderings of neighbouring digits.
 *
 * With Unicode, the glyph carries the shape (▀ ▄ █ from the pixels at least
 * `inkThreshold`) and the colours carry the grey levels, the faint edges
 * included as a background; without colour or Unicode, each vertical pair is
 * averaged onto an ASCII shade ramp.
 */
import {IMAGE_COLUMNS as imageSide} from '../../data/dataset.js';

/** One character of a drawing; fg and bg are ansi256 greys (232 black to 255 white), null for none. */
export interface DigitCell {
	readonly glyph: string;
	readonly fg: number | null;
	readonly bg: number | null;
}

export interface DigitArtOptions {
	/** Shade ramp instead of half blocks and greys: for --ascii and for NO_COLOR. */
	readonly ascii: boolean;
	/** 1: 28x14; 2: each 2x2 block of pixels averaged first, 14x7. */
	readonly scale?: 1 | 2;
}

/** From light to heavy; a pair averaging below 256 / 10 is blank. */
export const shadeRamp = ' .:-=+*#%@';

/** Pixels from this value up are drawn as ink; fainter ones only as a grey background. */
export const inkThreshold = 96;

/** The 24 greys of the 256-colour palette, from pixel value 0-255. */
export const grey = (value: number): number => 232 + Math.round((value * 23) / 255);

export function digitCells(pixels: ArrayLike<number>, {ascii, scale = 1}: DigitArtOptions): DigitCell[][] {
	const side = imageSide / scale;
	const image = scale === 1 ? pixels : halved(pixels);
	const rows: DigitCell[][] = [];
	for (let row = 0; row < side; row += 2) {
		const cells: DigitCell[] = [];
		for (let column = 0; column < side; column++) {
			const top = image[row * side + column] ?? 0;
			const bottom = image[(row + 1) * side + column] ?? 0;
			cells.push(ascii ? rampCell(top, bottom) : blockCell(top, bottom));
		}
		rows.push(cells);
	}
	return rows;
}

/** The drawing as plain lines, without colours. */
export const digitLines = (pixels: ArrayLike<number>, options: DigitArtOptions): string[] =>
	digitCells(pixels, options).map(cells => cells.map(cell => cell.glyph).join(''));

function rampCell(top: number, bottom: number): DigitCell {
	const level = Math.floor((((top + bottom) / 2) * shadeRamp.length) / 256);
	return {glyph: shadeRamp[level] ?? ' ', fg: null, bg: null};
}

function blockCell(top: number, bottom: number): DigitCell {
	const topInk = top >= inkThreshold;
	const bottomInk = bottom >= inkThreshold;
	if (topInk && bottomInk) return {glyph: '█', fg: grey((top + bottom) / 2), bg: null};
	if (topInk) return {glyph: '▀', fg: grey(top), bg: faint(bottom)};
	if (bottomInk) return {glyph: '▄', fg: grey(bottom), bg: faint(top)};
	const edge = Math.max(top, bottom);
	return {glyph: ' ', fg: null, bg: faint(edge)};
}

/** Two stacked colours in one character: the upper in the foreground of ▀, the lower in its background; null is background. */
export function stackedCell(upper: number | null, lower: number | null): DigitCell {
	if (upper === null && lower === null) return {glyph: ' ', fg: null, bg: null};
	if (upper === null) return {glyph: '▄', fg: lower, bg: null};
	return {glyph: '▀', fg: upper, bg: lower};
}

const faint = (value: number): number | null => (value > 0 ? grey(value) : null);

/** 28x28 to 14x14 by the mean of each 2x2 block. */
export function halved(pixels: ArrayLike<number>): Float32Array {
	const half = imageSide / 2;
	const out = new Float32Array(half * half);
	for (let row = 0; row < half; row++) {
		for (let column = 0; column < half; column++) {
			const at = (r: number, c: number) => pixels[(2 * row + r) * imageSide + 2 * column + c] ?? 0;
			out[row * half + column] = (at(0, 0) + at(0, 1) + at(1, 0) + at(1, 1)) / 4;
		}
	}
	return out;
}
