import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {setTimeout as later} from 'node:timers/promises';
import {InputError} from '../../../../source/errors.js';
import {type EarlyWorker, pendingWorker} from '../../../../source/train/worker/early-worker.js';
import type {FromWorker} from '../../../../source/train/worker/protocol.js';
import type {TrainingWorker} from '../../../../source/train/worker/worker-host.js';
import {workerConfig} from '../../../helpers/worker-config.js';

const config = workerConfig({epochs: 1, limit: 500, testLimit: 100});

type Event = Exclude<FromWorker, {type: 'failure'}>;

interface Heard {
	readonly events: Event[];
	readonly error: Error | null;
	readonly heldFirst: boolean;
	readonly worker: TrainingWorker;
}

/** Attaches a listener; `ended` resolves when the worker has ended. */
function listen(early: EarlyWorker): {worker: TrainingWorker; ended: Promise<Heard>} {
	const events: Event[] = [];
	let error: Error | null = null;
	let worker: TrainingWorker | undefined;
	let heldFirst = true;
	let end: (heard: Heard) => void = () => {};
	const ended = new Promise<Heard>(resolve => (end = resolve));
	worker = early.attach({
		onEvent(event) {
			heldFirst &&= worker !== undefined;
			events.push(event);
		},
		onError(failure) {
			heldFirst &&= worker !== undefined;
			error = failure;
		},
		onExit: () => end({events, error, heldFirst, worker: worker!}),
	});
	return {worker, ended};
}

describe('a training worker started before its listener', () => {
	test('keeps the events that came before the listener and tells them first, in order', async () => {
		const early = pendingWorker(config, {probe: {images: 50, everyMs: 0}});
		early.start();
		// the run goes on meanwhile (loading the dashboard's screens, say)
		await later(300);
		const {events, error, heldFirst} = await listen(early).ended;
		assert.equal(error, null);
		const types = events.map(event => event.type);
		assert.deepEqual(types.slice(0, 2), ['loading', 'start']);
		assert.equal(types.at(-1), 'done');
		assert.equal(types.filter(type => type === 'epoch').length, 1);
		assert.ok(heldFirst, 'the caller holds the worker before the first event reaches it');
	});

	test('a failure before the listener reaches it too', async () => {
		const early = pendingWorker({...config, sources: {data: '/nonexistent/folder'}});
		early.start();
		await later(300);
		const {error, heldFirst} = await listen(early).ended;
		assert.ok(error instanceof InputError);
		assert.ok(heldFirst);
	});
});

describe('a training worker started after its listener', () => {
	test('runs once started, and what was asked of it before goes to it then: a stop asked for at once ends the run early', async () => {
		const early = pendingWorker({...config, epochs: 50});
		const {worker, ended} = listen(early);
		worker.stop();
		early.start();
		const {events, error} = await ended;
		assert.equal(error, null);
		const done = events.find(event => event.type === 'done');
		assert.ok(done && done.type === 'done');
		assert.ok(done.epochs < 50, `stopped after ${done.epochs} of 50 epochs`);
	});

	test('a run ended before it started never starts', async () => {
		const early = pendingWorker(config);
		const heard: string[] = [];
		const worker = early.attach({onEvent: event => heard.push(event.type), onError: error => heard.push(error.message)});
		await worker.terminate();
		early.start();
		await later(300);
		assert.deepEqual(heard, []);
	});
});
