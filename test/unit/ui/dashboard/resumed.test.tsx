import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import type {RunStart} from '../../../../source/train/events.js';
import {EpochChart} from '../../../../source/ui/charts/epoch-chart.js';
import {type DashboardAction, dashboardReducer} from '../../../../source/ui/dashboard/dashboard-state.js';
import {configLine} from '../../../../source/ui/dashboard/header-text.js';
import {summaryLines} from '../../../../source/ui/dashboard/summary.js';
import {done, loading, started, training} from '../fixtures.js';
import {frameOf, withSettings} from '../frame.js';

/** A run resumed after the three epochs of the `training` fixture. */
const resumedStart: RunStart = {...started.start!, resumed: {file: 'runs/model.json', epochs: 3, batch: 0, history: training.history}};
const resumed = dashboardReducer(loading, resumedStart as DashboardAction);

describe('a resumed run on the dashboard', () => {
	test('the epoch charts show its earlier epochs from the start', () => {
		assert.deepEqual(
			resumed.history.map(epoch => epoch.epoch),
			[1, 2, 3],
		);
		const chart = frameOf(withSettings(<EpochChart history={resumed.history} kind="loss" width={59} height={12} />, {ascii: true})).frame;
		assert.match(chart, /\n {2}epoch 1 +2 +3$/);
		assert.equal(
			frameOf(withSettings(<EpochChart history={resumed.history} kind="loss" width={59} height={12} />, {ascii: true})).frame,
			frameOf(withSettings(<EpochChart history={training.history} kind="loss" width={59} height={12} />, {ascii: true})).frame,
		);
	});

	test('the configuration line and the summary say it was resumed', () => {
		assert.match(configLine(resumedStart, 200, false), / · seed 1 · resumed after epoch 3 · /);
		assert.deepEqual(summaryLines(resumed, 5).slice(0, 2), [
			'mnist-tui: stopped 784-512-10 for 3 of 10 epochs in 5.0s',
			'  resumed after epoch 3',
		]);
	});

	test('a run resumed mid-epoch says the epoch and the batch it goes on from, where the header, the summary and the network view say it', () => {
		const midEpoch: RunStart = {...resumedStart, resumed: {...resumedStart.resumed!, epochs: 1, batch: 312}, weights: []};
		const state = dashboardReducer(loading, midEpoch as DashboardAction);
		assert.match(configLine(midEpoch, 200, false), / · seed 1 · resumed in epoch 2 at batch 313 · /);
		assert.equal(summaryLines(state, 5)[1], '  resumed in epoch 2 at batch 313');
		assert.equal(state.weightsSource, 'resumed in epoch 2 at batch 313');
	});

	test('a run stopped in an epoch: the epoch it was in, the epochs complete and the batches done of that one', () => {
		const stopped = {
			...done,
			done: {
				...done.done!,
				epochs: 1,
				interrupted: true,
				stopped: 'interrupted' as const,
				stoppedIn: {epoch: 2, epochs: 4, batch: 312, batches: 938},
			},
		};
		assert.deepEqual(summaryLines(stopped, 5).slice(0, 2), [
			'mnist-tui: stopped 784-512-10 in epoch 2 after 5.0s',
			'  1 of 4 epochs complete, 312 of 938 batches of epoch 2',
		]);
		const between = {...stopped, done: {...stopped.done, stoppedIn: {epoch: 3, epochs: 4, batch: 0, batches: 938}}};
		assert.deepEqual(summaryLines(between, 5).slice(0, 2), [
			'mnist-tui: stopped 784-512-10 at the end of epoch 2 after 5.0s',
			'  2 of 4 epochs complete',
		]);
	});

	test('the earlier epochs count: the latest, the best and the accuracy line of the summary come from them', () => {
		assert.equal(resumed.epochCount, 3);
		assert.deepEqual(resumed.lastEpoch, training.history.at(-1));
		assert.equal(resumed.best?.testAccuracy, Math.max(...training.history.map(epoch => epoch.testAccuracy ?? 0)));
		assert.match(summaryLines(resumed, 5)[2]!, /^ {2}test accuracy /);
	});
});
