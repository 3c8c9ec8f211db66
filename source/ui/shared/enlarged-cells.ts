/**
 * Digit art twice as big: 56 columns by 28 rows from the 28 by 14 half-block
 * cells, one line a pixel row and two columns a pixel, so a pixel stays about
 * square. A half block's two halves become the two lines; an ASCII shade
 * character is repeated.
 */
import type {DigitCell} from './digit-art.js';

export function enlargedCells(rows: readonly (readonly DigitCell[])[]): DigitCell[][] {
	return rows.flatMap(cells => {
		const [upper, lower] = [cells.map(cell => half(cell, 'upper')), cells.map(cell => half(cell, 'lower'))];
		return [upper.flatMap(cell => [cell, cell]), lower.flatMap(cell => [cell, cell])];
	});
}

/** One half of a cell as a whole cell: its ink as a full block, its faint background as a blank on that grey. */
function half(cell: DigitCell, which: 'upper' | 'lower'): DigitCell {
	const inked = cell.glyph === '█' || (cell.glyph === '▀' && which === 'upper') || (cell.glyph === '▄' && which === 'lower');
	if (inked) return {glyph: '█', fg: cell.fg, bg: null};
	// an ASCII shade (no colours) stands for both halves
	if (cell.glyph !== ' ' && cell.glyph !== '▀' && cell.glyph !== '▄') return cell;
	return {glyph: ' ', fg: null, bg: cell.bg};
}
