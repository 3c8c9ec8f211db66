/**
 * The characters the screens draw that are each one column wide and a
 * grapheme of their own, whatever is around them: none that joins, combines
 * or controls, none of East Asian width, none that is an emoji. Ink's text
 * measuring (string-width, see scripts/narrow-first.ts) and its output stage
 * (ui/shared/ink-output.ts) take a string of them by its length, without
 * working out its graphemes; test/unit/scripts/narrow-first.test.ts holds
 * every one against string-width and Intl.Segmenter.
 */
const narrowRanges: readonly (readonly [number, number])[] = [
	[0x20, 0x7e], // printable ASCII
	[0xa0, 0xac], // Latin-1 (· ×, not the soft hyphen, which takes no column)
	[0xae, 0xff],
	[0x391, 0x3a1], // Greek letters (β, μ)
	[0x3a3, 0x3a9],
	[0x3b1, 0x3c9],
	[0x2010, 0x2027], // dashes, quotes, bullets, …
	[0x2030, 0x203b], // ‰, primes (‼ left out: an emoji in some terminals)
	[0x203d, 0x205e],
	[0x2190, 0x2193], // ← ↑ → ↓
	[0x2200, 0x22ff], // mathematical operators (−, ≥)
	[0x2500, 0x25fc], // box drawing, block elements, geometric shapes (▶ ◀ ■)
	[0x2713, 0x2713], // ✓
	[0x2717, 0x2717], // ✗
	[0x2800, 0x28ff], // braille (the spinner)
];

const escaped = (code: number) => `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;

/** The characters as the inside of a regular expression's class. */
export const narrowCharacters = narrowRanges
	.map(([from, to]) => (from === to ? escaped(from) : `${escaped(from)}-${escaped(to)}`))
	.join('');

/** Whether the UTF-16 unit `code` is one of the characters. */
export function isNarrow(code: number): boolean {
	for (const [from, to] of narrowRanges) if (code >= from && code <= to) return true;
	return false;
}
