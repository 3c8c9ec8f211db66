import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, test} from 'node:test';
import type {OptimizerName} from '../../../../source/nn/optim/optimizer.js';
import {parseCheckpoint} from '../../../../source/train/checkpoint/checkpoint.js';
import {readModelFile} from '../../../../source/train/checkpoint/model-store.js';
import type {TrainConfig} from '../../../../source/train/config.js';
import {temporaryFolder} from '../../../helpers/paths.js';
import {doneOf, trainEvents, withoutSeconds} from '../../../helpers/train-events.js';

/** A small cnn on 320 real MNIST images: 10 steps of 32 an epoch, on a one-cycle schedule over the whole run. */
const base: TrainConfig = {
	arch: 'cnn',
	filters: [2, 4],
	hidden: [16],
	epochs: 2,
	batchSize: 32,
	learningRate: 0.05,
	schedule: {name: 'onecycle', warmup: 0.2},
	optimizer: 'momentum',
	seed: 5,
	backend: 'auto',
	classes: 'digits',
	sources: {},
	limit: 320,
	testLimit: 100,
	threads: 1,
};

/** The layers (convolutions included), optimizer state, rng and order a save wrote. */
function savedNumbers(path: string) {
	const file = JSON.parse(readFileSync(path, 'utf8')) as {version: number; layers: unknown; training: Record<string, unknown>};
	const {optimizerState, rng, order, config} = file.training;
	return {version: file.version, layers: file.layers, optimizerState, rng, order, filters: (config as {filters: unknown}).filters};
}

describe('resuming a checkpointed cnn', () => {
	for (const optimizer of ['momentum', 'adam'] as OptimizerName[]) {
		test(`${optimizer}: stopped mid-epoch and resumed, bit for bit the uninterrupted run`, async () => {
			const folder = temporaryFolder();
			const whole = join(folder, 'whole.json'),
				parts = join(folder, 'parts.json');
			const config: TrainConfig = {...base, optimizer, learningRate: optimizer === 'adam' ? 0.005 : 0.05};
			const uninterrupted = await trainEvents({...config, save: whole});

			// 13 steps: the 3rd of the second epoch's 10
			assert.equal(doneOf(await trainEvents({...config, save: parts}, 13)).interrupted, true);
			const checkpoint = parseCheckpoint(readModelFile(parts, '--resume').extra, parts);
			assert.deepEqual(
				[checkpoint.state.epoch, checkpoint.state.batch, checkpoint.settings.arch, checkpoint.settings.filters],
				[2, 3, 'cnn', [2, 4]],
			);

			const resumed = await trainEvents({...config, arch: undefined, filters: undefined, resume: {file: parts, given: []}});
			const start = resumed.find(event => event.type === 'start');
			assert.ok(start?.type === 'start');
			assert.deepEqual(
				start.architecture?.layers.filter(layer => layer.kind === 'conv').map(layer => layer.kind === 'conv' && layer.filters),
				[2, 4],
			);
			assert.equal(resumed.filter(event => event.type === 'batch').length, 2 * 10 - 13, 'every remaining step, and no other');
			assert.deepEqual(withoutSeconds(doneOf(resumed)), withoutSeconds(doneOf(uninterrupted)), 'the same losses and accuracies');
			assert.deepEqual(savedNumbers(parts), savedNumbers(whole), 'the same weights, optimizer state, rng and image order');
			assert.equal(savedNumbers(parts).version, 2);
		});
	}
});
