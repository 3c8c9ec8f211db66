import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {describe, test} from 'node:test';
import {runCli} from '../helpers/cli.js';
import {fixtures, temporaryFolder} from '../helpers/paths.js';
import {runInTerminal, type TerminalRun} from './pseudo-terminal.js';

const trainCsv = readFileSync(join(fixtures, 'mnist_train_100.csv'));

/**
 * A run whose training images come through a named pipe, so that it can be
 * paused while it waits for them: it then stops after its first step, the
 * same step every time. 100 images in steps of 10: 10 steps an epoch.
 */
function pipedRun(folder: string, extra: readonly string[]) {
	const pipe = join(folder, 'train.csv');
	execFileSync('mkfifo', [pipe]);
	const args = ['--train', pipe, '--test', join(fixtures, 'mnist_test_100.csv'), '--hidden', '8', '--batch-size', '10', '--seed', '2'];
	// a constant rate: the header shows the base rate itself
	const rate = ['--lr', '0.05', '--schedule', 'constant'];
	return {pipe, args: [...args, ...rate, ...extra], feed: () => writeFile(pipe, trainCsv)};
}

/** Pauses while the data loads, then lets it come: the run stops after epoch 1's first step. */
async function pausedAtFirstStep(run: TerminalRun, feed: () => Promise<void>): Promise<void> {
	await run.waitFor(/Loading/);
	run.write('p');
	await run.waitFor(/p resume/);
	await feed();
	await run.waitFor(/PAUSED {3}Epoch 1\/3 {2}batch 1\/10/);
}

/** Presses n and waits for the header to show the step it lands on. */
async function step(run: TerminalRun, epoch: number, batch: number): Promise<void> {
	const from = run.output.length;
	run.write('n');
	await run.waitFor(new RegExp(`PAUSED {3}Epoch ${epoch}/3 {2}batch ${batch}/10`), from);
}

const controlEvents = (log: string) =>
	readFileSync(log, 'utf8')
		.trim()
		.split('\n')
		.map(line => JSON.parse(line) as Record<string, unknown>)
		.filter(event => event.event === 'control');

interface SavedRun {
	layers: unknown;
	training: {config: {sources: unknown}};
}

/** A saved model file without its timings, which differ from run to run. */
const withoutSeconds = (file: string) =>
	JSON.parse(readFileSync(file, 'utf8'), (key, value) => (key === 'seconds' ? undefined : value)) as SavedRun;

describe('steering a run from the dashboard', () => {
	test('n trains exactly one batch while paused; + and ] are control events in --log and on the event line; gd has no momentum', async () => {
		const folder = temporaryFolder();
		const log = join(folder, 'run.jsonl');
		const {args, feed} = pipedRun(folder, ['--epochs', '3', '--log', log]);
		// wide enough for the step count in the step-loss chart's title beside the matrix
		const run = runInTerminal(args, {columns: 140, rows: 30});
		await pausedAtFirstStep(run, feed);
		await run.waitFor(/step 1: loss \d/);
		await step(run, 1, 2);
		await run.waitFor(/step 1 +2\b/);
		for (let batch = 3; batch <= 10; batch++) await step(run, 1, batch);
		// across the epoch's end: its test results, then the first step of epoch 2
		await step(run, 2, 1);
		await run.waitFor(/best test accuracy/);
		let from = run.output.length;
		run.write('+');
		await run.waitFor(/lr 0\.05 → 0\.1 from epoch 2, batch 2/, from);
		await run.waitFor(/momentum lr 0\.1\* μ 0\.9 /, from);
		from = run.output.length;
		run.write(']');
		await run.waitFor(/momentum 0\.9 → 0\.95 from epoch 2, batch 2/, from);
		await run.waitFor(/momentum lr 0\.1\* μ 0\.95\* /, from);
		run.write('q');
		const ended = await run.ended;
		assert.equal(ended.code, 0);
		assert.deepEqual(controlEvents(log), [
			{event: 'control', epoch: 2, step: 2, lr: 0.1, momentum: 0.9, changed: 'lr', previous: 0.05},
			{event: 'control', epoch: 2, step: 2, lr: 0.1, momentum: 0.95, changed: 'momentum', previous: 0.9},
		]);
	});

	test('a run changed while paused, stopped and resumed, saves the same model as the run changed at that step and never stopped', async () => {
		const folder = temporaryFolder();
		const whole = join(folder, 'whole.json'),
			parts = join(folder, 'parts.json');
		const changeAtStep3 = async (save: string) => {
			const {args, feed} = pipedRun(temporaryFolder(), ['--epochs', '3', '--save', save, '--log', `${save}l`]);
			const run = runInTerminal(args, {columns: 100, rows: 30});
			await pausedAtFirstStep(run, feed);
			await step(run, 1, 2);
			await step(run, 1, 3);
			const from = run.output.length;
			run.write('+');
			await run.waitFor(/lr 0\.05 → 0\.1 from epoch 1, batch 4/, from);
			return run;
		};

		const uninterrupted = await changeAtStep3(whole);
		uninterrupted.write('p');
		await uninterrupted.waitFor(/Done/);
		uninterrupted.write('q');
		assert.equal((await uninterrupted.ended).code, 0);

		const stopped = await changeAtStep3(parts);
		stopped.write('\u0003');
		assert.equal((await stopped.ended).code, 130);
		const checkpoint = JSON.parse(readFileSync(parts, 'utf8')) as {training: {epochs: number; batch: number; controls: unknown}};
		assert.deepEqual([checkpoint.training.epochs, checkpoint.training.batch], [0, 3]);
		assert.deepEqual(checkpoint.training.controls, {learningRate: 0.1, momentum: 0.9});

		// the checkpoint names its pipe: the same images go through it again
		const pipe = (JSON.parse(readFileSync(parts, 'utf8')) as {training: {config: {sources: {train: string}}}}).training.config.sources
			.train;
		const resumed = runCli(['--resume', parts, '--json']);
		await writeFile(pipe, trainCsv);
		const result = await resumed;
		assert.equal(result.code, 0, result.stderr);
		assert.match(result.stdout, /"controls":\{"lr":0\.1,"momentum":0\.9\}/, 'the resumed run says the values in force');

		assert.deepEqual(controlEvents(`${whole}l`), controlEvents(`${parts}l`));
		const [a, b] = [whole, parts].map(withoutSeconds);
		assert.equal(JSON.stringify(b?.layers), JSON.stringify(a?.layers), 'the same weights, bit for bit');
		// the two runs read their images through pipes of their own: all else is the same
		b!.training.config.sources = a!.training.config.sources;
		assert.deepEqual(b, a, 'the same optimizer state, rng, image order, history and values in force');
	});
});
