/**
 * The canvas's brush: a soft round dot, full in its middle and fading over
 * its last pixel, as MNIST's scanned pen strokes fade at their edges. A
 * stroke is dots a quarter pixel apart along its line, so a fast drag draws
 * a line, not beads. Coordinates are in pixels of the 28×28 image, the
 * centre of pixel (r, c) being (r + 0.5, c + 0.5).
 */
import {IMAGE_COLUMNS as side} from '../../data/dataset.js';

export interface Brush {
	/** Fully inked out to this distance from the centre, fading to nothing one pixel further. */
	readonly radius: number;
	/** Takes ink away instead of putting it down. */
	readonly erase: boolean;
}

export const pen: Brush = {radius: 0.8, erase: false};
export const eraser: Brush = {radius: 1.6, erase: true};

export interface Point {
	readonly row: number;
	readonly column: number;
}

/** Paints one dot into `image` (28×28 values 0 to 1), in place. */
export function paintDot(image: Float32Array, {row, column}: Point, brush: Brush): void {
	const reach = brush.radius + 1;
	for (let r = Math.max(0, Math.floor(row - reach)); r <= Math.min(side - 1, Math.floor(row + reach)); r++) {
		for (let c = Math.max(0, Math.floor(column - reach)); c <= Math.min(side - 1, Math.floor(column + reach)); c++) {
			const distance = Math.hypot(r + 0.5 - row, c + 0.5 - column);
			const ink = Math.min(1, Math.max(0, brush.radius + 1 - distance));
			if (ink <= 0) continue;
			const at = r * side + c;
			image[at] = brush.erase ? Math.min(image[at]!, 1 - ink) : Math.max(image[at]!, ink);
		}
	}
}

/** Paints the stroke from `from` to `to` (both ends included), in place. */
export function paintLine(image: Float32Array, from: Point, to: Point, brush: Brush): void {
	const steps = Math.max(1, Math.ceil(Math.hypot(to.row - from.row, to.column - from.column) * 4));
	for (let step = 0; step <= steps; step++) {
		const t = step / steps;
		paintDot(image, {row: from.row + (to.row - from.row) * t, column: from.column + (to.column - from.column) * t}, brush);
	}
}
