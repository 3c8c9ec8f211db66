/**
 * An unexpected failure during a run, caused from outside the way it happens
 * to users: the --log file is a pipe whose reader goes away (a `tee` that
 * died), so writing the next event fails. The run must end with exit 1 and
 * one readable paragraph, the terminal restored, the last checkpoint whole.
 * A failure inside the training worker is caused the same way: its --save
 * folder is moved away mid-run, so its next save fails (an input error, exit 2).
 * With the canvas open, mouse reporting is turned off with the rest.
 */
import assert from 'node:assert/strict';
import {execFileSync, spawn} from 'node:child_process';
import {createReadStream, renameSync} from 'node:fs';
import {join} from 'node:path';
import {describe, test} from 'node:test';
import {readModelFile} from '../../source/train/checkpoint/model-store.js';
import {mouseReportingOff, mouseReportingOn} from '../../source/ui/shared/mouse.js';
import {root, temporaryFolder} from '../helpers/paths.js';
import {cookedMode, leaveAlternateScreen, runInTerminal, showCursor} from './pseudo-terminal.js';

const tiny = ['--hidden', '8', '--limit', '500', '--test-limit', '200', '--epochs', '100000', '--seed', '1'];

/** A named pipe as the log: its reader takes `lines` lines, then goes away. */
function logPipe(lines: number): {path: string; gone: Promise<void>} {
	const path = join(temporaryFolder(), 'log.jsonl');
	execFileSync('mkfifo', [path]);
	const gone = new Promise<void>(resolve => {
		let seen = 0;
		const reader = createReadStream(path, {encoding: 'utf8'});
		reader.on('data', (text: string | Buffer) => {
			seen += String(text).split('\n').length - 1;
			if (seen >= lines) {
				reader.destroy();
				resolve();
			}
		});
	});
	return {path, gone};
}

function assertModel(path: string): void {
	const model = readModelFile(path, '--model');
	assert.deepEqual(model.network.sizes, [784, 8, 10]);
	assert.ok((model.extra.training as {epochs: number}).epochs >= 1);
}

describe('an unexpected failure during a run', () => {
	test('--json: exit 1, one line naming the log, the last checkpoint intact', async () => {
		const folder = temporaryFolder();
		const model = join(folder, 'model.json');
		const log = logPipe(4);
		const child = spawn(process.execPath, [join(root, 'dist', 'cli.js'), ...tiny, '--json', '--save', model, '--log', log.path], {
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stderr = '';
		child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
		child.stdout.resume();
		const code = await new Promise<number | null>(resolve => child.on('close', resolve));
		await log.gone;
		assert.equal(code, 1, stderr);
		assert.match(stderr, /^mnist-tui: unexpected failure: --log .*log\.jsonl: cannot write to it \(EPIPE\)\n$/);
		assertModel(model);
	});

	test('the dashboard: the terminal is restored, the summary and then the failure are printed, exit 1', async () => {
		const folder = temporaryFolder();
		const model = join(folder, 'model.json');
		const log = logPipe(4);
		const run = runInTerminal([...tiny, '--save', model, '--log', log.path]);
		const ended = await run.ended;
		await log.gone;
		assert.equal(ended.code, 1, ended.output.slice(-1500));
		const after = afterTheScreen(ended.output);
		assert.match(after, /model saved to .*model\.json/);
		assert.match(after, /mnist-tui: unexpected failure: --log .*log\.jsonl: cannot write to it \(EPIPE\)\r?\n/);
		assert.doesNotMatch(after, /\n\s+at /, 'no stack trace without DEBUG');
		assert.ok(cookedMode(ended.stty));
		assertModel(model);
	});

	test('the same failure with the canvas open: mouse reporting is off again when the terminal is restored', async () => {
		// the reader stays for 60 lines, a few seconds of tiny epochs: time to open the canvas first
		const log = logPipe(60);
		const run = runInTerminal([...tiny, '--log', log.path]);
		await run.waitFor(/Epoch \d+\/100000/);
		run.write('d');
		await run.waitFor(/Draw · /);
		const ended = await run.ended;
		await log.gone;
		assert.equal(ended.code, 1, ended.output.slice(-1500));
		const on = ended.output.lastIndexOf(mouseReportingOn);
		assert.ok(on >= 0 && ended.output.lastIndexOf(mouseReportingOff) > on, 'mouse reporting on, then off');
		assert.ok(cookedMode(ended.stty));
	});

	test('a failure in the training worker (its --save folder moved away mid-run): the terminal restored, the summary, one line, exit 2', async () => {
		const folder = temporaryFolder();
		const run = runInTerminal([...tiny, '--save', join(folder, 'model.json')]);
		await run.waitFor(/saved to/);
		// moved away at once (the run may be writing its next save into it), so the next save finds no folder
		renameSync(folder, join(temporaryFolder(), 'moved'));
		const ended = await run.ended;
		assert.equal(ended.code, 2, ended.output.slice(-1500));
		const after = afterTheScreen(ended.output);
		assert.match(after, /\nmnist-tui: --save .*model\.json: cannot write the model \(ENOENT\)\r?\n/);
		assert.ok(cookedMode(ended.stty));
	});
});

/** What the program printed after leaving the alternate screen, checked to show the cursor and the summary of a stopped tiny run, and no frame. */
function afterTheScreen(output: string): string {
	const left = output.lastIndexOf(leaveAlternateScreen);
	assert.ok(left > 0, 'the alternate screen was left');
	const after = output.slice(left);
	assert.ok(after.includes(showCursor));
	assert.doesNotMatch(after, /q quit/);
	// a run that failed before its worker said where it stood counts its epochs; one stopped for the failure says where it stood
	assert.match(after, /mnist-tui: stopped 784-8-10 (for \d+ of 100000 epochs|in epoch \d+|at the end of epoch \d+)/);
	return after;
}
