import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, test} from 'node:test';
import stringWidth from 'string-width';
import {narrowFirst} from '../../../scripts/narrow-first.js';
import {isNarrow, narrowCharacters} from '../../../source/text/narrow-characters.js';
import {root} from '../../helpers/paths.js';

const narrow = new RegExp(`^[${narrowCharacters}]$`);
const shortcutCodePoints = Array.from({length: 0x3000}, (_, codePoint) => codePoint).filter(codePoint =>
	narrow.test(String.fromCodePoint(codePoint)),
);

describe("string-width's shortcut for narrow characters (the built program's)", () => {
	test('every character it takes is one column wide to string-width itself, alone and between two others', () => {
		assert.ok(shortcutCodePoints.length > 1000, `${shortcutCodePoints.length} characters`);
		for (const codePoint of shortcutCodePoints) {
			const character = String.fromCodePoint(codePoint);
			const hex = codePoint.toString(16).padStart(4, '0');
			assert.equal(stringWidth(character), 1, `U+${hex} ${character} alone`);
			// a character that joined a neighbour into one cluster would make these 2 or less
			assert.equal(stringWidth(`a${character}b`), 3, `U+${hex} ${character} between letters`);
			assert.equal(stringWidth(`${character}${character}`), 2, `U+${hex} ${character} twice`);
		}
	});

	test('every one is a grapheme of its own between two others, and the output stage takes exactly them', () => {
		const graphemes = new Intl.Segmenter();
		for (const codePoint of shortcutCodePoints) {
			const character = String.fromCodePoint(codePoint);
			assert.equal([...graphemes.segment(`a${character}b`)].length, 3, `U+${codePoint.toString(16)} ${character}`);
		}
		for (let code = 0; code < 0x3000; code++) assert.equal(isNarrow(code), shortcutCodePoints.includes(code), `U+${code.toString(16)}`);
	});

	test('the characters the screens draw are among them', () => {
		for (const character of '─│┼╭╮╰╯▀▄█▁▂▃▄▅▆▇▏▎▍▌▋▊▉░▒▓■▶◀·×…→←↑↓−✓✗βμ⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏') assert.match(character, narrow);
	});

	test("rewrites the installed string-width's shortcut, and refuses a source it does not know", () => {
		const file = join(root, 'node_modules', 'string-width', 'index.js');
		const rewritten = narrowFirst(readFileSync(file, 'utf8'), file);
		assert.ok(rewritten.includes(`/^[${narrowCharacters}]*$/.test(string)`));
		assert.throws(() => narrowFirst('export default function stringWidth() {}', 'index.js'), /not the string-width this build knows/);
	});
});
