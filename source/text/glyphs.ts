/**
 * Every character the screens draw that a terminal without Unicode lacks,
 * with its ASCII stand-in: one table, so the two sets cannot drift apart.
 * (The digits' half blocks are not here: without Unicode or colour a digit
 * is drawn another way, on a shade ramp; see ui/shared/digit-art.ts.)
 */
export interface Glyphs {
	readonly ellipsis: string;
	/** Between the parts of a title or a status line. */
	readonly separator: string;
	/** A confusion cell that counts nothing. */
	readonly zero: string;
	/** Before the header's last word: done, failed, stopped. */
	readonly done: string;
	readonly failed: string;
	readonly stopped: string;
	/** True class to predicted class: "4→9". */
	readonly arrow: string;
	/** Between the sides of a map or a filter: "5×5". */
	readonly times: string;
	/** Points from a probability row to its mark: "◀ pred". */
	readonly pointer: string;
	/** Leads the demo's caption. */
	readonly play: string;
	/** Before the selected digit's labels: right or wrong, said in words where there is no ✓. */
	readonly right: string;
	readonly wrong: string;
	/** The same under a small neighbouring digit, where there is less room. */
	readonly smallRight: string;
	readonly smallWrong: string;
	/** The header's spinner: its frames, and ink-spinner's name for the same. */
	readonly spinner: {readonly frames: string; readonly name: 'dots' | 'line'};
	/** A bar's filled cells, its track, and the partly filled last cell in eighths (none: whole cells only). */
	readonly bar: {readonly full: string; readonly empty: string; readonly eighths: readonly string[] | null};
	/**
	 * The chart lines in asciichart's symbol order (crossing, axis, two axis
	 * ends, horizontal, four corners, vertical): the first series solid, the
	 * others dashed, so they stay apart without colour; `meeting` marks a cell
	 * where points of both fall.
	 */
	readonly chart: {readonly solid: readonly string[]; readonly dashed: readonly string[]; readonly meeting: string};
	/** The arrow keys as the key hints name them. */
	readonly keys: {
		readonly left: string;
		readonly right: string;
		readonly up: string;
		readonly down: string;
		readonly leftRight: string;
		readonly all: string;
	};
}

const unicode: Glyphs = {
	ellipsis: '…',
	separator: ' · ',
	zero: '·',
	done: '✓ ',
	failed: '✗ ',
	stopped: '■ ',
	arrow: '→',
	times: '×',
	pointer: '◀',
	play: '▶',
	right: '✓ ',
	wrong: '✗ ',
	smallRight: '✓',
	smallWrong: '✗',
	spinner: {frames: '⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏', name: 'dots'},
	bar: {full: '█', empty: '░', eighths: ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉']},
	chart: {
		solid: ['┼', '┤', '╶', '╴', '─', '╰', '╭', '╮', '╯', '│'],
		dashed: ['┼', '┤', '╶', '╴', '╌', '╰', '╭', '╮', '╯', '╎'],
		meeting: '╳',
	},
	keys: {left: '←', right: '→', up: '↑', down: '↓', leftRight: '←/→', all: '←↑↓→'},
};

const ascii: Glyphs = {
	ellipsis: '...',
	separator: ' - ',
	zero: '.',
	done: '',
	failed: '',
	stopped: '',
	arrow: '->',
	times: 'x',
	pointer: '<',
	play: '>',
	right: 'right  ',
	wrong: 'WRONG  ',
	smallRight: 'ok',
	smallWrong: 'X',
	spinner: {frames: '-\\|/', name: 'line'},
	bar: {full: '#', empty: '-', eighths: null},
	chart: {
		solid: ['+', '|', '-', '-', '-', "'", '.', '.', "'", '|'],
		dashed: ['+', '|', '.', '.', '.', "'", '.', '.', "'", ':'],
		meeting: 'x',
	},
	keys: {left: '<-', right: '->', up: 'up', down: 'down', leftRight: '<-/->', all: 'arrows'},
};

export const glyphsFor = (asciiOnly: boolean): Glyphs => (asciiOnly ? ascii : unicode);

/** A key's label as the glyphs draw it: "← h" becomes "<- h" in ASCII. */
export const keyLabel = (label: string, glyphs: Glyphs): string =>
	label.replace(/[←→↑↓]/g, arrow => ({'←': glyphs.keys.left, '→': glyphs.keys.right, '↑': glyphs.keys.up, '↓': glyphs.keys.down})[arrow]!);

/** Cuts text to at most `width` characters, marking the cut. Dashboard text is one column per character. */
export function truncate(text: string, width: number, ellipsis: string): string {
	const characters = Array.from(text);
	if (characters.length <= width) return text;
	if (width <= ellipsis.length) return characters.slice(0, Math.max(width, 0)).join('');
	return characters.slice(0, width - ellipsis.length).join('') + ellipsis;
}

/** The first of the candidates that fits in `width`, else the last one cut to fit. */
export function firstFitting(candidates: readonly string[], width: number, ellipsis: string): string {
	const fitting = candidates.find(candidate => Array.from(candidate).length <= width);
	return fitting ?? truncate(candidates.at(-1) ?? '', width, ellipsis);
}
