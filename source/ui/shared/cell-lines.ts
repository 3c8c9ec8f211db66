/**
 * Rows of coloured cells (digit art, weight tiles, the canvas) as one string
 * a line, colours as escape codes: a screen of them is a few dozen Text
 * nodes for Ink to lay out, not thousands. Runs of one colour share a code.
 */
import chalk from 'chalk';
import type {DigitCell} from './digit-art.js';

export function cellLine(cells: readonly DigitCell[]): string {
	let line = '';
	let run = '';
	let fg: number | null = null;
	let bg: number | null = null;
	const flush = () => {
		if (run === '') return;
		let styled = chalk;
		if (fg !== null) styled = styled.ansi256(fg);
		if (bg !== null) styled = styled.bgAnsi256(bg);
		line += fg === null && bg === null ? run : styled(run);
		run = '';
	};
	for (const cell of cells) {
		// a blank cell's foreground does not show, so it joins any run with its background
		const sameRun = cell.bg === bg && (cell.fg === fg || (cell.glyph.trim() === '' && run !== ''));
		if (!sameRun) {
			flush();
			fg = cell.fg;
			bg = cell.bg;
		}
		run += cell.glyph;
	}
	flush();
	return line;
}
