import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {DivergedError} from '../../../source/errors.js';
import {Network} from '../../../source/nn/network.js';
import {GradientDescent} from '../../../source/nn/optim/gd.js';
import {Momentum} from '../../../source/nn/optim/momentum.js';
import {Rng} from '../../../source/nn/rng.js';
import {identityOrder, packLabels} from '../../../source/train/batches.js';
import type {EpochResult, TrainerEvent} from '../../../source/train/events.js';
import {trainer} from '../../../source/train/trainer.js';
import {realMnist} from '../../helpers/real-mnist.js';

const {train, test: testSet} = await realMnist(10_000, 2_000);

describe('trainer', () => {
	test('two seeded epochs on 10,000 real images reach at least 90% test accuracy', () => {
		const network = Network.create([784, 128, 10], new Rng(5));
		const events = [
			...trainer({
				network,
				optimizer: new Momentum(0.05),
				train,
				test: testSet,
				epochs: 2,
				batchSize: 64,
				rng: new Rng(5),
			}),
		];
		const epoch = events.at(-1) as EpochResult;
		assert.equal(epoch.type, 'epoch');
		assert.ok(epoch.testAccuracy! >= 0.9, `test accuracy ${epoch.testAccuracy}`);
		assert.equal(events.filter(event => event.type === 'batch').length, 2 * Math.ceil(10_000 / 64));
		assert.equal(epoch.test.predictions.length, 2_000);
		assert.equal(epoch.test.probabilities.length, 20_000);
	});

	test('--batch-size full is one gradient-descent step per epoch on every image, accumulated in chunks', () => {
		const images = {...train, images: train.images.subarray(0, 2500 * 784), labels: train.labels!.subarray(0, 2500), count: 2500};
		const network = Network.create([784, 20, 10], new Rng(3));
		const reference = Network.create([784, 20, 10], new Rng(3));
		const events: TrainerEvent[] = [
			...trainer({
				network,
				optimizer: new GradientDescent(0.5),
				train: images,
				test: testSet,
				epochs: 2,
				batchSize: 'full',
				rng: new Rng(9),
			}),
		];
		assert.deepEqual(
			events.map(event => event.type),
			['batch', 'epoch', 'batch', 'epoch'],
		);
		assert.equal((events[0] as {images: number}).images, 2500);

		// the same two steps taken on all 2,500 images at once
		const x = reference.packImages(images.images, identityOrder(2500), 0, 2500);
		const labels = new Uint8Array(2500);
		packLabels(images, identityOrder(2500), 0, 2500, labels);
		const gd = new GradientDescent(0.5);
		for (let step = 0; step < 2; step++) {
			reference.zeroGradients();
			reference.trainBatch(x, labels, 2500, 1 / 2500);
			gd.step(reference.parameters());
		}
		const trained = network.parameters(),
			expected = reference.parameters();
		let largest = 0;
		for (const [p, parameter] of trained.entries()) {
			for (const [i, value] of parameter.value.entries()) largest = Math.max(largest, Math.abs(value - expected[p]!.value[i]!));
		}
		assert.ok(largest < 1e-5, `largest difference ${largest}`);
	});

	test('the same seed gives the same run, another seed another', () => {
		const run = (seed: number) => {
			const network = Network.create([784, 16, 10], new Rng(seed));
			const small = {...train, images: train.images.subarray(0, 500 * 784), labels: train.labels!.subarray(0, 500), count: 500};
			const events = [
				...trainer({
					network,
					optimizer: new Momentum(0.05),
					train: small,
					test: testSet,
					epochs: 2,
					batchSize: 32,
					rng: new Rng(seed),
				}),
			];
			return events.filter((event): event is EpochResult => event.type === 'epoch').map(event => [event.trainLoss, event.testLoss]);
		};
		assert.deepEqual(run(1), run(1));
		assert.notDeepEqual(run(1), run(2));
	});

	test('an exploding loss stops training with the epoch and batch', () => {
		const network = Network.create([784, 16, 10], new Rng(1));
		const steps = trainer({
			network,
			optimizer: new GradientDescent(1e6),
			train,
			test: testSet,
			epochs: 1,
			batchSize: 64,
			rng: new Rng(1),
		});
		assert.throws(
			() => [...steps],
			(error: unknown) => error instanceof DivergedError && error.epoch === 1 && error.batch >= 2 && /--lr 100000/.test(error.message),
		);
	});

	test('a step that overflows the weights stops training at that step, though its loss was fine', () => {
		const network = Network.create([784, 16, 10], new Rng(1), 'js');
		const losses: number[] = [];
		const steps = trainer({
			network,
			optimizer: new GradientDescent(1e40),
			train,
			test: testSet,
			epochs: 1,
			batchSize: 64,
			rng: new Rng(1),
		});
		assert.throws(
			() => {
				for (const event of steps) if (event.type === 'batch') losses.push(event.loss);
			},
			(error: unknown) =>
				error instanceof DivergedError &&
				error.epoch === 1 &&
				error.batch === 1 &&
				error.message ===
					'training diverged at epoch 1, batch 1: the weights are no longer finite numbers; try a lower --lr (for example --lr 1e+39)',
		);
		assert.deepEqual(losses, [], 'the step is not reported as progress');
		assert.equal(network.hasFiniteWeights(), false);
	});
});
