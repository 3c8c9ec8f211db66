/**
 * README's JSON Lines example against the program: a real run of the
 * example's own command (on fewer images) gives the same events, the same
 * fields in the same order, and numbers written the same way.
 */
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, test} from 'node:test';
import {runCli} from '../helpers/cli.js';
import {root} from '../helpers/paths.js';

const readme = readFileSync(path.join(root, 'README.md'), 'utf8');

/** The first code block of the "JSON Lines" section: the command after `$ `, and the lines it printed. */
function example(): {command: string[]; lines: string[]} {
	const section = readme.slice(readme.indexOf('## JSON Lines (`--json`)'));
	const block = /```\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
	const [prompt = '', ...lines] = block.trim().split('\n');
	assert.match(prompt, /^\$ mnist-tui /);
	return {command: prompt.split(' ').slice(2), lines};
}

const eventOf = (line: string) => /^\{"event":"(\w+)"/.exec(line)?.[1];
/** Every field name a line has, nested ones too, in the order written. */
const fieldNames = (line: string) => [...line.matchAll(/"(\w+)":/g)].map(match => match[1]!);
const numberOf = (line: string, field: string): string | undefined => new RegExp(`"${field}":([\\d.e-]+)`).exec(line)?.[1];
/** "0.0969704" has 6: leading zeros do not count. */
const significantDigits = (text: string) => text.replace(/^[0.]+/, '').replace('.', '').length;

describe("README's JSON Lines example", () => {
	test('a real run of its command has the same events, the same field names and losses written the same way', async () => {
		const {command, lines} = example();
		const run = await runCli([...command, '--limit', '2000', '--test-limit', '500']);
		assert.equal(run.code, 0, run.stderr);
		const real = run.stdout.trim().split('\n');

		assert.deepEqual(lines.map(eventOf), real.map(eventOf), 'the events, one line each, in order');
		for (const [index, line] of lines.entries()) {
			const names = fieldNames(line);
			const realNames = fieldNames(real[index]!);
			if (line.includes('…}')) {
				// a line cut short: the fields it shows, in the real line's order
				assert.deepEqual(names, realNames.slice(0, names.length), line);
			} else assert.deepEqual(names, realNames, line);
		}

		// losses and accuracies as the program writes them: six significant digits at most, some with six
		const digits = (texts: readonly string[], field: string) => texts.flatMap(line => numberOf(line, field) ?? []).map(significantDigits);
		for (const field of ['trainLoss', 'testLoss']) {
			assert.equal(Math.max(...digits(lines, field)), Math.max(...digits(real, field)), `${field}'s digits`);
		}
		const epochs = Number(/"epochs":(\d+)/.exec(lines[0]!)?.[1]);
		assert.equal(lines.filter(line => eventOf(line) === 'epoch').length, epochs, 'an epoch line for each of the epochs');
		for (const line of lines.slice(1)) assert.equal(Number(/"epochs":(\d+)/.exec(line)?.[1] ?? epochs), epochs, line);
		for (const line of lines)
			for (const field of ['trainAccuracy', 'testAccuracy']) {
				const value = numberOf(line, field);
				if (value !== undefined) assert.ok(Number(value) > 0.1 && Number(value) <= 1, `${field} ${value} is a fraction`);
			}
		const [last, done] = [lines.at(-2)!, lines.at(-1)!];
		assert.equal(numberOf(done, 'testAccuracy'), numberOf(last, 'testAccuracy'), 'done repeats the last epoch');
		assert.equal(numberOf(done, 'testLoss'), numberOf(last, 'testLoss'));
	});
});
