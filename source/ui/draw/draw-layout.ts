/**
 * Where the drawing screen's parts go, from the terminal size alone: the
 * title line, the canvas in a one-cell border, and beside it what the
 * network sees and its answer. A large canvas gives each pixel two columns
 * and a line (56 × 28); a small one draws two pixel rows a line in half
 * blocks (28 × 14). The mouse is mapped back to pixels from the same numbers.
 */
import type {Point} from './brush.js';

export type CanvasSize = 'large' | 'small';

export interface DrawLayout {
	readonly kind: 'fits' | 'too-small';
	readonly size: CanvasSize;
	/** The screen cell of the canvas's top left pixel (inside the border). */
	readonly canvasTop: number;
	readonly canvasLeft: number;
	/** The canvas in cells, without the border. */
	readonly canvasColumns: number;
	readonly canvasLines: number;
	/** The column beside the canvas: where it starts, and its width. */
	readonly sideLeft: number;
	readonly sideWidth: number;
	/** "What the network sees": full size (28 × 14) or halved (14 × 7). */
	readonly seenScale: 1 | 2;
	/** The side column without its blank lines and the mouse's line, for a short terminal. */
	readonly compactSide: boolean;
	/** Lines left under the canvas and the side column, above the key hints: room for a convolutional network's maps. */
	readonly belowLines: number;
}

/** The side column needs this much for the probability bars to read. */
const sideRoom = 36;
const gap = 2;

/** `height`: lines the screen may use (the title and the key hints included). */
export function drawLayout(width: number, height: number): DrawLayout {
	const large = {size: 'large' as const, canvasColumns: 56, canvasLines: 28};
	const small = {size: 'small' as const, canvasColumns: 28, canvasLines: 14};
	// the title, the border above and below, and the key hints
	const fits = (canvas: typeof large | typeof small) =>
		canvas.canvasColumns + 2 + gap + sideRoom <= width && canvas.canvasLines + 4 <= height;
	const canvas = fits(large) ? large : small;
	const sideLeft = canvas.canvasColumns + 2 + gap;
	const sideWidth = Math.max(0, width - sideLeft);
	// beside the canvas, between the title and the hints: "what the network sees", the framed digit, a blank
	// line, the answer, ten bars, a blank line, the pen and the mouse
	const room = height - 2;
	const side = (art: number) => 1 + art + 1 + 1 + 10 + 1 + 2;
	const seenScale = room >= side(14) ? 1 : 2;
	const compactSide = room < side(7);
	// compact: the title, the framed digit halved, the answer, ten bars, the pen
	const sideLines = compactSide ? 1 + 7 + 1 + 10 + 1 : side(seenScale === 1 ? 14 : 7);
	const belowLines = Math.max(0, room - Math.max(canvas.canvasLines + 2, sideLines));
	const kind = fits(canvas) ? 'fits' : 'too-small';
	return {kind, ...canvas, canvasTop: 2, canvasLeft: 1, sideLeft, sideWidth, seenScale, compactSide, belowLines};
}

/** The point of the image under a screen cell, or null outside the canvas: the middle of the cell, in pixels. */
export function pixelAt(layout: DrawLayout, column: number, row: number): Point | null {
	const x = column - layout.canvasLeft;
	const y = row - layout.canvasTop;
	if (x < 0 || y < 0 || x >= layout.canvasColumns || y >= layout.canvasLines) return null;
	return layout.size === 'large' ? {row: y + 0.5, column: (x + 0.5) / 2} : {row: 2 * y + 1, column: x + 0.5};
}
