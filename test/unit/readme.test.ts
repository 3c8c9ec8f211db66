import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, test} from 'node:test';
import {flags} from '../../source/options.js';
import {root} from '../helpers/paths.js';

const readme = readFileSync(path.join(root, 'README.md'), 'utf8');

interface OptionRow {
	/** The flags the row names, each as written: `--epochs N`, `-h`. */
	readonly names: readonly string[];
	readonly defaultText: string;
	readonly line: string;
}

/** The rows of README's options table: `| \`--epochs N\` | meaning | default |`, with `\|` for a | inside a cell. */
function optionRows(): OptionRow[] {
	const lines = readme.split('\n');
	const header = lines.indexOf('| option | meaning | default |');
	assert.ok(header >= 0, "README's options table");
	const end = lines.findIndex((line, index) => index > header && !line.startsWith('|'));
	return lines.slice(header + 2, end).map(line => {
		const cells = line
			.slice(1, -1)
			.split(/(?<!\\)\|/)
			.map(cell => cell.trim().replaceAll('\\|', '|'));
		const names = [...(cells[0] ?? '').matchAll(/`([^`]+)`/g)].map(match => match[1]!);
		return {names, defaultText: cells[2] ?? '', line};
	});
}

describe('README', () => {
	const rows = optionRows();
	const rowOf = (name: string) => rows.filter(row => row.names.some(written => written.split(' ')[0] === `--${name}`));

	test('documents every flag in its options table and every command in its usage', () => {
		const missing = Object.keys(flags).filter(name => rowOf(name).length === 0);
		assert.deepEqual(missing, [], 'flags without a row in the options table');
		for (const command of ['eval', 'browse', 'predict', 'replay', 'compare'])
			assert.match(readme, new RegExp(`^mnist-tui ${command} `, 'm'));
	});

	test('the options table agrees with the flag table that --help is made from: each flag once, its placeholder, its default', () => {
		for (const [name, flag] of Object.entries(flags)) {
			const [row, ...more] = rowOf(name);
			assert.equal(more.length, 0, `--${name} has one row`);
			const written = row!.names.find(written => written.split(' ')[0] === `--${name}`)!;
			assert.equal(written, `--${name}${'value' in flag ? ` ${flag.value}` : ''}`, `--${name}'s placeholder`);
			if ('short' in flag) assert.ok(row!.names.includes(`-${flag.short}`), `-${flag.short} beside --${name}`);
			if ('default' in flag) {
				// the default as --help gives it, perhaps followed by a word on it: "auto (wasm where it runs)"
				const rest = row!.defaultText.startsWith(flag.default) ? row!.defaultText.slice(flag.default.length) : null;
				assert.ok(rest !== null && /^([ :;,].*)?$/.test(rest), `--${name}'s default is ${flag.default}: ${row!.line}`);
			} else {
				assert.equal(row!.defaultText, '', `--${name} has no default: ${row!.line}`);
			}
		}
		// and nothing the program does not take
		const known = new Set(Object.entries(flags).flatMap(([name, flag]) => [`--${name}`, ...('short' in flag ? [`-${flag.short}`] : [])]));
		const unknown = rows.flatMap(row => row.names.map(written => written.split(' ')[0]!)).filter(name => !known.has(name) && name !== '-V');
		assert.deepEqual(unknown, [], 'rows for flags the program does not have');
	});

	test('documents the steering keys in the dashboard key table', () => {
		for (const key of ['`n`', '`+` / `-`', '`]` / `[`']) assert.ok(readme.includes(`| ${key} |`), key);
	});
});
