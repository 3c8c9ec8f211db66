/**
 * Ink turns each line of a frame into styled characters and back with
 * @alcalzone/ansi-tokenize, whose styledCharsToString works out the codes
 * between every two neighbouring characters with new sets and arrays each
 * time: most neighbours have the same styles, and then the codes between them
 * are none. `sameStylesFirst` rewrites that function's source to say so before
 * working them out: the same text, byte for byte, for less work (the first
 * frame's biggest cost, and part of every frame's).
 */

const between = 'ansiCodesToString(diffAnsiCodes(chars[i - 1].styles, char.styles))';
const atEnd = 'ansiCodesToString(diffAnsiCodes(char.styles, []))';
const sameStyles = `
function sameStyles(a, b) {
	if (a.length !== b.length) return false;
	for (let i = 0; i < a.length; i++) if (a[i].code !== b[i].code || a[i].endCode !== b[i].endCode) return false;
	return true;
}
`;

/** The source of ansi-tokenize's build/styledChars.js with the shortcut; throws for a source it does not know. */
export function sameStylesFirst(source: string, file: string): string {
	if (!source.includes(between) || !source.includes(atEnd)) throw new Error(`${file}: not the styledCharsToString this build knows`);
	return (
		source
			.replace(between, `(sameStyles(chars[i - 1].styles, char.styles) ? "" : ${between})`)
			.replace(atEnd, `(char.styles.length === 0 ? "" : ${atEnd})`) + sameStyles
	);
}
