import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {loggedStart} from '../../../source/runs/logged-events.js';

const start = (schedule?: unknown) => ({
	event: 'start',
	config: {
		layers: [784, 256, 10],
		epochs: 4,
		batchSize: 128,
		learningRate: 0.2,
		optimizer: 'momentum',
		seed: 1,
		...(schedule === undefined ? {} : {schedule}),
	},
	trainCount: 60000,
	testCount: 10000,
});

describe('the schedule of a logged run', () => {
	test('is read back as written; a log from before schedules has none (a constant rate)', () => {
		assert.deepEqual(loggedStart(start({name: 'onecycle', warmup: 0.2})).schedule, {name: 'onecycle', warmup: 0.2});
		assert.deepEqual(loggedStart(start({name: 'step'})).schedule, {name: 'step'});
		assert.equal(loggedStart(start()).schedule, null);
	});

	test('one this version cannot draw is left out, not an error', () => {
		assert.equal(loggedStart(start({name: 'triangular'})).schedule, null);
		assert.equal(loggedStart(start({name: 'onecycle', warmup: 'most'})).schedule, null);
		assert.equal(loggedStart(start('fast')).schedule, null);
	});
});
