import assert from 'node:assert/strict';
import {test} from 'node:test';
import {loadTest} from '../../../source/data/load.js';
import type {RunEvent} from '../../../source/train/events.js';
import {runTraining} from '../../../source/train/run.js';
import {workerConfig} from '../../helpers/worker-config.js';

test('a run reads its test images into memory other threads can read, as the file holds them', async () => {
	let start: Extract<RunEvent, {type: 'start'}> | undefined;
	for await (const event of runTraining({...workerConfig({epochs: 1, limit: 64, testLimit: 50}), threads: 1})) {
		if (event.type === 'start') start = event;
	}
	assert.ok(start);
	// a worker hands them to the main thread as they are, with no copy made just before the first step
	assert.ok(start.test.images.buffer instanceof SharedArrayBuffer);
	assert.deepEqual(start.test.images, (await loadTest({}, 50)).images);
});
