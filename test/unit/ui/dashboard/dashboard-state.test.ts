import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {classSets} from '../../../../source/train/config.js';
import {
	type DashboardAction,
	type DashboardState,
	dashboardReducer,
	epochPoints,
	initialDashboard,
	maxEpochPoints,
	maxLossPoints,
} from '../../../../source/ui/dashboard/dashboard-state.js';
import {createDashboardStore} from '../../../../source/ui/dashboard/dashboard-store.js';
import {matrixSource} from '../../../../source/ui/dashboard/matrix-source.js';
import {actionsFor, keyHint, typedInput} from '../../../../source/ui/shared/keys.js';
import {smallNetwork} from '../fixtures.js';

const progress = (epoch: number, batch: number, losses: number[]): DashboardAction => ({
	type: 'progress',
	epoch,
	epochs: 3,
	batch,
	batches: 100,
	images: batch * 10,
	loss: losses.at(-1)!,
	seconds: batch / 100,
	losses: Float32Array.from(losses),
});

const epoch = (n: number, testLoss: number, testAccuracy: number, predictions: number[]): DashboardAction => ({
	type: 'epoch',
	epoch: n,
	epochs: 3,
	trainLoss: 0.5 / n,
	trainAccuracy: 0.9,
	testLoss,
	testAccuracy,
	seconds: 2,
	samplesPerSecond: 500,
	test: {
		loss: testLoss,
		accuracy: testAccuracy,
		confusion: [
			[n, 1],
			[0, 2],
		],
		predictions: Uint8Array.from(predictions),
		probabilities: new Float32Array(predictions.length * 2),
		meanActivations: [],
	},
});

const fold = (actions: DashboardAction[], state: DashboardState = initialDashboard) => actions.reduce(dashboardReducer, state);

describe('dashboard state', () => {
	test('progress keeps every step loss and the latest position', () => {
		const state = fold([progress(1, 3, [2.3, 2.1, 1.9]), progress(1, 5, [1.7, 1.5])]);
		assert.deepEqual(
			state.stepLosses.map(value => Number(value.toFixed(4))),
			[2.3, 2.1, 1.9, 1.7, 1.5],
		);
		assert.equal(state.progress?.batch, 5);
		assert.equal(state.samplesPerSecond, 50 / 0.05);
	});

	test('the step-loss history stays bounded by averaging pairs of points', () => {
		const steps = Array.from({length: 3 * maxLossPoints + 1}, (_, i) => i);
		const state = fold([progress(1, 1, steps)]);
		assert.ok(state.stepLosses.length < maxLossPoints);
		assert.equal(state.stepsPerPoint, 4);
		// the first point is the mean of the first four steps: (0+1+2+3)/4
		assert.equal(state.stepLosses[0], 1.5);
		const covered = state.stepLosses.length * state.stepsPerPoint + state.pendingLosses.length;
		assert.equal(covered, steps.length, 'every step is in a point or waiting for one');
	});

	test('an epoch adds to the history, replaces the confusion matrix and keeps the previous predictions', () => {
		const state = fold([epoch(1, 0.3, 0.9, [0, 1, 1]), epoch(2, 0.2, 0.95, [0, 1, 0])]);
		assert.deepEqual(
			state.history.map(summary => summary.epoch),
			[1, 2],
		);
		assert.deepEqual(state.confusion, [
			[2, 1],
			[0, 2],
		]);
		assert.equal(state.confusionSource, 'epoch 2');
		assert.deepEqual([...state.previousPredictions!], [0, 1, 1]);
		assert.deepEqual([...state.predictions!], [0, 1, 0]);
	});

	test('a probe shows an estimate until the first epoch ends, then never replaces the full test pass', () => {
		const probe = (epochNumber: number, batch: number, accuracy: number): Extract<DashboardAction, {type: 'probe'}> => ({
			type: 'probe',
			epoch: epochNumber,
			batch,
			images: 1000,
			accuracy,
			confusion: [
				[9, 0],
				[1, 9],
			],
		});
		const early = fold([progress(1, 30, [1]), probe(1, 30, 0.9)]);
		assert.equal(early.confusionSource, 'estimate from 1,000 test images');
		assert.equal(early.confusionEstimate, true);
		assert.deepEqual(matrixSource(early), {
			source: 'estimate from 1,000 test images',
			when: 'epoch 1, batch 30',
			estimate: true,
			probeAccuracy: null,
		});
		// a later probe of the same epoch is a newer estimate
		const later = dashboardReducer(early, probe(1, 60, 0.92));
		assert.equal(matrixSource(later).when, 'epoch 1, batch 60');
		// the epoch's full test pass replaces it, and the next epoch's probes stay beside it
		const full = dashboardReducer(later, epoch(1, 0.3, 0.9, [0, 1, 1]));
		const next = dashboardReducer(full, probe(2, 40, 0.95));
		for (const state of [full, next]) {
			assert.equal(state.confusionSource, 'epoch 1');
			assert.equal(state.confusionEstimate, false);
		}
		assert.notDeepEqual(full.confusion, later.confusion);
		assert.equal(next.confusion, full.confusion);
		assert.deepEqual(matrixSource(full), {source: 'epoch 1', when: null, estimate: false, probeAccuracy: null});
		assert.deepEqual(matrixSource(next), {source: 'epoch 1', when: null, estimate: false, probeAccuracy: 0.95});
		// the next epoch's end takes the probe's place
		const second = dashboardReducer(next, epoch(2, 0.2, 0.95, [0, 1, 0]));
		assert.equal(second.confusionSource, 'epoch 2');
		assert.equal(second.probe, null);
		assert.equal(matrixSource(second).probeAccuracy, null);
		// a probe of an epoch already finished changes nothing
		assert.equal(dashboardReducer(second, probe(2, 900, 0.99)), second);
		// weights sent with a probe are named in the header's words
		assert.equal(dashboardReducer(full, {...probe(2, 40, 0.95), weights: smallNetwork}).weightsSource, 'epoch 2, batch 40');
	});

	test('the training clock starts with the first progress that says when it arrived, less the time paused before', () => {
		const state = fold([
			{type: 'paused', paused: true, at: 1000},
			{type: 'paused', paused: false, at: 3000},
			{...progress(1, 10, [1]), at: 5000} as DashboardAction,
			{...progress(1, 20, [1]), at: 6000} as DashboardAction,
		]);
		assert.equal(state.trainingSince, 3000);
		assert.equal(state.rate.seconds, 0.1);
		assert.equal(fold([progress(1, 10, [1])]).trainingSince, null, 'a replay, whose progress has no time');
	});

	test('once the run is done no probe is shown beside the matrix', () => {
		const stoppedMidEpoch = fold([
			epoch(1, 0.3, 0.9, [0]),
			{type: 'probe', epoch: 2, batch: 40, images: 1000, accuracy: 0.95, confusion: [[1]]},
			{
				type: 'done',
				epochs: 1,
				testAccuracy: 0.9,
				testLoss: 0.3,
				seconds: 3,
				confusion: null,
				classes: classSets.digits,
				savedTo: null,
				interrupted: true,
				history: [],
			},
		]);
		assert.deepEqual(matrixSource(stoppedMidEpoch), {source: 'epoch 1', when: null, estimate: false, probeAccuracy: null});
	});

	test('pausing only while the run is going', () => {
		assert.equal(fold([{type: 'paused', paused: true}]).paused, true);
		const done = fold([
			{
				type: 'done',
				epochs: 0,
				testAccuracy: null,
				testLoss: null,
				seconds: 1,
				confusion: null,
				classes: classSets.digits,
				savedTo: null,
				interrupted: false,
				history: [],
			},
			{type: 'paused', paused: true},
		]);
		assert.equal(done.paused, false);
		assert.equal(done.phase, 'done');
	});
});

describe('keys', () => {
	test('batched keys give one action each; unknown keys none', () => {
		assert.deepEqual(actionsFor('pp'), ['togglePause', 'togglePause']);
		assert.deepEqual(actionsFor(' ?x'), ['togglePause', 'toggleHelp']);
		assert.deepEqual(actionsFor('q'), ['quit']);
		assert.deepEqual(actionsFor('\t'), ['switchView']);
		assert.deepEqual(actionsFor(typedInput('c', {ctrl: true})), ['interrupt'], 'Ink reports Ctrl-C as ctrl + c');
		assert.deepEqual(actionsFor(typedInput('', {tab: true})), ['switchView']);
		assert.deepEqual(actionsFor(typedInput('c', {})), []);
		assert.deepEqual(actionsFor('\u0003'), ['interrupt']);
	});

	test('the hint line follows the state', () => {
		assert.equal(keyHint({paused: false, finished: false, next: 'digits'}), 'p pause · tab digits · ? help · q quit');
		assert.equal(
			keyHint({paused: true, finished: false, next: 'digits', view: ['w network']}),
			'w network · p resume · n step · tab digits · ? help · q quit',
		);
		assert.equal(keyHint({paused: false, finished: true, next: 'network', ascii: true}), 'tab network - ? help - q quit');
	});
});

describe('dashboard store', () => {
	test('tells at once after a quiet spell, then once per frame interval for a burst', async () => {
		const store = createDashboardStore(40);
		let notices = 0;
		store.subscribe(() => notices++);
		store.dispatch({type: 'paused', paused: true});
		assert.equal(notices, 1, 'a key press is drawn without waiting');
		for (let i = 0; i < 10; i++) store.dispatch(progress(1, i + 1, [1]));
		assert.equal(notices, 1);
		await new Promise(resolve => setTimeout(resolve, 80));
		assert.equal(notices, 2, 'the burst is one notice');
		assert.equal(store.getSnapshot().progress?.batch, 10);
	});
});

describe('a long run in the dashboard state', () => {
	test('the epoch history stays bounded; the last, the best, the count and a rising test loss stay exact', () => {
		const epochs = 3 * maxEpochPoints + 5;
		// the test loss falls to its lowest at epoch 1000, then rises while the train loss keeps falling
		const testLoss = (n: number) => 1 + Math.abs(n - 1000) / 1000;
		const testAccuracy = (n: number) => (n === 700 || n === 701 ? 0.99 : 0.9);
		let state = initialDashboard;
		for (let n = 1; n <= epochs; n++) state = dashboardReducer(state, epoch(n, testLoss(n), testAccuracy(n), [0]));
		assert.ok(state.history.length < maxEpochPoints);
		assert.equal(state.epochsPerPoint, 4);
		assert.equal(
			state.history.length * state.epochsPerPoint + state.pendingEpochs.length,
			epochs,
			'every epoch is in a point or waiting for one',
		);
		assert.equal(state.epochCount, epochs);
		assert.equal(state.lastEpoch?.epoch, epochs);
		assert.deepEqual(state.best, {epoch: 700, testAccuracy: 0.99});
		assert.deepEqual(state.rising, {since: 1000, epochs: epochs - 1000});
		// the first point is the mean of epochs 1-4, labelled 4
		assert.equal(state.history[0]!.epoch, 4);
		assert.equal(state.history[0]!.testLoss, (testLoss(1) + testLoss(2) + testLoss(3) + testLoss(4)) / 4);
		const points = epochPoints(state);
		assert.deepEqual([points[0]!.epoch, points.at(-1)!.epoch], [1, epochs], 'the chart spans every epoch');
	});
});
