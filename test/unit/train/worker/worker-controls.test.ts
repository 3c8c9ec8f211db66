import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import type {ControlChange} from '../../../../source/train/events.js';
import type {FromWorker, Progress} from '../../../../source/train/worker/protocol.js';
import {startTrainingWorker} from '../../../../source/train/worker/worker-host.js';
import {workerConfig} from '../../../helpers/worker-config.js';

const config = workerConfig({epochs: 1000, limit: 2000, testLimit: 300, threads: 1});

type Event = Exclude<FromWorker, {type: 'failure'}>;

describe('steering the training worker', () => {
	test('paused, a change comes back as a control event; a step trains one batch and shows it; stop ends the run', async () => {
		const events: Event[] = [];
		let change: ControlChange | undefined;
		const failure = await new Promise<Error | null>(resolve => {
			let error: Error | null = null;
			const worker = startTrainingWorker(config, {
				onEvent(event) {
					events.push(event);
					if (event.type === 'start') {
						worker.pause();
						// messages are taken in order: the run is paused when it makes the change
						worker.control('lowerLearningRate');
					}
					if (event.type === 'control') {
						change = event;
						worker.step();
					}
					if (event.type === 'progress' && change && event.epoch === change.epoch && event.batch === change.step) worker.stop();
				},
				onError: failed => (error = failed),
				onExit: () => resolve(error),
			});
		});
		assert.equal(failure, null);
		assert.ok(change);
		assert.deepEqual(
			[change.setting, change.from, change.to, change.values],
			['learningRate', 0.05, 0.025, {learningRate: 0.025, momentum: 0.9}],
		);
		const after = events.slice(events.indexOf(change) + 1);
		const progress = after.filter((event): event is Progress => event.type === 'progress');
		const last = progress.at(-1)!;
		assert.deepEqual([last.epoch, last.batch, last.losses.length], [change.epoch, change.step, 1], 'one step, shown as soon as it is done');
		assert.ok(progress.length <= 2, 'the step the pause stopped at, and the one step');
		assert.equal(after.at(-1)?.type, 'done');
	});
});
