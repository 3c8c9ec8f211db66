import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {EpochChart} from '../../../../source/ui/charts/epoch-chart.js';
import {LossChart} from '../../../../source/ui/charts/loss-chart.js';
import type {DashboardState} from '../../../../source/ui/dashboard/dashboard-state.js';
import {firstEpoch, started, stopped, training} from '../fixtures.js';
import {frameOf, withSettings} from '../frame.js';

const lossChart = (state: DashboardState, width: number, height: number, ascii = false) =>
	frameOf(
		withSettings(
			<LossChart
				stepLosses={state.stepLosses}
				stepsPerPoint={state.stepsPerPoint}
				pendingLosses={state.pendingLosses}
				width={width}
				height={height}
			/>,
			{ascii},
		),
	);

describe('LossChart', () => {
	test('at 80x24 (80x6): the whole run in 72 columns, on a log scale', () => {
		assert.equal(
			lossChart(training, 80, 6).frame,
			[
				'Training loss per step, smoothed, log scale · 3,226 steps',
				'  2.041 ┼╮',
				' 0.7958 ┤╰──╮',
				' 0.3102 ┤   ╰─────╮',
				' 0.1209 ┤         ╰────────────────────────────╮',
				'0.04715 ┤                                      ╰────────────────────────────────',
			].join('\n'),
		);
	});

	test('at 120x40 (52x16)', () => {
		assert.equal(
			lossChart(training, 52, 16).frame,
			[
				'Training loss per step, smoothed, log scale',
				'  1.761 ┼╮',
				'  1.360 ┤│',
				'  1.050 ┤│',
				' 0.8112 ┤╰╮',
				' 0.6264 ┤ │',
				' 0.4837 ┤ ╰╮',
				' 0.3736 ┤  │',
				' 0.2885 ┤  ╰╮',
				' 0.2228 ┤   ╰─╮',
				' 0.1720 ┤     ╰───╮',
				' 0.1329 ┤         ╰────╮',
				' 0.1026 ┤              ╰────╮',
				'0.07923 ┤                   ╰─────╮',
				'0.06119 ┤                         ╰─────────╮',
				'0.04725 ┤                                   ╰───────',
			].join('\n'),
		);
	});

	test('in ASCII, early in the first epoch', () => {
		assert.equal(
			lossChart(firstEpoch, 40, 8, true).frame,
			[
				'Training loss per step (log scale)',
				' 2.502 +--.',
				" 1.827 |  '---.",
				" 1.334 |      '---.",
				"0.9740 |          '----.",
				"0.7111 |               '-----.",
				"0.5192 |                     '------.",
				"0.3791 |                            '---",
			].join('\n'),
		);
	});

	test('before the first step: a placeholder, as tall as the chart', () => {
		assert.equal(
			lossChart(started, 52, 4).frame,
			['Training loss per step, smoothed, log scale', 'waiting for the first steps…', '', ''].join('\n'),
		);
	});

	test('is exactly as tall and at most as wide as asked', () => {
		for (const state of [started, firstEpoch, training]) {
			for (let width = 30; width <= 150; width += 24) {
				for (const height of [2, 9, 23]) {
					const frame = lossChart(state, width, height);
					assert.equal(frame.lines.length, height);
					assert.ok(frame.width <= width, `${width}x${height}`);
				}
			}
		}
	});
});

describe('EpochChart', () => {
	test('loss: train solid, test dashed, the latest values in the legend', () => {
		assert.equal(
			frameOf(<EpochChart history={stopped.history} kind="loss" width={59} height={15} />).frame,
			[
				'Loss · epochs 1-5  ── train 0.03910  ╌╌ test 0.08030',
				' 0.2512 ┼╮',
				' 0.2349 ┤╰─╮',
				' 0.2186 ┤  ╰╮',
				' 0.2023 ┤   ╰╮',
				' 0.1859 ┤    ╰─╮',
				' 0.1696 ┤      ╰╮',
				' 0.1533 ┤       ╰─╮',
				' 0.1370 ┼╌╮       ╰╮',
				' 0.1207 ┤ ╰╌╌╌╌╮   ╰╮',
				' 0.1044 ┤      ╰╌╌╌╮╰───╮',
				'0.08805 ┤          ╰╌╌╌╌╌╌╌╌╌╌╌╮                        ╭╌╌',
				'0.07173 ┤                     ╰╰╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╯',
				'0.05542 ┤                             ╰───────────╮',
				'0.03910 ┤                                         ╰────────',
			].join('\n'),
		);
	});

	test('accuracy as percentages', () => {
		assert.equal(
			frameOf(<EpochChart history={stopped.history} kind="accuracy" width={59} height={15} />).frame,
			[
				'Accuracy · epochs 1-5  ── train 98.84%  ╌╌ test 97.76%',
				'98.84% ┤                                          ╭────────',
				'98.35% ┤                              ╭───────────╯',
				'97.85% ┤                   ╭╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌',
				'97.36% ┤            ╭╌╌╌╌╌╌╯──╯',
				'96.86% ┤      ╭╌╌╌╌╌╯──╯',
				'96.37% ┤ ╭╌╌╌╌╯   ╭╯',
				'95.87% ┼╌╯       ╭╯',
				'95.38% ┤       ╭─╯',
				'94.88% ┤      ╭╯',
				'94.39% ┤    ╭─╯',
				'93.89% ┤   ╭╯',
				'93.40% ┤  ╭╯',
				'92.90% ┤╭─╯',
				'92.41% ┼╯',
			].join('\n'),
		);
	});

	test('in ASCII the test line is dotted; a narrow legend leaves out the values', () => {
		assert.equal(
			frameOf(withSettings(<EpochChart history={training.history} kind="accuracy" width={39} height={9} />, {ascii: true})).frame,
			[
				'Accuracy  -- train  .. test',
				'97.98% |                       ........',
				"97.18% |          .............'--'",
				"96.39% |..........' .--'",
				"95.59% +'        .--'",
				"94.80% |      .--'",
				"94.00% |    .-'",
				"93.21% | .--'",
				"92.41% +-'",
			].join('\n'),
		);
	});

	test('before the first epoch: a placeholder', () => {
		assert.equal(
			frameOf(<EpochChart history={[]} kind="accuracy" width={39} height={3} />).frame,
			['Accuracy per epoch', 'waiting for the first epoch…', ''].join('\n'),
		);
	});
});
