import assert from 'node:assert/strict';
import {test} from 'node:test';
import {buildNetwork, convArchitecture} from '../../../../source/nn/architecture.js';
import {Rng} from '../../../../source/nn/rng.js';
import type {RunStart} from '../../../../source/train/events.js';
import {weightsSnapshot} from '../../../../source/train/weights-snapshot.js';
import {type DashboardAction, dashboardReducer, initialDashboard} from '../../../../source/ui/dashboard/dashboard-state.js';

const network = buildNetwork(convArchitecture({channels: 1, height: 28, width: 28}, {filters: [2], classes: 10}), new Rng(3), 'js');
const snapshot = () => weightsSnapshot(network);

test("a convolutional network's image layers ride with its weights: at the start, each probe, each epoch (and its predictions')", () => {
	const start = {type: 'start', config: {optimizer: 'adam', learningRate: 0.001}, ...snapshot()} as unknown as RunStart;
	const started = dashboardReducer(initialDashboard, start);
	assert.equal(started.features, start.features);
	assert.equal(started.epochFeatures, null);
	const probe = {type: 'probe', epoch: 1, batch: 5, images: 50, accuracy: 0.5, confusion: [], ...snapshot()} as DashboardAction;
	const probed = dashboardReducer(started, probe);
	assert.equal(probed.features, (probe as {features: unknown}).features);
	assert.equal(probed.weightsSource, 'epoch 1, batch 5');
	const test = {
		loss: 1,
		accuracy: 0.5,
		confusion: null,
		predictions: new Uint8Array(0),
		probabilities: new Float32Array(0),
		meanActivations: [],
	};
	const epoch = {
		type: 'epoch',
		epoch: 1,
		epochs: 2,
		trainLoss: 1,
		trainAccuracy: 0.5,
		testLoss: 1,
		testAccuracy: 0.5,
		seconds: 1,
		samplesPerSecond: 1,
		test,
		...snapshot(),
	};
	const ended = dashboardReducer(probed, epoch as DashboardAction);
	assert.equal(ended.features, epoch.features);
	assert.equal(ended.epochFeatures, epoch.features);
	assert.equal(ended.epochWeights, epoch.weights);
});
