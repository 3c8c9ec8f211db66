/**
 * Ink measures every text node with string-width, which works out a
 * string's width grapheme by grapheme (Intl.Segmenter, Unicode property
 * expressions, East Asian Width) unless every character is printable ASCII.
 * The dashboard's text is mostly box drawing, block elements, braille and a
 * few symbols, each one column wide on its own, none joining its
 * neighbours: measuring its first frame took 59 ms of that frame's 95.
 * `narrowFirst` rewrites string-width's source so that its shortcut takes
 * those characters too: a string of them is as wide as it is long, what
 * string-width itself works out for each of them
 * (test/unit/scripts/narrow-first.test.ts holds every one against it).
 */

import {narrowCharacters} from '../source/text/narrow-characters.js';

const asciiShortcut = String.raw`/^[\u0020-\u007E]*$/.test(string)`;

/** string-width's index.js with the wider shortcut; throws for a source it does not know. */
export function narrowFirst(source: string, file: string): string {
	if (!source.includes(asciiShortcut)) throw new Error(`${file}: not the string-width this build knows`);
	return source.replace(asciiShortcut, `/^[${narrowCharacters}]*$/.test(string)`);
}
