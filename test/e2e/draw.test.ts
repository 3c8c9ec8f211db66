/**
 * The canvas as a user meets it, in a real pseudo-terminal: a model trained
 * on real MNIST, `browse --model`, d, a vertical stroke drawn with the
 * keyboard or the mouse read as a 1, a ring read as a 0; and mouse
 * reporting, turned on with the canvas, is off again however the program ends.
 */
import assert from 'node:assert/strict';
import {join} from 'node:path';
import {describe, test} from 'node:test';
import {mouseReportingOff, mouseReportingOn} from '../../source/ui/shared/mouse.js';
import {runCli} from '../helpers/cli.js';
import {temporaryFolder} from '../helpers/paths.js';
import {cookedMode, leaveAlternateScreen, runInTerminal} from './pseudo-terminal.js';

/** A model of 64 hidden units, two epochs on 10,000 real training images: about 93% on the test set. */
async function trainedModel(): Promise<string> {
	const model = join(temporaryFolder(), 'model.json');
	const run = await runCli([
		'--hidden',
		'64',
		'--limit',
		'10000',
		'--test-limit',
		'500',
		'--epochs',
		'2',
		'--seed',
		'1',
		'--json',
		'--save',
		model,
	]);
	assert.equal(run.code, 0, run.stderr);
	return model;
}

/** Mouse reporting was turned on, and the last word on it was off, before the alternate screen was left. */
function mouseOffAtTheEnd(output: string): void {
	const on = output.lastIndexOf(mouseReportingOn);
	const off = output.lastIndexOf(mouseReportingOff);
	assert.ok(on >= 0, 'mouse reporting was turned on');
	assert.ok(off > on, 'and off after it');
	assert.ok(output.lastIndexOf(leaveAlternateScreen) > on);
}

describe('drawing a digit', () => {
	const model = trainedModel();

	test('browse --model, d, and a vertical stroke drawn with the keys is read as a 1; q leaves with the mouse off', async () => {
		const run = runInTerminal(['browse', '--model', await model, '--test-limit', '100'], {columns: 120, rows: 40});
		await run.waitFor(/#1 of 100/);
		run.write('d');
		await run.waitFor(/Draw · nothing drawn yet · saved model/);
		// up ten pixels, the pen down, twenty pixels down, the pen up: 33 keys
		for (const keys of ['kkkkkkkkkk', ' ', 'jjjjjjjjjjjjjjjjjjjj', ' ']) {
			run.write(keys);
			await new Promise(resolve => setTimeout(resolve, 100));
		}
		await run.waitFor(/Draw · pred 1 · [\d.>]+% · saved model/);
		run.write('q');
		const ended = await run.ended;
		assert.equal(ended.code, 0);
		mouseOffAtTheEnd(ended.output);
		assert.ok(cookedMode(ended.stty));
		// one line on the normal screen says what was browsed
		const after = ended.output.slice(ended.output.lastIndexOf(leaveAlternateScreen));
		assert.match(after, /mnist-tui: browsed .*model\.json \(784-64-10\) on 100 test digits: \d+\.\d\d% \(\d+\)\r?\n/);
	});

	test('the mouse draws in the terminal: a press and a drag down the canvas are read as a 1', async () => {
		const run = runInTerminal(['browse', '--model', await model, '--test-limit', '100'], {columns: 120, rows: 40});
		await run.waitFor(/#1 of 100/);
		run.write('d');
		await run.waitFor(/Draw · nothing drawn yet/);
		// the canvas's cells start at column 2, row 3 (1-based): column 30 is pixel 14; rows 7 to 27 are pixels 4 to 24
		run.write('\u001B[<0;30;7M');
		for (let row = 8; row <= 27; row++) run.write(`\u001B[<32;30;${row}M`);
		run.write('\u001B[<0;30;27m');
		await run.waitFor(/Draw · pred 1 · /);
		run.write('q');
		const ended = await run.ended;
		assert.equal(ended.code, 0);
		mouseOffAtTheEnd(ended.output);
	});

	test('a ring drawn with the mouse is read as a 0', async () => {
		const run = runInTerminal(['browse', '--model', await model, '--test-limit', '100'], {columns: 120, rows: 40});
		await run.waitFor(/#1 of 100/);
		run.write('d');
		await run.waitFor(/Draw · nothing drawn yet/);
		// an ellipse around pixel (14, 14), 6 pixels across and 9 down each way: a pixel is two columns and one row
		const cells = Array.from({length: 41}, (_, step) => {
			const angle = (2 * Math.PI * step) / 40;
			return [2 + Math.round(2 * (14 + 6 * Math.sin(angle))), 3 + Math.round(14 - 9 * Math.cos(angle))] as const;
		});
		const [[x, y], ...rest] = cells as [readonly [number, number], ...(readonly [number, number])[]];
		run.write(`\u001B[<0;${x};${y}M${rest.map(([column, row]) => `\u001B[<32;${column};${row}M`).join('')}\u001B[<0;${x};${y}m`);
		await run.waitFor(/Draw · pred 0 · /);
		run.write('q');
		assert.equal((await run.ended).code, 0);
	});

	test('Ctrl-C on the canvas during training: exit 130, the mouse off, the terminal cooked', async () => {
		const run = runInTerminal(['--hidden', '8', '--limit', '500', '--test-limit', '200', '--epochs', '100000'], {columns: 120, rows: 40});
		await run.waitFor(/Epoch \d+\/100000/);
		run.write('d');
		await run.waitFor(/Draw · /);
		run.write('\u0003');
		const ended = await run.ended;
		assert.equal(ended.code, 130);
		mouseOffAtTheEnd(ended.output);
		assert.ok(cookedMode(ended.stty));
	});

	test('a signal while the canvas is shown (SIGTERM): exit 143, the mouse off', async () => {
		const run = runInTerminal(['--hidden', '8', '--limit', '500', '--test-limit', '200', '--epochs', '100000'], {columns: 120, rows: 40});
		await run.waitFor(/Epoch \d+\/100000/);
		run.write('d');
		await run.waitFor(/Draw · /);
		await run.signal('SIGTERM');
		const ended = await run.ended;
		assert.equal(ended.code, 143);
		mouseOffAtTheEnd(ended.output);
	});
});
