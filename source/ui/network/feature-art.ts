/**
 * A convolutional network's pictures: a filter's weights as a small tile on
 * the diverging scale of the dense units' tiles (blue where ink raises the
 * map, red where it lowers it, scaled to the filter's own largest weight),
 * and a feature map on the greys of the digits, brighter where it fires
 * more. Half blocks carry two rows of values a line; without colour, the
 * signed ramp and the digits' shade ramp.
 */
import {type DigitCell, grey, shadeRamp} from '../shared/digit-art.js';
import {divergingColour, largestSize, rampCharacter} from '../shared/diverging.js';

/**
 * A side×side filter, each weight `zoom`×`zoom` values: side columns by
 * ⌈side/2⌉ lines at zoom 1, 2·side by side at zoom 2 (square on the screen).
 */
export function filterCells(weights: ArrayLike<number>, side: number, zoom: 1 | 2, plain: boolean): DigitCell[][] {
	const largest = largestSize(weights);
	const n = side * zoom;
	const share = (row: number, column: number) =>
		largest > 0 && row < n ? weights[Math.floor(row / zoom) * side + Math.floor(column / zoom)]! / largest : 0;
	const rows: DigitCell[][] = [];
	for (let row = 0; row < n; row += 2) {
		const cells: DigitCell[] = [];
		for (let column = 0; column < n; column++) {
			const top = share(row, column);
			const bottom = share(row + 1, column);
			cells.push(plain ? {glyph: rampCharacter((top + bottom) / 2), fg: null, bg: null} : signedBlock(top, bottom));
		}
		rows.push(cells);
	}
	return rows;
}

/** The size a height×width map is drawn at with each `scale`×`scale` block averaged: columns, and lines of two rows. */
export const mapSize = (height: number, width: number, scale: number): {readonly columns: number; readonly lines: number} => ({
	columns: Math.ceil(width / scale),
	lines: Math.ceil(Math.ceil(height / scale) / 2),
});

/**
 * One map of height×width activations (0 and up, after ReLU), each
 * `scale`×`scale` block averaged, relative to `largest` (the layer's largest,
 * so that maps that fire little look faint beside those that fire much).
 */
export function mapCells(
	values: ArrayLike<number>,
	height: number,
	width: number,
	scale: number,
	largest: number,
	plain: boolean,
): DigitCell[][] {
	const {columns, lines} = mapSize(height, width, scale);
	const rows = Math.ceil(height / scale);
	const share = (row: number, column: number): number => {
		if (row >= rows || !(largest > 0)) return 0;
		let sum = 0,
			count = 0;
		for (let y = row * scale; y < Math.min(height, (row + 1) * scale); y++) {
			for (let x = column * scale; x < Math.min(width, (column + 1) * scale); x++, count++) sum += Math.max(0, values[y * width + x]!);
		}
		return Math.min(1, sum / count / largest);
	};
	return Array.from({length: lines}, (_, line) =>
		Array.from({length: columns}, (_, column) => {
			const top = share(2 * line, column);
			const bottom = share(2 * line + 1, column);
			return plain ? shadeCell((top + bottom) / 2) : greyBlock(top, bottom);
		}),
	);
}

/** Two stacked weights in one character: the top in the foreground of ▀, the bottom in its background. */
function signedBlock(top: number, bottom: number): DigitCell {
	const upper = divergingColour(top);
	const lower = divergingColour(bottom);
	if (upper === null && lower === null) return {glyph: ' ', fg: null, bg: null};
	if (upper === null) return {glyph: '▄', fg: lower, bg: null};
	return {glyph: '▀', fg: upper, bg: lower};
}

/** Shares below this are drawn as background: the darkest grey but one. */
const faintest = 1 / 23;

const greyOf = (share: number): number | null => (share >= faintest ? grey(share * 255) : null);

function greyBlock(top: number, bottom: number): DigitCell {
	const upper = greyOf(top);
	const lower = greyOf(bottom);
	if (upper === null && lower === null) return {glyph: ' ', fg: null, bg: null};
	if (upper === null) return {glyph: '▄', fg: lower, bg: null};
	return {glyph: '▀', fg: upper, bg: lower};
}

const shadeCell = (share: number): DigitCell => ({
	glyph: shadeRamp[Math.min(shadeRamp.length - 1, Math.floor(share * shadeRamp.length))]!,
	fg: null,
	bg: null,
});
