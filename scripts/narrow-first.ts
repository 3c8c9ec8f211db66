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

/** The characters of the shortcut, as the inside of a regular expression's class. */
export const narrowCharacters = [
	'\\u0020-\\u007E', // printable ASCII: the shortcut as it was
	'\\u00A0-\\u00AC\\u00AE-\\u00FF', // Latin-1 (· ×, not the soft hyphen, which takes no column)
	'\\u0391-\\u03A1\\u03A3-\\u03A9\\u03B1-\\u03C9', // Greek letters (β, μ)
	'\\u2010-\\u2027', // dashes, quotes, bullets, …
	'\\u2030-\\u203B\\u203D-\\u205E', // ‰, primes (‼ left out: an emoji in some terminals)
	'\\u2190-\\u2193', // ← ↑ → ↓
	'\\u2200-\\u22FF', // mathematical operators (−, ≥)
	'\\u2500-\\u25FC', // box drawing, block elements, geometric shapes (▶ ◀ ■)
	'\\u2713\\u2717', // ✓ ✗
	'\\u2800-\\u28FF', // braille (the spinner)
].join('');

const asciiShortcut = String.raw`/^[\u0020-\u007E]*$/.test(string)`;

/** string-width's index.js with the wider shortcut; throws for a source it does not know. */
export function narrowFirst(source: string, file: string): string {
	if (!source.includes(asciiShortcut)) throw new Error(`${file}: not the string-width this build knows`);
	return source.replace(asciiShortcut, `/^[${narrowCharacters}]*$/.test(string)`);
}
