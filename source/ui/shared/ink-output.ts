/**
 * Ink's output stage, with what does not change from one frame to the next kept.
 *
 * Ink draws a frame by writing the lines of every Text into a grid of styled
 * cells, then turning each row of the grid back into text. It does all of it
 * anew for each frame: every line's escape codes are tokenized into cells (by
 * grapheme), every character measured, the styles of every pair of neighbouring
 * cells compared, several hundred thousand small objects a frame for the
 * dashboard, most of what a frame cost the main thread. The same steps here
 * keep a line's cells and a character's width from frame to frame, skip the
 * comparison of neighbours that share their style, and take a row's text from
 * the frame before when its cells are the same ones: the text is Ink's to the
 * byte (test/unit/ui/shared/ink-output.test.ts). A frame that clips (an
 * overlay whose size is not known) is left to Ink.
 *
 * Installed on Ink's Output class once this module is imported: every Ink
 * root of the program (and the tests' frames) draws through it.
 */

import stringWidth from 'string-width';
import {
	type AnsiCode,
	ansiCodesToString,
	diffAnsiCodes,
	reduceAnsiCodesIncremental,
	type StyledChar,
	styledCharsFromTokens,
	tokenize,
} from '../../../node_modules/@alcalzone/ansi-tokenize/build/index.js';
import Output from '../../../node_modules/ink/build/output.js';
import {isNarrow} from '../../text/narrow-characters.js';

type Transformer = (line: string, index: number) => string;
type Operation =
	| {readonly type: 'write'; readonly x: number; readonly y: number; readonly text: string; readonly transformers: readonly Transformer[]}
	| {readonly type: 'clip' | 'unclip'};
type Cell = StyledChar;

/** A map that forgets what was not used for a while: a new generation starts when the current one is full. */
class Generations<V> {
	private current = new Map<string, V>();
	private older = new Map<string, V>();
	constructor(private readonly size: number) {}
	get(key: string, make: (key: string) => V): V {
		let value = this.current.get(key);
		if (value !== undefined) return value;
		value = this.older.get(key) ?? make(key);
		if (this.current.size >= this.size) {
			this.older = this.current;
			this.current = new Map();
		}
		this.current.set(key, value);
		return value;
	}
}

/** A line's cells (shared, never changed): a line seen in the frame before is not tokenized again. */
const lineCells = new Generations<readonly Cell[]>(256);
/** Columns a character takes, at least one, as Ink counts them. */
const charColumns = new Generations<number>(4096);
const measured = (text: string) => Math.max(1, stringWidth(text));
const columnsOf = (value: string) => charColumns.get(value, measured);

/**
 * A cell's styles: one array for each list of codes, and each character's cell in them made once, so
 * that a line drawn again brings the same cells (compared by identity) and no new objects. The text that
 * changes a style into another is kept too.
 */
interface Style {
	readonly codes: AnsiCode[];
	readonly cells: Map<string, Cell>;
	/** The style after a colour code, by the code's text. */
	readonly after: Map<string, Style>;
	/** The codes that turn this style into another, by the other's codes. */
	readonly into: Map<AnsiCode[], string>;
}
/** At most this many styles, and cells (or codes after it) in a style: past that they are made again (any colours a line may bring). */
const maxStyles = 1024;
const maxCells = 4096;
const styles = new Map<string, Style>();
const styleOf = new WeakMap<readonly AnsiCode[], Style>();

function styleFor(codes: AnsiCode[]): Style {
	const key = codes.map(code => `${code.code}${code.endCode}`).join('');
	let style = styles.get(key);
	if (style === undefined) {
		if (styles.size >= maxStyles) styles.clear();
		style = {codes, cells: new Map(), after: new Map(), into: new Map()};
		styles.set(key, style);
		styleOf.set(codes, style);
	}
	return style;
}

function cellIn(style: Style, value: string): Cell {
	let cell = style.cells.get(value);
	if (cell === undefined) {
		if (style.cells.size >= maxCells) style.cells.clear();
		cell = {type: 'char', value, fullWidth: false, styles: style.codes};
		style.cells.set(value, cell);
	}
	return cell;
}

/** The style after a colour code's tokens (Ink splits compound codes and finds each one's end code). */
function styleAfter(style: Style, code: string): Style {
	let after = style.after.get(code);
	if (after === undefined) {
		let codes = style.codes;
		for (const token of tokenize(code)) codes = reduceAnsiCodesIncremental(codes, [token as AnsiCode]);
		after = styleFor(codes);
		if (style.after.size >= maxCells) style.after.clear();
		style.after.set(code, after);
	}
	return after;
}

const unstyled = styleFor([]);
const blank = cellIn(unstyled, ' ');

/**
 * The rows of the frame before, their cells and text (of whichever Ink root drew last: a row's text is a
 * function of its cells), and the rows of the frame before that, whose arrays the next frame fills again.
 */
let shown: {readonly cells: (Cell | undefined)[]; readonly text: string}[] = [];
let spare: (Cell | undefined)[][] = [];

const inkGet = Output.prototype.get;

/** Ink's Output.get: the frame's text and its height in rows. */
export function frameOf(output: Output): {output: string; height: number} {
	const operations = (output as unknown as {operations: readonly Operation[]}).operations;
	// a clip, or text placed off the grid's columns, is Ink's to draw
	if (operations.some(operation => operation.type !== 'write' || !(Number.isInteger(operation.x) && operation.x >= 0))) {
		return inkGet.call(output);
	}
	const width = Math.max(0, Math.ceil(output.width));
	const rows: (Cell | undefined)[][] = [];
	for (let y = 0; y < output.height; y++) {
		const row = spare[y] ?? [];
		row.length = width;
		rows.push(row.fill(blank));
	}
	for (const operation of operations) {
		if (operation.type !== 'write') continue;
		const {x, y, text, transformers} = operation;
		const lines = text.split('\n');
		let offsetY = 0;
		for (let index = 0; index < lines.length; index++) {
			// as in Ink, a line outside the grid is skipped without moving on a row: the lines after it are lost too
			const row = rows[y + offsetY];
			if (!row) continue;
			let line = lines[index]!;
			for (const transformer of transformers) line = transformer(line, index);
			let offsetX = x;
			for (const cell of lineCells.get(line, cellsOf)) {
				row[offsetX] = cell;
				const columns = columnsOf(cell.value);
				// a wide character's second column: its style, no text
				for (let column = 1; column < columns; column++)
					row[offsetX + column] = {type: 'char', value: '', fullWidth: false, styles: cell.styles};
				offsetX += columns;
			}
			offsetY++;
		}
	}
	const before = shown;
	shown = rows.map((cells, y) => {
		const row = before[y];
		return {cells, text: row && sameCells(row.cells, cells) ? row.text : rowText(cells).trimEnd()};
	});
	spare = before.map(row => row.cells);
	return {output: shown.map(row => row.text).join('\n'), height: rows.length};
}

/**
 * A line's cells, as Ink's styledCharsFromTokens(tokenize(line)) gives them. Ink splits a line into
 * graphemes, which is most of the cost; a line of characters that are each a grapheme of their own
 * (text/narrow-characters.ts: ASCII, Latin-1, Greek letters, box drawing, blocks, braille…) and colour codes is split here by
 * character, its codes read by Ink's own tokenizer; any other line is Ink's to split.
 */
function cellsOf(line: string): readonly Cell[] {
	const cells: Cell[] = [];
	let style = unstyled;
	for (let i = 0; i < line.length; ) {
		const code = line.charCodeAt(i);
		if (code === 0x1b) {
			const end = colourCodeEnd(line, i);
			if (end < 0) return styledCharsFromTokens(tokenize(line));
			style = styleAfter(style, line.slice(i, end + 1));
			i = end + 1;
			continue;
		}
		if (!isNarrow(code)) return styledCharsFromTokens(tokenize(line));
		cells.push(cellIn(style, line[i]!));
		i++;
	}
	return cells;
}

/** Where the colour code (ESC [ digits and semicolons m) that starts at `start` ends, or -1 for another escape. */
function colourCodeEnd(line: string, start: number): number {
	if (line.charCodeAt(start + 1) !== 0x5b) return -1;
	for (let i = start + 2; i < line.length; i++) {
		const code = line.charCodeAt(i);
		if (code === 0x6d) return i;
		if (code !== 0x3b && (code < 0x30 || code > 0x39)) return -1;
	}
	return -1;
}

/** The columns text without escape codes takes, as Ink measures it: counted for text of single-column characters. */
export function textWidth(text: string): number {
	for (let i = 0; i < text.length; i++) if (!isNarrow(text.charCodeAt(i))) return stringWidth(text);
	return text.length;
}

function sameCells(a: readonly (Cell | undefined)[], b: readonly (Cell | undefined)[]): boolean {
	if (a.length !== b.length) return false;
	for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
	return true;
}

/** The row as Ink's styledCharsToString writes it: each cell's change of style, then its text, and every style ended after the last. */
function rowText(row: readonly (Cell | undefined)[]): string {
	// one array for every row's pieces, joined once: a string grown a character at a time leaves a chain of pieces behind
	pieces.length = 0;
	let before = unstyled.codes;
	for (const cell of row) {
		if (cell === undefined) continue;
		if (cell.styles !== before) pieces.push(change(before, cell.styles));
		pieces.push(cell.value);
		before = cell.styles;
	}
	pieces.push(change(before, unstyled.codes));
	return pieces.join('');
}

const pieces: string[] = [];

/** The codes that turn one cell's styles into the next one's, as text: none between the same codes. */
function change(from: AnsiCode[], to: AnsiCode[]): string {
	if (from === to) return '';
	const into = styleOf.has(to) ? styleOf.get(from)?.into : undefined;
	let text = into?.get(to);
	if (text === undefined) {
		text = sameStyles(from, to) ? '' : ansiCodesToString(diffAnsiCodes(from, to));
		if (into && into.size >= maxStyles) into.clear();
		into?.set(to, text);
	}
	return text;
}

/** The same codes in the same order: nothing to change between the two (diffAnsiCodes would give none). */
function sameStyles(a: Cell['styles'], b: Cell['styles']): boolean {
	if (a === b) return true;
	if (a.length !== b.length) return false;
	for (let i = 0; i < a.length; i++) if (a[i]!.code !== b[i]!.code || a[i]!.endCode !== b[i]!.endCode) return false;
	return true;
}

/** Ink's own output stage, for comparing. */
export const inkFrameOf = (output: Output): {output: string; height: number} => inkGet.call(output);

Output.prototype.get = function (this: Output) {
	return frameOf(this);
};
