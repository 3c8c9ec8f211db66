/**
 * The canvas as cells: greys of the drawing (as the digits are drawn), the
 * keyboard's cursor marked on it. A large canvas gives a pixel two cells
 * side by side; a small one puts two pixel rows in a half-block cell.
 * Without colour or Unicode, the digits' shade ramp.
 */
import {IMAGE_COLUMNS as side} from '../../data/dataset.js';
import {type DigitCell, digitCells, grey, shadeRamp} from '../shared/digit-art.js';
import type {CanvasState} from './canvas-state.js';
import type {CanvasSize} from './draw-layout.js';

/** The cursor's two cells on a large canvas, its one cell on a small one: pen up, pen down, eraser. */
export const cursorMarks = {large: {up: '()', down: '[]', erasing: '{}'}, small: {up: 'o', down: 'O', erasing: 'x'}} as const;
const cursorColour = 51;

export function canvasCells(state: CanvasState, size: CanvasSize, plain: boolean): DigitCell[][] {
	const marks = cursorMarks[size];
	const mark = state.erasing ? marks.erasing : state.penDown ? marks.down : marks.up;
	const {row: cursorRow, column: cursorColumn} = state.cursor;
	if (size === 'small') {
		const rows = digitCells(
			Uint8Array.from(state.image, value => Math.round(value * 255)),
			{ascii: plain},
		);
		const line = rows[Math.floor(cursorRow / 2)]!;
		line[cursorColumn] = {glyph: mark, fg: plain ? null : cursorColour, bg: line[cursorColumn]!.bg};
		return rows;
	}
	const rows: DigitCell[][] = [];
	for (let row = 0; row < side; row++) {
		const cells: DigitCell[] = [];
		for (let column = 0; column < side; column++) {
			const value = state.image[row * side + column]!;
			if (row === cursorRow && column === cursorColumn) {
				const bg = plain || value === 0 ? null : grey(value * 255);
				cells.push({glyph: mark[0]!, fg: plain ? null : cursorColour, bg}, {glyph: mark[1]!, fg: plain ? null : cursorColour, bg});
				continue;
			}
			const cell: DigitCell = plain
				? {glyph: shadeRamp[Math.min(shadeRamp.length - 1, Math.floor(value * shadeRamp.length))]!, fg: null, bg: null}
				: value > 0
					? {glyph: '█', fg: grey(value * 255), bg: null}
					: {glyph: ' ', fg: null, bg: null};
			cells.push(cell, cell);
		}
		rows.push(cells);
	}
	return rows;
}
