/**
 * The help's two pages as lines of text: the keys of the view shown, and
 * what the words on that view mean. Long entries wrap under themselves
 * instead of being cut, so the help reads whole at 80 columns; the overlay
 * scrolls what does not fit.
 */
import type {GlossaryEntry} from '../../text/glossary.js';
import {firstFitting, type Glyphs, keyLabel} from '../../text/glyphs.js';

export type HelpPage = 'keys' | 'words';

/** One line of a page: a lead (a key, a term) drawn in colour, then plain text. */
export interface HelpLine {
	readonly lead: string;
	readonly text: string;
}

export interface HelpBinding {
	readonly label: string;
	readonly help: string;
}

/** Words in lines of at most `width` characters; a word longer than that gets a line of its own, cut. */
export function wrapWords(text: string, width: number): string[] {
	const room = Math.max(1, width);
	const lines: string[] = [];
	let line = '';
	for (const word of text.split(' ').filter(Boolean)) {
		const joined = line === '' ? word : `${line} ${word}`;
		if (Array.from(joined).length <= room) line = joined;
		else {
			if (line !== '') lines.push(line);
			line = Array.from(word).slice(0, room).join('');
		}
	}
	if (line !== '' || lines.length === 0) lines.push(line);
	return lines;
}

/** "p, space  pause or resume training": keys in a column, each help wrapped beside its key. */
export function keyLines(bindings: readonly HelpBinding[], width: number, glyphs: Glyphs): HelpLine[] {
	const labels = bindings.map(binding => keyLabel(binding.label, glyphs));
	const labelWidth = Math.max(0, ...labels.map(label => Array.from(label).length)) + 2;
	return bindings.flatMap((binding, index) =>
		wrapWords(binding.help, width - labelWidth).map((text, line) => ({
			lead: line === 0 ? labels[index]!.padEnd(labelWidth) : ' '.repeat(labelWidth),
			text,
		})),
	);
}

/** "recall: At the end of each row: …", the term in colour, the text wrapped under it two columns in. */
export function wordLines(entries: readonly GlossaryEntry[], width: number): HelpLine[] {
	const indent = 2;
	return entries.flatMap(({term, text}) => {
		const lead = `${term}:`;
		// the first line starts after the term; the others two columns in
		const first = wrapWords(text, width - Array.from(lead).length - 1)[0]!;
		const rest = text.slice(first.length).trim();
		return [
			{lead, text: ` ${first}`},
			...(rest === '' ? [] : wrapWords(rest, width - indent).map(line => ({lead: '', text: `  ${line}`}))),
		];
	});
}

/** The page's title, which names the other page and the key that shows it. */
export function helpTitle(page: HelpPage, glyphs: Glyphs): string {
	const {left, right} = glyphs.keys;
	return page === 'keys'
		? `Keys${glyphs.separator}${right} what the words on this screen mean`
		: `What the words on this screen mean${glyphs.separator}${left} keys`;
}

export interface Scroll {
	/** The first line shown. */
	readonly top: number;
	readonly shown: number;
	readonly total: number;
}

/**
 * The help's last line, always shown: how much more there is, how to scroll,
 * and that ? closes. Shorter forms at narrow widths; "? closes" is never dropped.
 */
export function helpFooter({top, shown, total}: Scroll, width: number, glyphs: Glyphs): string {
	const {up, down, left, right} = glyphs.keys;
	const join = (...parts: string[]) => parts.join(glyphs.separator);
	const below = total - top - shown;
	if (below <= 0 && top === 0)
		return firstFitting([join(`${left} ${right} keys or words`, 'Press ? again to close this help.'), '? closes'], width, glyphs.ellipsis);
	const where = below > 0 ? `${down} ${below} more ${below === 1 ? 'line' : 'lines'} below` : `${up} more above`;
	return firstFitting(
		[
			join(where, `${up} ${down} j k scroll`, `${left} ${right} keys or words`, '? closes the help'),
			join(where, `${up} ${down} j k scroll`, `${left} ${right} pages`, '? closes'),
			join(where, `${up} ${down} scroll`, '? closes'),
			'? closes',
		],
		width,
		glyphs.ellipsis,
	);
}
