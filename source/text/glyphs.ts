/** The few non-letter characters the dashboard draws, and their ASCII stand-ins for terminals without Unicode. */
export interface Glyphs {
	readonly ellipsis: string;
	/** Between the parts of a title or a status line. */
	readonly separator: string;
	/** A confusion cell that counts nothing. */
	readonly zero: string;
	readonly done: string;
	readonly failed: string;
	readonly stopped: string;
}

const unicode: Glyphs = {ellipsis: '…', separator: ' · ', zero: '·', done: '✓ ', failed: '✗ ', stopped: '■ '};
const ascii: Glyphs = {ellipsis: '...', separator: ' - ', zero: '.', done: '', failed: '', stopped: ''};

export const glyphsFor = (asciiOnly: boolean): Glyphs => (asciiOnly ? ascii : unicode);

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
