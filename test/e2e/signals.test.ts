import assert from 'node:assert/strict';
import {execFileSync, spawn} from 'node:child_process';
import {existsSync, readFileSync} from 'node:fs';
import {open} from 'node:fs/promises';
import {join} from 'node:path';
import {describe, test} from 'node:test';
import {readModelFile} from '../../source/train/checkpoint/model-store.js';
import {jsonLines, type Run, runCli} from '../helpers/cli.js';
import {root, temporaryFolder} from '../helpers/paths.js';
import {cookedMode, enterAlternateScreen, leaveAlternateScreen, runInTerminal, showCursor, type TerminalRun} from './pseudo-terminal.js';

const tiny = ['--hidden', '8', '--limit', '500', '--test-limit', '200', '--epochs', '100000', '--seed', '1'];
const codes = {SIGINT: 130, SIGTERM: 143, SIGHUP: 129} as const;
type Signal = keyof typeof codes;

/** The model a run saved: read back through the loader --model uses, with at least `epochs` epochs in it. */
function assertSavedModel(path: string, epochs = 1): void {
	const model = readModelFile(path, '--model');
	assert.deepEqual(model.network.sizes, [784, 8, 10]);
	assert.ok((model.extra.training as {epochs: number}).epochs >= epochs);
}

/** Sends `signal` once the first epoch line is out, to a run with pipes for stdout and stderr. */
function signalAfterFirstEpoch(args: string[], signal: Signal, line: RegExp): Promise<Run> {
	let sent = false;
	return runCli(args, {
		onStdout(stdout, child) {
			if (sent || !line.test(stdout)) return;
			sent = true;
			child.kill(signal);
		},
	});
}

describe('signals without a terminal', () => {
	for (const signal of Object.keys(codes) as Signal[]) {
		test(`--json: ${signal} saves the model, ends with an interrupted done line and exits ${codes[signal]}`, async () => {
			const model = join(temporaryFolder(), 'model.json');
			const run = await signalAfterFirstEpoch([...tiny, '--json', '--save', model], signal, /"event":"epoch"/);
			assert.equal(run.code, codes[signal], run.stderr);
			assert.equal(run.stderr, '');
			const done = jsonLines(run.stdout).at(-1)!;
			assert.equal(done.event, 'done');
			assert.equal(done.interrupted, true);
			assert.equal(done.savedTo, model);
			assertSavedModel(model);
		});
	}

	test('--plain: SIGHUP prints the stopped summary lines and exits 129', async () => {
		const model = join(temporaryFolder(), 'model.json');
		const run = await signalAfterFirstEpoch([...tiny, '--plain', '--save', model], 'SIGHUP', /^Epoch /m);
		assert.equal(run.code, 129, run.stderr);
		assert.match(
			run.stdout,
			/\nStopped (in epoch \d+|at the end of epoch \d+) \(\d+ of 100000 epochs complete(, \d+ of 4 batches of epoch \d+)?\) after .*\n.*\nModel saved to .*model\.json\n$/,
		);
		assertSavedModel(model);
	});

	test('a signal while the data is still loading exits at once with its code and prints nothing', async () => {
		const folder = temporaryFolder();
		const fifo = join(folder, 'train.csv');
		execFileSync('mkfifo', [fifo]);
		const child = spawn(process.execPath, [join(root, 'dist', 'cli.js'), '--train', fifo, '--json', '--epochs', '1'], {
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stdout = '';
		child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
		// opening the writing end returns once the program has opened the file to read it
		const writer = await open(fifo, 'w');
		const closed = new Promise<number | null>(resolve => child.on('close', resolve));
		child.kill('SIGTERM');
		// rows keep coming and never end: only the signal can end the run (and each row lets a read under way return)
		const row = `${readFileSync(join(root, 'data', 'fixtures', 'mnist_train_100.csv'), 'utf8').split('\n')[0]!}\n`;
		const feeding = setInterval(() => void writer.write(row).catch(() => {}), 20);
		const code = await closed;
		clearInterval(feeding);
		await writer.close();
		assert.equal(code, 143);
		assert.equal(stdout, '');
	});

	test("eval: a signal while it reads the test images exits with the signal's code", async () => {
		const folder = temporaryFolder();
		const model = join(folder, 'model.json');
		assert.equal((await runCli([...tiny.slice(0, -4), '--epochs', '1', '--json', '--save', model])).code, 0);
		const fifo = join(folder, 'test.csv');
		execFileSync('mkfifo', [fifo]);
		const child = spawn(process.execPath, [join(root, 'dist', 'cli.js'), 'eval', '--model', model, '--test', fifo], {
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		const writer = await open(fifo, 'w');
		const closed = new Promise<number | null>(resolve => child.on('close', resolve));
		child.kill('SIGINT');
		const row = `${readFileSync(join(root, 'data', 'fixtures', 'mnist_test_100.csv'), 'utf8').split('\n')[0]!}\n`;
		const feeding = setInterval(() => void writer.write(row).catch(() => {}), 20);
		const code = await closed;
		clearInterval(feeding);
		await writer.close();
		assert.equal(code, 130);
	});
});

/**
 * The way out of the screen: after the last frame the alternate screen is
 * left and the cursor shown, nothing of the dashboard is drawn after that,
 * and the terminal is back in cooked mode.
 */
function assertRestored({output, stty}: {output: string; stty: string}, frameWord: RegExp): string {
	const left = output.lastIndexOf(leaveAlternateScreen);
	assert.ok(left > 0, 'the alternate screen is left');
	assert.ok(output.lastIndexOf(enterAlternateScreen) < left);
	assert.match(output.slice(0, left), frameWord, 'the dashboard was drawn');
	const after = output.slice(left);
	assert.ok(after.includes(showCursor), 'the cursor is shown after the last frame');
	assert.doesNotMatch(after, frameWord, 'no frame after the screen is left');
	assert.ok(cookedMode(stty), `raw mode is off:\n${stty}`);
	return after;
}

async function trainingInTerminal(save: string, extra: string[] = []): Promise<TerminalRun> {
	const run = runInTerminal([...tiny, '--save', save, ...extra], {columns: 120, rows: 40});
	await run.waitFor(/saved to/);
	return run;
}

describe('signals in the dashboard (a pseudo-terminal)', () => {
	for (const signal of Object.keys(codes) as Signal[]) {
		test(`${signal} while training: saves, restores the terminal, prints the summary, exits ${codes[signal]}`, async () => {
			const model = join(temporaryFolder(), 'model.json');
			const run = await trainingInTerminal(model);
			await run.signal(signal);
			const ended = await run.ended;
			assert.equal(ended.code, codes[signal], ended.output.slice(-1500));
			const after = assertRestored(ended, /q quit/);
			// where it stopped: in an epoch (with the batches done of it), or between two
			assert.match(
				after,
				/mnist-tui: stopped 784-8-10 (in epoch (\d+)|at the end of epoch \d+) after \d+\.\ds\r?\n {2}\d+ of 100000 epochs complete(, [\d,]+ of [\d,]+ batches of epoch \2)?\r?\n/,
			);
			assert.match(after, /model saved to .*model\.json/);
			assertSavedModel(model);
		});
	}

	test('Ctrl-C typed while paused stops, saves and exits 130', async () => {
		const model = join(temporaryFolder(), 'model.json');
		const run = await trainingInTerminal(model);
		const from = run.output.length;
		run.write('p');
		await run.waitFor(/PAUSED/, from);
		run.write('\u0003');
		const ended = await run.ended;
		assert.equal(ended.code, 130);
		assert.match(assertRestored(ended, /q quit/), /model saved to/);
		assertSavedModel(model);
	});

	test('SIGTERM while the test digits are shown exits 143', async () => {
		const model = join(temporaryFolder(), 'model.json');
		const run = await trainingInTerminal(model);
		const from = run.output.length;
		run.write('\t');
		await run.waitFor(/pred \d/, from);
		await run.signal('SIGTERM');
		const ended = await run.ended;
		assert.equal(ended.code, 143);
		assertRestored(ended, /pred \d/);
		assertSavedModel(model);
	});

	test('a signal while loading: the run ends at once, saves nothing, the terminal is restored', async () => {
		const folder = temporaryFolder();
		const fifo = join(folder, 'train.csv');
		const model = join(folder, 'model.json');
		execFileSync('mkfifo', [fifo]);
		const run = runInTerminal(['--train', fifo, '--test-limit', '200', '--hidden', '8', '--save', model], {columns: 120, rows: 40});
		// open returns once the run has opened the file to read it: it is loading
		const writer = await open(fifo, 'w');
		await run.signal('SIGHUP');
		// rows keep coming and never end: only the signal can end the run (and each row lets a read under way return)
		const row = `${readFileSync(join(root, 'data', 'fixtures', 'mnist_train_100.csv'), 'utf8').split('\n')[0]!}\n`;
		const feeding = setInterval(() => void writer.write(row).catch(() => {}), 20);
		const ended = await run.ended;
		clearInterval(feeding);
		await writer.close();
		assert.equal(ended.code, 129);
		assert.match(ended.output.slice(ended.output.lastIndexOf(leaveAlternateScreen)), /mnist-tui: stopped while loading/);
		assert.ok(cookedMode(ended.stty));
		assert.equal(existsSync(model), false, 'nothing was trained, so nothing is saved');
	});

	test('a second signal during the shutdown exits at once, still restoring the terminal', async () => {
		const model = join(temporaryFolder(), 'model.json');
		const run = await trainingInTerminal(model);
		await run.signal('SIGINT', 2);
		const ended = await run.ended;
		assert.equal(ended.code, 130);
		assertRestored(ended, /q quit/);
		// whichever save was last, the file is a whole model
		assert.ok(existsSync(model));
		assertSavedModel(model);
	});

	test('browse --model: SIGTERM restores the terminal and exits 143', async () => {
		const model = join(temporaryFolder(), 'model.json');
		assert.equal((await runCli([...tiny.slice(0, -4), '--epochs', '1', '--json', '--save', model])).code, 0);
		const run = runInTerminal(['browse', '--model', model, '--test-limit', '200'], {columns: 120, rows: 40});
		await run.waitFor(/pred \d/);
		await run.signal('SIGTERM');
		const ended = await run.ended;
		assert.equal(ended.code, 143);
		assertRestored(ended, /pred \d/);
	});
});
