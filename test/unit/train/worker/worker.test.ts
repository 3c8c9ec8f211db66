import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {InputError} from '../../../../source/errors.js';
import type {TrainConfig} from '../../../../source/train/config.js';
import type {FromWorker, ScreenAsks} from '../../../../source/train/worker/protocol.js';
import {startTrainingWorker, type TrainingWorker} from '../../../../source/train/worker/worker-host.js';
import {workerConfig} from '../../../helpers/worker-config.js';

const config = workerConfig({epochs: 2, limit: 2000, testLimit: 300});

type Event = Exclude<FromWorker, {type: 'failure'}>;

function run(
	runConfig: TrainConfig,
	onEvent: (event: Event, worker: TrainingWorker) => void = () => {},
	asks: ScreenAsks = {probe: {images: 200, everyMs: 0}},
): Promise<{events: Event[]; error: Error | null}> {
	return new Promise(resolve => {
		const events: Event[] = [];
		let worker: TrainingWorker;
		let error: Error | null = null;
		worker = startTrainingWorker(
			runConfig,
			{
				onEvent(event) {
					events.push(event);
					onEvent(event, worker);
				},
				onError(failure) {
					error = failure;
				},
				onExit: () => resolve({events, error}),
			},
			asks,
		);
	});
}

describe('the training worker', () => {
	test('posts start, sampled progress with every step loss, epochs with their predictions, and done', async () => {
		const {events, error} = await run(config);
		assert.equal(error, null);
		const types = events.map(event => event.type);
		assert.equal(types[0], 'loading');
		assert.equal(types[1], 'start');
		assert.equal(types.at(-1), 'done');
		assert.equal(types.filter(type => type === 'epoch').length, 2);
		const steps = events.flatMap(event => (event.type === 'progress' ? [...event.losses] : []));
		assert.equal(steps.length, 2 * Math.ceil(2000 / 32), 'every step loss arrives');
		const epoch = events.find(event => event.type === 'epoch');
		assert.ok(epoch?.type === 'epoch' && epoch.test.predictions instanceof Uint8Array && epoch.test.predictions.length === 300);
		assert.ok(types.includes('probe'), 'probes keep the confusion matrix alive during epochs');
	});

	test('pause holds training between steps; stop ends it with an interrupted done', async () => {
		let stepsAtPause: number | undefined;
		let steps = 0;
		const {events} = await run({...config, epochs: 1000}, (event, worker) => {
			if (event.type !== 'progress') return;
			steps += event.losses.length;
			if (stepsAtPause !== undefined) return;
			stepsAtPause = steps;
			worker.pause();
			setTimeout(() => worker.stop(), 1000);
		});
		// a pause lands within one of the run's 50 ms breaks (the code is warm from the start: up to a few hundred steps of this
		// small network); a second of training is thousands of steps
		assert.ok(steps - stepsAtPause! < 1000, `${steps - stepsAtPause!} steps trained while paused`);
		const done = events.at(-1);
		assert.ok(done?.type === 'done' && done.interrupted);
	});

	test('a run that waits for the screen takes no step until the screen has drawn its start, then trains', async () => {
		let progressBeforeShown: number | undefined;
		let progress = 0;
		const {events, error} = await run(
			config,
			(event, worker) => {
				if (event.type === 'progress') progress++;
				if (event.type !== 'start') return;
				setTimeout(() => {
					progressBeforeShown = progress;
					worker.shown();
				}, 300);
			},
			{waitForScreen: true},
		);
		assert.equal(error, null);
		// 300 ms is hundreds of this small network's steps
		assert.equal(progressBeforeShown, 0);
		assert.equal(events.filter(event => event.type === 'epoch').length, 2);
		assert.equal(events.at(-1)?.type, 'done');
	});

	test('a screen that never says it has drawn the start holds the run for a second, not for ever', async () => {
		let startedAt = 0;
		let firstProgressAt = 0;
		const {events, error} = await run(
			config,
			event => {
				if (event.type === 'start') startedAt = performance.now();
				if (event.type === 'progress') firstProgressAt ||= performance.now();
			},
			{waitForScreen: true},
		);
		assert.equal(error, null);
		assert.ok(firstProgressAt - startedAt >= 900, `first step ${(firstProgressAt - startedAt).toFixed(0)} ms after the start`);
		assert.equal(events.at(-1)?.type, 'done');
	});

	test('an input error is rebuilt as an InputError on this side', async () => {
		const {error} = await run({...config, sources: {data: '/nonexistent/folder'}});
		assert.ok(error instanceof InputError, String(error));
		assert.match(error.message, /^--data \/nonexistent\/folder: /);
	});
});
