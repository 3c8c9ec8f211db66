import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import type {RunStart} from '../../../../source/train/events.js';
import {type DashboardState, dashboardReducer} from '../../../../source/ui/dashboard/dashboard-state.js';
import {configLine} from '../../../../source/ui/dashboard/header-text.js';
import {runProgress} from '../../../../source/ui/dashboard/run-progress.js';
import {training} from '../fixtures.js';

/** The training fixture (epoch 4 of 10, batch 412 of 938, lr 0.05) under a one-cycle schedule. */
const start: RunStart = {...training.start!, config: {...training.start!.config, schedule: {name: 'onecycle', warmup: 0.2}}};
const onecycle: DashboardState = {...training, start};
const line = (state = onecycle) => configLine(state.start!, 200, false, state.controls, runProgress(state));

describe('the header under a schedule', () => {
	test('shows the rate the latest step used, to two digits, and the schedule', () => {
		// step 3,226 of 9,380: 17.98% of the way down the cosine from the peak 0.05 after 1,876 warm-up steps
		assert.match(line(), /^784-512-10 · momentum lr 0\.046 \(onecycle\) μ 0\.9 · batch 64 · /);
	});

	test('a changed base rate keeps its mark: the schedule scales the new one', () => {
		const changed = dashboardReducer(onecycle, {
			type: 'control',
			epoch: 4,
			step: 413,
			setting: 'learningRate',
			from: 0.05,
			to: 0.1,
			values: {learningRate: 0.1, momentum: 0.9},
		});
		assert.match(line(changed), / · momentum lr 0\.092\* \(onecycle\) μ 0\.9 · /);
	});

	test('a constant rate is shown as before: the base rate alone', () => {
		assert.match(
			configLine(training.start as RunStart, 200, false, training.controls, runProgress(training)),
			/ · momentum lr 0\.05 μ 0\.9 · /,
		);
	});

	test('once the run has ended (the header then passes no progress), the base rate: the peak, not the last step’s rate near zero', () => {
		assert.match(
			configLine(start, 200, false, onecycle.controls, null),
			/^784-512-10 · momentum lr 0\.05 \(onecycle\) μ 0\.9 · batch 64 · /,
		);
	});
});
