import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, test} from 'node:test';
import {flags} from '../../source/options.js';
import {root} from '../helpers/paths.js';

const readme = readFileSync(path.join(root, 'README.md'), 'utf8');

describe('README', () => {
	test('documents every flag in its options table and every command in its usage', () => {
		const rows = readme.split('\n').filter(line => line.startsWith('| `--'));
		const missing = Object.keys(flags).filter(name => !rows.some(row => new RegExp(`\`--${name}[ \`]`).test(row)));
		assert.deepEqual(missing, [], 'flags without a row in the options table');
		for (const command of ['eval', 'browse', 'predict', 'replay', 'compare'])
			assert.match(readme, new RegExp(`^mnist-tui ${command} `, 'm'));
	});

	test('documents the steering keys in the dashboard key table', () => {
		for (const key of ['`n`', '`+` / `-`', '`]` / `[`']) assert.ok(readme.includes(`| ${key} |`), key);
	});
});
