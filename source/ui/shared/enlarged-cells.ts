/**
 * Digit art twice as big: 56 columns by 28 rows from the 28 by 14 half-block
 * cells, one line a pixel row and two columns a pixel, so a pixel stays about
 * square. A half block's two halves become the two lines; an ASCII shade
 * character is repeated.
 */
import type {DigitCell} from './digit-art.js';

export function enlargedCells(rows: readonly (readonly DigitCell[])[], {solid = false}: {readonly solid?: boolean} = {}): DigitCell[][] {
	return rows.flatMap(cells => {
		const [upper, lower] = [cells.map(cell => half(cell, 'upper', solid)), cells.map(cell => half(cell, 'lower', solid))];
		return [upper.flatMap(cell => [cell, cell]), lower.flatMap(cell => [cell, cell])];
	});
}

/**
 * One half of a cell as a whole cell: its ink as a full block, its background as a blank on that grey,
 * or (`solid`: where the background is a colour that means something, as in the pixels' contributions) as a block too.
 */
function half(cell: DigitCell, which: 'upper' | 'lower', solid: boolean): DigitCell {
	const inked = cell.glyph === '█' || (cell.glyph === '▀' && which === 'upper') || (cell.glyph === '▄' && which === 'lower');
	if (inked) return {glyph: '█', fg: cell.fg, bg: null};
	// an ASCII shade (no colours) stands for both halves
	if (cell.glyph !== ' ' && cell.glyph !== '▀' && cell.glyph !== '▄') return cell;
	if (cell.bg === null) return {glyph: ' ', fg: null, bg: null};
	return solid ? {glyph: '█', fg: cell.bg, bg: null} : {glyph: ' ', fg: null, bg: cell.bg};
}
