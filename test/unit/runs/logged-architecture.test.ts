import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {loggedStart} from '../../../source/runs/logged-events.js';

const start = (config: Record<string, unknown>) =>
	loggedStart({
		event: 'start',
		config: {layers: [784, 16, 10], epochs: 1, batchSize: 32, learningRate: 0.05, optimizer: 'momentum', seed: 1, ...config},
		trainCount: 100,
		testCount: 100,
	});

describe("a logged run's architecture", () => {
	test("a cnn's layers are read back as its architecture", () => {
		const architecture = {
			input: [1, 28, 28],
			layers: [
				{type: 'conv2d', filters: 2, kernel: 5},
				{type: 'maxpool2d', size: 2},
				{type: 'dense', outputs: 16},
				{type: 'dense', outputs: 10},
			],
		};
		assert.deepEqual(start({arch: 'cnn', filters: [2], architecture}).architecture, {
			input: {channels: 1, height: 28, width: 28},
			layers: [{kind: 'conv', filters: 2, kernel: 5}, {kind: 'pool'}, {kind: 'dense', units: 16}, {kind: 'dense', units: 10}],
		});
	});

	test('a log from before architectures, or one this version cannot read, has none: never an error', () => {
		assert.equal(start({}).architecture, null);
		assert.equal(start({architecture: {input: [1, 28], layers: []}}).architecture, null);
		assert.equal(start({architecture: {input: [1, 28, 28], layers: [{type: 'lstm'}]}}).architecture, null);
		assert.equal(start({architecture: {input: [1, 28, 28], layers: [{type: 'conv2d', filters: 0, kernel: 5}]}}).architecture, null);
	});
});
