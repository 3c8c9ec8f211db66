/** Splitting one CSV line of numbers into cells, and reading the numbers. */

const COMMA = 44;
const QUOTE = 34;
const ZERO = 48;
/** More digits than this (leading zeros aside, already out of range) go the careful way. */
const MAX_PLAIN_DIGITS = 6;

/**
 * The fast path for the common line of bare unsigned integers (`7,0,0,128,…`):
 * writes the numbers into `values` (as many as fit) and returns how many cells
 * the line has, or -1 when any cell is not a bare integer (quotes, spaces,
 * signs, decimals, an empty cell) and the line must go through `splitCells`.
 */
export function readPlainRow(line: string, values: Int32Array): number {
	let cells = 0;
	let value = 0;
	let digits = 0;
	for (let index = 0; index < line.length; index++) {
		const code = line.charCodeAt(index);
		if (code === COMMA) {
			if (digits === 0) return -1;
			if (cells < values.length) values[cells] = value;
			cells++;
			value = 0;
			digits = 0;
		} else {
			const digit = code - ZERO;
			if (digit < 0 || digit > 9 || digits === MAX_PLAIN_DIGITS) return -1;
			value = value * 10 + digit;
			digits++;
		}
	}
	if (digits === 0) return -1;
	if (cells < values.length) values[cells] = value;
	return cells + 1;
}

/**
 * Splits a line into cell texts. A cell may be wrapped in double quotes
 * (`"7"`, `"a ""b"""`); a quote left open or followed by more text is reported
 * through `fail` with the 1-based column.
 */
export function splitCells(line: string, fail: (column: number, problem: string) => never): string[] {
	const cells: string[] = [];
	let start = 0;
	while (true) {
		if (line.charCodeAt(start) === QUOTE) {
			let text = '';
			let from = start + 1;
			while (true) {
				const close = line.indexOf('"', from);
				if (close < 0) fail(cells.length + 1, 'a quote is opened but never closed');
				text += line.slice(from, close);
				if (line.charCodeAt(close + 1) !== QUOTE) {
					start = close + 1;
					break;
				}
				text += '"';
				from = close + 2;
			}
			cells.push(text);
			if (start === line.length) return cells;
			if (line.charCodeAt(start) !== COMMA) fail(cells.length, 'unexpected text after a closing quote');
		} else {
			const comma = line.indexOf(',', start);
			cells.push(line.slice(start, comma < 0 ? line.length : comma));
			if (comma < 0) return cells;
			start = comma;
		}
		start++;
	}
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)$/;

/** The number a cell holds (decimal notation, spaces around allowed), or NaN. */
export function cellNumber(text: string): number {
	const trimmed = text.trim();
	return NUMBER.test(trimmed) ? Number(trimmed) : Number.NaN;
}
