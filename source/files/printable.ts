/**
 * Text from a file or a path (class names, CSV cells, file names, snippets
 * of bad JSON, paths kept in a checkpoint), made safe to show: every control
 * character becomes an escape a person can read (`\n`, `\x1b`, `\u202e`), so
 * nothing from a file can move the cursor, change colours, reorder what the
 * terminal shows or break a one-line message in two.
 */

/** C0 and C1 controls, DEL, and the invisible format characters that reorder or hide text (bidi controls, line and paragraph separators, zero widths). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters it escapes
const unsafe = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]/g;

const named = new Map([
	['\n', '\\n'],
	['\r', '\\r'],
	['\t', '\\t'],
]);

export function printable(text: string): string {
	return text.replace(unsafe, character => named.get(character) ?? escapeCode(character.charCodeAt(0)));
}

/** Whether the text shows as it is: nothing in it would be escaped. */
export const isPrintable = (text: string): boolean => !new RegExp(unsafe.source).test(text);

const escapeCode = (code: number): string =>
	code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;

/** A piece of a file's text short enough for a one-line message: at most `length` characters, the cut marked. */
export function excerpt(text: string, length = 32): string {
	const characters = Array.from(text);
	return characters.length <= length ? text : `${characters.slice(0, length - 1).join('')}…`;
}
