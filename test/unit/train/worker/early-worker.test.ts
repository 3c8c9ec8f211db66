import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {setTimeout as later} from 'node:timers/promises';
import {InputError} from '../../../../source/errors.js';
import type {TrainConfig} from '../../../../source/train/config.js';
import {type EarlyWorker, startEarlyWorker} from '../../../../source/train/worker/early-worker.js';
import type {FromWorker} from '../../../../source/train/worker/protocol.js';
import type {TrainingWorker} from '../../../../source/train/worker/worker-host.js';

const config: TrainConfig = {
	hidden: [16],
	epochs: 1,
	batchSize: 32,
	learningRate: 0.05,
	optimizer: 'momentum',
	seed: 1,
	backend: 'auto',
	classes: 'digits',
	sources: {},
	limit: 500,
	testLimit: 100,
};

type Event = Exclude<FromWorker, {type: 'failure'}>;

/** Attaches a listener once the caller is ready; resolves when the worker has ended. */
function listen(early: EarlyWorker): Promise<{events: Event[]; error: Error | null; heldFirst: boolean}> {
	return new Promise(resolve => {
		const events: Event[] = [];
		let error: Error | null = null;
		let worker: TrainingWorker | undefined;
		let heldFirst = true;
		worker = early.attach({
			onEvent(event) {
				heldFirst &&= worker !== undefined;
				events.push(event);
			},
			onError(failure) {
				heldFirst &&= worker !== undefined;
				error = failure;
			},
			onExit: () => resolve({events, error, heldFirst}),
		});
	});
}

describe('a training worker started before its listener', () => {
	test('keeps the events that came before the listener and tells them first, in order', async () => {
		const early = startEarlyWorker(config, {images: 50, everyMs: 0});
		// the run goes on meanwhile (loading the dashboard's screens, say)
		await later(300);
		const {events, error, heldFirst} = await listen(early);
		assert.equal(error, null);
		const types = events.map(event => event.type);
		assert.deepEqual(types.slice(0, 2), ['loading', 'start']);
		assert.equal(types.at(-1), 'done');
		assert.equal(types.filter(type => type === 'epoch').length, 1);
		assert.ok(heldFirst, 'the caller holds the worker before the first event reaches it');
	});

	test('a failure before the listener reaches it too', async () => {
		const early = startEarlyWorker({...config, sources: {data: '/nonexistent/folder'}});
		await later(300);
		const {error, heldFirst} = await listen(early);
		assert.ok(error instanceof InputError);
		assert.ok(heldFirst);
	});
});
