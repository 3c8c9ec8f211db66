import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import type {RunStart} from '../../../../source/train/events.js';
import {EpochChart} from '../../../../source/ui/charts/epoch-chart.js';
import {type DashboardAction, dashboardReducer} from '../../../../source/ui/dashboard/dashboard-state.js';
import {configLine} from '../../../../source/ui/dashboard/header-text.js';
import {summaryLines} from '../../../../source/ui/dashboard/summary.js';
import {loading, started, training} from '../fixtures.js';
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
		assert.match(summaryLines(resumed, 5)[0]!, /^mnist-tui: stopped 784-512-10 for 3 of 10 epochs \(resumed after epoch 3\) in 5\.0s$/);
	});

	test('the earlier epochs count: the latest, the best and the accuracy line of the summary come from them', () => {
		assert.equal(resumed.epochCount, 3);
		assert.deepEqual(resumed.lastEpoch, training.history.at(-1));
		assert.equal(resumed.best?.testAccuracy, Math.max(...training.history.map(epoch => epoch.testAccuracy ?? 0)));
		assert.match(summaryLines(resumed, 5)[1]!, /^ {2}test accuracy /);
	});
});
