import assert from 'node:assert/strict';
import {test} from 'node:test';
import {buildNetwork, convArchitecture} from '../../../source/nn/architecture.js';
import {Adam} from '../../../source/nn/optim/adam.js';
import {Rng} from '../../../source/nn/rng.js';
import type {EpochResult} from '../../../source/train/events.js';
import {trainer} from '../../../source/train/trainer.js';
import {realMnist} from '../../helpers/real-mnist.js';

const {train, test: testSet} = await realMnist(5_000, 1_000);

// 93.6% when written (1,000 images, on the plain loops, gave 79.9%)
test('a LeNet-like conv network on the fast kernels: one seeded epoch on 5,000 real images reaches at least 91% test accuracy', () => {
	const rng = new Rng(1);
	const network = buildNetwork(convArchitecture({channels: 1, height: 28, width: 28}, {filters: [8, 16], classes: 10}), rng);
	const events = [...trainer({network, optimizer: new Adam(0.005), train, test: testSet, epochs: 1, batchSize: 32, rng})];
	const epoch = events.at(-1) as EpochResult;
	assert.equal(epoch.type, 'epoch');
	assert.ok(epoch.testAccuracy! >= 0.91, `test accuracy ${epoch.testAccuracy}`);
	assert.equal(events.filter(event => event.type === 'batch').length, Math.ceil(5_000 / 32));
});
