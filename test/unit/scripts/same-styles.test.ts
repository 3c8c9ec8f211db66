import assert from 'node:assert/strict';
import {readFile} from 'node:fs/promises';
import {join} from 'node:path';
import {describe, test} from 'node:test';
import {Chalk} from 'chalk';
import {build} from 'esbuild';
import {sameStylesFirst} from '../../../scripts/same-styles.js';
import {root} from '../../helpers/paths.js';

/** What Ink uses of @alcalzone/ansi-tokenize (a package of Ink's, reached here through esbuild). */
interface Tokenizer {
	tokenize(text: string): unknown[];
	styledCharsFromTokens(tokens: unknown[]): unknown[];
	styledCharsToString(chars: unknown[]): string;
}

/** ansi-tokenize bundled as it is, or as the built program has it, with the shortcut. */
async function tokenizer(shortcut: boolean): Promise<Tokenizer> {
	const result = await build({
		stdin: {
			contents: "export {tokenize, styledCharsFromTokens, styledCharsToString} from '@alcalzone/ansi-tokenize';",
			resolveDir: join(root, 'node_modules', 'ink'),
		},
		bundle: true,
		format: 'esm',
		platform: 'node',
		write: false,
		logLevel: 'silent',
		plugins: shortcut
			? [
					{
						name: 'same-styles-first',
						setup(build) {
							build.onLoad({filter: /[\\/]@alcalzone[\\/]ansi-tokenize[\\/]build[\\/]styledChars\.js$/}, async args => ({
								contents: sameStylesFirst(await readFile(args.path, 'utf8'), args.path),
								loader: 'js',
							}));
						},
					},
				]
			: [],
	});
	return import(`data:text/javascript,${encodeURIComponent(result.outputFiles[0]!.text)}`) as Promise<Tokenizer>;
}

const chalk = new Chalk({level: 3});
const styles = [
	chalk.bold,
	chalk.dim,
	chalk.bold.dim,
	chalk.red,
	chalk.bgBlue,
	chalk.inverse,
	chalk.underline,
	chalk.hex('#ff8800'),
	chalk.bgHex('#203040').white,
	(text: string) => text,
];

/** Lines of runs in random styles, nested, of plain and box-drawing characters. */
function styledLines(count: number): string[] {
	let seed = 7;
	const next = (n: number) => {
		seed = (seed * 1103515245 + 12345) & 0x7fffffff;
		return seed % n;
	};
	return Array.from({length: count}, () => {
		let line = '';
		for (let run = next(6); run >= 0; run--) {
			let text = 'ab█ ─·9'.slice(next(4), 4 + next(4));
			for (let depth = next(3); depth > 0; depth--) text = styles[next(styles.length)]!(text);
			line += text;
		}
		return line;
	});
}

describe("the built Ink's output stage", () => {
	test('turns styled characters back into the same text, byte for byte, as ansi-tokenize itself', async () => {
		const [original, built] = await Promise.all([tokenizer(false), tokenizer(true)]);
		for (const line of styledLines(3000)) {
			const chars = original.styledCharsFromTokens(original.tokenize(line));
			assert.equal(built.styledCharsToString(chars), original.styledCharsToString(chars), JSON.stringify(line));
		}
	});

	test('a source it does not know stops the build', () => {
		assert.throws(() => sameStylesFirst('export function styledCharsToString() {}', 'styledChars.js'), /not the styledCharsToString/);
	});
});
