import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {readdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, test} from 'node:test';
import {Rng} from '../../source/nn/rng.js';
import {parseCheckpoint} from '../../source/train/checkpoint/checkpoint.js';
import {readModelFile} from '../../source/train/checkpoint/model-store.js';
import {csvFixtures, runCli} from '../helpers/cli.js';
import {root, temporaryFolder} from '../helpers/paths.js';

/** 1,000 training images, 300 test images: a run of a few seconds. */
const small = ['--limit', '1000', '--test-limit', '300', '--hidden', '24'];
const fixtures = csvFixtures;

describe('checkpoints under kill -9', () => {
	test('killed at any moment, the checkpoint is the previous or a later complete one, and the next run leaves no temporary file', async t => {
		const folder = temporaryFolder();
		const model = join(folder, 'model.json');
		// seeded kill moments: most while epochs are saved back to back, some during start-up
		const moments = new Rng(20_251_125);
		const kills = 24;
		let leftTemporary = 0,
			epochsBefore = 0;
		for (let kill = 0; kill < kills; kill++) {
			const args = kill === 0 ? [...fixtures, '--epochs', '100000', '--json', '--save', model] : ['--resume', model, '--json'];
			const startUp = kill % 5 === 4;
			// the first run is killed once its first save is done: from then on there is always a checkpoint
			await runAndKill(args, startUp ? null : 2, moments.int(startUp ? 400 : 40));
			const temporaries = readdirSync(folder).filter(name => name !== 'model.json');
			assert.ok(
				temporaries.every(name => /^\.model\.json\.\d+\.tmp$/.test(name)),
				temporaries.join(),
			);
			assert.ok(temporaries.length <= 1, `at most the killed writer's own: ${temporaries.join()}`);
			leftTemporary += temporaries.length;
			const checkpoint = parseCheckpoint(readModelFile(model, '--resume').extra, model);
			assert.equal(checkpoint.history.length, checkpoint.state.epoch - 1);
			assert.ok(checkpoint.history.length >= epochsBefore, 'the previous checkpoint or a later one');
			epochsBefore = checkpoint.history.length;
		}
		t.diagnostic(
			`${kills} kills, the checkpoint complete after each, at epoch ${epochsBefore} in the end; ${leftTemporary} kills left a temporary file`,
		);

		const done = parseCheckpoint(readModelFile(model, '--resume').extra, model).state.epoch - 1;
		const last = await runCli(['--resume', model, '--epochs', String(done + 1), '--json']);
		assert.equal(last.code, 0, last.stderr);
		assert.deepEqual(readdirSync(folder), ['model.json'], 'no temporary file remains');
	});
});

describe('divergence with --save', () => {
	test('a diverging run exits 4 naming the epoch, step and a lower --lr, and leaves the good model in the file as it was', async () => {
		const folder = temporaryFolder();
		const model = join(folder, 'model.json');
		assert.equal((await runCli([...small, '--epochs', '1', '--json', '--save', model])).code, 0);
		const good = readFileSync(model, 'utf8');
		const run = await runCli([...small, '--epochs', '3', '--optimizer', 'gd', '--lr', '1000000', '--json', '--save', model]);
		assert.equal(run.code, 4, run.stderr);
		assert.match(run.stderr, /^mnist-tui: training diverged at epoch 1, batch \d+: .*; try a lower --lr \(for example --lr 100000\)\n$/);
		assert.equal(readFileSync(model, 'utf8'), good);
		assert.deepEqual(readdirSync(folder), ['model.json']);
		const evaluation = await runCli(['eval', '--model', model, '--test-limit', '300', '--json']);
		assert.equal(evaluation.code, 0, evaluation.stderr);
	});
});

/**
 * Starts the program and kills it with SIGKILL `delayMs` after it printed
 * `epochLines` epoch lines (a save follows each), or after it started (null);
 * resolves once it is gone.
 */
function runAndKill(args: readonly string[], epochLines: number | null, delayMs: number): Promise<void> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [join(root, 'dist', 'cli.js'), ...args], {cwd: root, stdio: ['ignore', 'pipe', 'pipe']});
		let armed = false;
		const arm = () => {
			armed = true;
			setTimeout(() => child.kill('SIGKILL'), delayMs);
		};
		if (epochLines === null) arm();
		let stdout = '',
			stderr = '';
		child.stdout.setEncoding('utf8').on('data', (text: string) => {
			stdout += text;
			if (!armed && stdout.split('"event":"epoch"').length > epochLines!) arm();
		});
		child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
		// a guard against a hang, not a timing assertion
		const guard = setTimeout(() => child.kill('SIGKILL'), 60_000);
		child.on('error', reject);
		child.on('close', (code, signal) => {
			clearTimeout(guard);
			if (signal === 'SIGKILL' && armed) resolve();
			else reject(new Error(`the run ended (exit ${code}, ${signal}) before it was killed: ${stderr}`));
		});
	});
}
