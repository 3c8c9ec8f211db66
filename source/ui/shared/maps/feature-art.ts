/**
 * A convolutional network's pictures: a filter's weights as a small tile on
 * the diverging scale of the dense units' tiles (blue where ink raises the
 * map, red where it lowers it, scaled to the filter's own largest weight),
 * and a feature map on the greys of the digits, brighter where it fires
 * more. Half blocks carry two rows of values a line; without colour, the
 * signed ramp and the digits' shade ramp.
 */
import {type DigitCell, grey, shadeRamp, stackedCell} from '../digit-art.js';
import {largestSize, signedCells} from '../diverging.js';

/**
 * A side×side filter, each weight `zoom`×`zoom` values: side columns by
 * ⌈side/2⌉ lines at zoom 1, 2·side by side at zoom 2 (square on the screen), and so on.
 */
export function filterCells(weights: ArrayLike<number>, side: number, zoom: number, plain: boolean): DigitCell[][] {
	const largest = largestSize(weights);
	const n = side * zoom;
	const share = (row: number, column: number) =>
		largest > 0 ? weights[Math.floor(row / zoom) * side + Math.floor(column / zoom)]! / largest : 0;
	return signedCells(share, n, plain);
}

/** How a map is drawn: each `scale`×`scale` block of values averaged, or each value `zoom`×`zoom` (one of them 1). */
export interface MapScale {
	readonly scale?: number;
	readonly zoom?: number;
}

/** The size a height×width map is drawn at: columns, and lines of two rows. */
export const mapSize = (
	height: number,
	width: number,
	{scale = 1, zoom = 1}: MapScale,
): {readonly columns: number; readonly lines: number} => ({
	columns: Math.ceil(width / scale) * zoom,
	lines: Math.ceil((Math.ceil(height / scale) * zoom) / 2),
});

/**
 * One map of height×width activations (0 and up, after ReLU), relative to
 * `largest` (the layer's largest, so that maps that fire little look faint
 * beside those that fire much).
 */
export function mapCells(
	values: ArrayLike<number>,
	height: number,
	width: number,
	drawn: MapScale,
	largest: number,
	plain: boolean,
): DigitCell[][] {
	const {scale = 1, zoom = 1} = drawn;
	const {columns, lines} = mapSize(height, width, drawn);
	const rows = Math.ceil(height / scale) * zoom;
	const share = (row: number, column: number): number => {
		if (row >= rows || !(largest > 0)) return 0;
		const [top, left] = [Math.floor(row / zoom) * scale, Math.floor(column / zoom) * scale];
		let sum = 0,
			count = 0;
		for (let y = top; y < Math.min(height, top + scale); y++) {
			for (let x = left; x < Math.min(width, left + scale); x++, count++) sum += Math.max(0, values[y * width + x]!);
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

/** Shares below this are drawn as background: the darkest grey but one. */
const faintest = 1 / 23;

const greyOf = (share: number): number | null => (share >= faintest ? grey(share * 255) : null);

const greyBlock = (top: number, bottom: number): DigitCell => stackedCell(greyOf(top), greyOf(bottom));

const shadeCell = (share: number): DigitCell => ({
	glyph: shadeRamp[Math.min(shadeRamp.length - 1, Math.floor(share * shadeRamp.length))]!,
	fg: null,
	bg: null,
});
