import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, test} from 'node:test';
import type {OptimizerName} from '../../../../source/nn/optim/optimizer.js';
import {parseCheckpoint} from '../../../../source/train/checkpoint/checkpoint.js';
import {readModelFile} from '../../../../source/train/checkpoint/model-store.js';
import type {TrainConfig} from '../../../../source/train/config.js';
import {startTrainingWorker} from '../../../../source/train/worker/worker-host.js';
import {temporaryFolder} from '../../../helpers/paths.js';
import {doneOf, trainEvents, withoutSeconds} from '../../../helpers/train-events.js';

/** 2,000 real MNIST images in 32 steps of 64 per epoch. */
const base: TrainConfig = {
	hidden: [24],
	epochs: 4,
	batchSize: 64,
	learningRate: 0.05,
	optimizer: 'momentum',
	seed: 3,
	backend: 'auto',
	classes: 'digits',
	sources: {},
	limit: 2000,
	testLimit: 400,
	// one thread: no partner threads to start for every run (threads change no number: wasm-team.test.ts)
	threads: 1,
};

const resume = (file: string, given: string[] = [], extra: Partial<TrainConfig> = {}): TrainConfig => ({
	...base,
	...extra,
	resume: {file, given},
});

/** The weights, biases and optimizer state of a saved file, as they are written. */
function savedNumbers(path: string) {
	const file = JSON.parse(readFileSync(path, 'utf8')) as {
		layers: unknown;
		training: {optimizerState: unknown; rng: unknown; order: unknown};
	};
	return {layers: file.layers, optimizerState: file.training.optimizerState, rng: file.training.rng, order: file.training.order};
}

describe('resuming a checkpointed run', () => {
	for (const optimizer of ['momentum', 'adam', 'gd'] as OptimizerName[]) {
		test(`${optimizer}: stopped mid-epoch and resumed, the run ends exactly where the uninterrupted one does`, async () => {
			const folder = temporaryFolder();
			const whole = join(folder, 'whole.json'),
				parts = join(folder, 'parts.json');
			const config = {...base, optimizer, learningRate: optimizer === 'adam' ? 0.002 : 0.05};
			const uninterrupted = await trainEvents({...config, save: whole});

			// 40 steps: the 8th of the second epoch's 32
			const first = await trainEvents({...config, save: parts}, 40);
			assert.equal(doneOf(first).interrupted, true);
			const checkpoint = parseCheckpoint(readModelFile(parts, '--resume').extra, parts);
			assert.deepEqual([checkpoint.state.epoch, checkpoint.state.batch, checkpoint.history.length], [2, 8, 1]);

			const resumed = await trainEvents(resume(parts, [], {optimizer}));
			const start = resumed.find(event => event.type === 'start');
			assert.deepEqual(
				start?.type === 'start' && start.resumed && [start.resumed.epochs, start.resumed.batch, start.resumed.history.length],
				[1, 8, 1],
			);
			assert.deepEqual(
				resumed.filter(event => event.type === 'epoch').map(event => event.type === 'epoch' && event.epoch),
				[2, 3, 4],
			);
			assert.equal(resumed.filter(event => event.type === 'batch').length, 4 * 32 - 40, 'every remaining step, and no other');
			assert.equal(doneOf(resumed).interrupted, false);
			assert.deepEqual(
				withoutSeconds(doneOf(resumed)),
				withoutSeconds(doneOf(uninterrupted)),
				'the same losses and accuracies, epoch by epoch',
			);
			assert.deepEqual(doneOf(resumed).confusion, doneOf(uninterrupted).confusion);
			assert.deepEqual(savedNumbers(parts), savedNumbers(whole), 'the same weights, optimizer state, rng and image order');
		});
	}

	for (const schedule of [{name: 'onecycle', warmup: 0.3}, {name: 'cosine'}, {name: 'step'}] as const) {
		test(`a ${schedule.name} schedule: stopped mid-epoch and resumed, bit for bit the uninterrupted run`, async () => {
			const folder = temporaryFolder();
			const whole = join(folder, 'whole.json'),
				parts = join(folder, 'parts.json');
			const config = {...base, epochs: 3, learningRate: 0.2, schedule};
			const uninterrupted = await trainEvents({...config, save: whole});
			// 40 steps: the 8th of the second epoch's 32, on the way down from the peak at step 29
			await trainEvents({...config, save: parts}, 40);
			assert.deepEqual(parseCheckpoint(readModelFile(parts, '--resume').extra, parts).settings.schedule, schedule);
			const resumed = await trainEvents(resume(parts, []));
			const start = resumed.find(event => event.type === 'start');
			assert.deepEqual(start?.type === 'start' && start.config.schedule, schedule, 'the schedule comes from the checkpoint');
			assert.deepEqual(withoutSeconds(doneOf(resumed)), withoutSeconds(doneOf(uninterrupted)));
			assert.deepEqual(savedNumbers(parts), savedNumbers(whole), 'the same weights, optimizer state, rng and image order');
		});
	}

	test('a schedule given with --resume must be the run’s own', async () => {
		const folder = temporaryFolder();
		const parts = join(folder, 'parts.json');
		await trainEvents({...base, epochs: 1, save: parts, schedule: {name: 'onecycle', warmup: 0.2}});
		await assert.rejects(trainEvents(resume(parts, ['schedule'], {epochs: 2, schedule: {name: 'cosine'}})), {
			message: `--schedule cosine does not match the run in ${parts} (schedule onecycle); leave --schedule out to resume it, or start a new run from its weights with --model ${parts}`,
		});
		await assert.rejects(trainEvents(resume(parts, ['warmup'], {epochs: 2, schedule: {name: 'onecycle', warmup: 0.5}})), {
			message: `--warmup 0.5 does not match the run in ${parts} (warmup 0.2); leave --warmup out to resume it, or start a new run from its weights with --model ${parts}`,
		});
	});

	test('stopped at an epoch boundary and resumed twice with a higher total, it matches the uninterrupted run', async () => {
		const folder = temporaryFolder();
		const whole = join(folder, 'whole.json'),
			parts = join(folder, 'parts.json');
		const uninterrupted = await trainEvents({...base, epochs: 5, save: whole});
		await trainEvents({...base, epochs: 2, save: parts});
		await trainEvents(resume(parts, ['epochs'], {epochs: 3}));
		const last = await trainEvents(resume(parts, ['epochs', 'lr'], {epochs: 5, learningRate: 0.05}));
		assert.deepEqual(withoutSeconds(doneOf(last)), withoutSeconds(doneOf(uninterrupted)));
		assert.deepEqual(savedNumbers(parts), savedNumbers(whole));
	});

	test("a resumed run keeps the checkpoint's settings and saves to the file it resumed unless told otherwise", async () => {
		const folder = temporaryFolder();
		const parts = join(folder, 'parts.json'),
			elsewhere = join(folder, 'elsewhere.json');
		await trainEvents({...base, epochs: 1, save: parts});
		const resumed = await trainEvents(
			resume(parts, ['epochs', 'save'], {epochs: 2, hidden: undefined, learningRate: 0.5, save: elsewhere}),
		);
		const start = resumed.find(event => event.type === 'start');
		assert.ok(start?.type === 'start');
		assert.deepEqual([start.layers, start.config.learningRate, start.config.save], [[784, 24, 10], 0.05, elsewhere]);
		assert.equal(doneOf(resumed).savedTo, elsewhere);
		assert.equal(parseCheckpoint(readModelFile(parts, '--resume').extra, parts).history.length, 1, 'the resumed file is left as it was');
	});

	test("through the dashboard's worker thread: the start carries the earlier epochs, the epochs go on from there", async () => {
		const folder = temporaryFolder();
		const parts = join(folder, 'parts.json');
		await trainEvents({...base, epochs: 2, save: parts});
		const types: string[] = [];
		let resumedHistory: number[] = [];
		const epochs: number[] = [];
		const failure = await new Promise<Error | null>(resolve => {
			let error: Error | null = null;
			startTrainingWorker(resume(parts, ['epochs'], {epochs: 3}), {
				onEvent(event) {
					types.push(event.type);
					if (event.type === 'start') resumedHistory = event.resumed?.history.map(epoch => epoch.epoch) ?? [];
					if (event.type === 'epoch') epochs.push(event.epoch);
				},
				onError: failed => (error = failed),
				onExit: () => resolve(error),
			});
		});
		assert.equal(failure, null);
		assert.deepEqual(resumedHistory, [1, 2]);
		assert.deepEqual(epochs, [3]);
		assert.equal(types.at(-1), 'done');
	});
});
