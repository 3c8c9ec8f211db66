import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {runCli} from '../helpers/cli.js';
import {cookedMode, leaveAlternateScreen, runInTerminal, showCursor} from './pseudo-terminal.js';

const tiny = ['--hidden', '8', '--limit', '500', '--test-limit', '200', '--seed', '1'];

/** The part of the output after the alternate screen was left: it must show the cursor and hold the summary. */
function afterScreen(output: string): string {
	const left = output.lastIndexOf(leaveAlternateScreen);
	assert.ok(left > 0, 'the alternate screen is left');
	const after = output.slice(left);
	assert.ok(after.includes(showCursor));
	return after;
}

describe('terminal edge cases', () => {
	test('a terminal below 80x24 shows the "too small" line with the run\'s status, and q still quits', async () => {
		const run = runInTerminal([...tiny, '--epochs', '100000'], {columns: 50, rows: 10});
		await run.waitFor(/Terminal too small: 50x10, need 80x24/);
		await run.waitFor(/Epoch \d+\/100000/);
		run.write('q');
		const ended = await run.ended;
		assert.equal(ended.code, 0);
		assert.match(afterScreen(ended.output), /mnist-tui: stopped 784-8-10/);
		assert.ok(cookedMode(ended.stty));
	});

	test('stdin not a terminal: the dashboard is drawn with keys off, says so, and closes by itself when done', async () => {
		const run = runInTerminal([...tiny, '--epochs', '3'], {columns: 100, rows: 30, stdinNull: true});
		await run.waitFor(/keys off: stdin is not a terminal/);
		const ended = await run.ended;
		assert.equal(ended.code, 0);
		assert.match(afterScreen(ended.output), /mnist-tui: trained 784-8-10 for 3 of 3 epochs/);
	});

	test('TERM=dumb draws the dashboard with ASCII only', async () => {
		const run = runInTerminal([...tiny, '--epochs', '100000'], {columns: 100, rows: 30, env: {TERM: 'dumb'}});
		await run.waitFor(/Epoch \d+ +#+/);
		run.write('q');
		const ended = await run.ended;
		assert.equal(ended.code, 0);
		const screen = ended.output.slice(0, ended.output.lastIndexOf(leaveAlternateScreen));
		// biome-ignore lint/suspicious/noControlCharactersInRegex: the screen must hold ASCII only
		const foreign = [...new Set(screen.match(/[^\u0000-\u007F]/gu))];
		assert.deepEqual(foreign, [], 'ASCII only');
	});

	test('stdout not a terminal, without --plain or --json: the plain lines, no escape codes', async () => {
		const run = await runCli([...tiny, '--epochs', '2']);
		assert.equal(run.code, 0, run.stderr);
		assert.match(run.stdout, /^Training 784-8-10 on 500 images/);
		assert.match(run.stdout, /\nEpoch 1\/2 .*\nEpoch 2\/2 .*\nDone after 2 epochs/);
		// biome-ignore lint/suspicious/noControlCharactersInRegex: no escape character may reach a pipe
		assert.doesNotMatch(run.stdout, /\u001B/);
	});
});
