import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import type {EpochSummary} from '../../../../source/train/events.js';
import {EpochChart} from '../../../../source/ui/charts/epoch-chart.js';
import {LossChart} from '../../../../source/ui/charts/loss-chart.js';
import type {StepLosses} from '../../../../source/ui/charts/step-loss-text.js';
import {firstEpoch, started, stopped, training} from '../fixtures.js';
import {frameOf, withSettings} from '../frame.js';

const lossChart = (state: StepLosses, width: number, height: number, ascii = false) =>
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

const epochChart = (
	history: readonly EpochSummary[],
	kind: 'loss' | 'accuracy',
	width: number,
	height: number,
	ascii = false,
	color = true,
) => frameOf(withSettings(<EpochChart history={history} kind={kind} width={width} height={height} />, {ascii, color}));

/** The first steps of a run: the loss barely moves from ln 10. */
const steps = (...stepLosses: number[]): StepLosses => ({stepLosses, stepsPerPoint: 1, pendingLosses: []});
const oneStep = steps(2.364);
const twoSteps = steps(2.364, 2.344);
const nineSteps = steps(2.364, 2.361, 2.356, 2.358, 2.352, 2.349, 2.351, 2.346, 2.344);

describe('LossChart', () => {
	test('before the first step: a placeholder, as tall as the chart', () => {
		assert.equal(
			lossChart(started, 52, 4).frame,
			['Training loss per step, smoothed, log scale', 'waiting for the first steps…', '', ''].join('\n'),
		);
	});

	test('one step: its loss in words, no line', () => {
		assert.equal(
			lossChart(oneStep, 52, 6).frame,
			['Training loss per step, smoothed, log scale', 'step 1: loss 2.364 · the line starts at step 2', '', '', '', ''].join('\n'),
		);
	});
	test('one step in ASCII, on two lines where one is too narrow', () => {
		assert.equal(
			lossChart(oneStep, 40, 6, true).frame,
			['Training loss per step (log scale)', 'step 1: loss 2.364', 'the line starts at step 2', '', '', ''].join('\n'),
		);
	});
	test('two steps: a line across the width on two rows, the steps on the x axis', () => {
		assert.equal(
			lossChart(twoSteps, 52, 6).frame,
			[
				'Training loss per step, smoothed, log scale',
				'2.387 ┼──────────────────────╮',
				'2.333 ┤                      ╰──────────────────────',
				' step 1                                            2',
				'',
				'',
			].join('\n'),
		);
	});
	test('two steps in ASCII', () => {
		assert.equal(
			lossChart(twoSteps, 40, 6, true).frame,
			[
				'Training loss per step (log scale)',
				'2.387 +----------------.',
				"2.333 |                '----------------",
				' step 1                                2',
				'',
				'',
			].join('\n'),
		);
	});
	test('a loss that barely moves fills two rows, not fifteen labels apart in the fourth digit', () => {
		assert.equal(
			lossChart(nineSteps, 52, 16).frame,
			[
				'Training loss per step, smoothed, log scale',
				'2.383 ┼───────────────────────╮',
				'2.329 ┤                       ╰─────────────────────',
				' step 1     2    3     4     5    6     7    8     9',
				'',
				'',
				'',
				'',
				'',
				'',
				'',
				'',
				'',
				'',
				'',
				'',
			].join('\n'),
		);
	});
	test('at 80x24 (80x6): the whole run in 72 columns, on a log scale, the step count ending the x axis', () => {
		assert.equal(
			lossChart(training, 80, 6).frame,
			[
				'Training loss per step, smoothed, log scale',
				'  2.041 ┼─╮',
				' 0.5813 ┤ ╰──╮',
				' 0.1656 ┤    ╰───────────────────────────╮',
				'0.04715 ┤                                ╰──────────────────────────────────────',
				'   step 1         500       1,000      1,500      2,000      2,500         3,226',
			].join('\n'),
		);
	});
	test('at 120x40 (52x16)', () => {
		assert.equal(
			lossChart(training, 52, 16).frame,
			[
				'Training loss per step, smoothed, log scale',
				'  1.761 ┼╮',
				'  1.333 ┤│',
				'  1.009 ┤│',
				' 0.7642 ┤╰╮',
				' 0.5785 ┤ │',
				' 0.4380 ┤ ╰╮',
				' 0.3316 ┤  ╰╮',
				' 0.2510 ┤   ╰╮',
				' 0.1900 ┤    ╰───╮',
				' 0.1439 ┤        ╰───╮',
				' 0.1089 ┤            ╰─────╮',
				'0.08245 ┤                  ╰─────╮',
				'0.06241 ┤                        ╰─────────╮',
				'0.04725 ┤                                  ╰────────',
				'   step 1          1,000         2,000         3,226',
			].join('\n'),
		);
	});
	test('in ASCII, early in the first epoch', () => {
		assert.equal(
			lossChart(firstEpoch, 40, 8, true).frame,
			[
				'Training loss per step (log scale)',
				' 2.502 +--.',
				" 1.716 |  '----.",
				" 1.176 |       '-----.",
				"0.8065 |             '-----.",
				"0.5530 |                   '-------.",
				"0.3791 |                           '----",
				'  step 1       50     100     150    201',
			].join('\n'),
		);
	});

	test('is exactly as tall and at most as wide as asked', () => {
		for (const state of [started, oneStep, twoSteps, nineSteps, firstEpoch, training]) {
			for (let width = 30; width <= 150; width += 24) {
				for (const height of [2, 3, 4, 9, 23]) {
					const frame = lossChart(state, width, height);
					assert.equal(frame.lines.length, height);
					assert.ok(frame.width <= width, `${width}x${height}`);
				}
			}
		}
	});
});

describe('EpochChart', () => {
	const history = stopped.history;

	test('one epoch: its values in words, no level lines', () => {
		assert.equal(
			epochChart(history.slice(0, 1), 'loss', 59, 15).frame,
			[
				'Loss · epoch 1  ── train 0.2512  ╌╌ test 0.1325',
				'epoch 1: train 0.2512, test 0.1325',
				'the lines start at epoch 2',
				'',
				'',
				'',
				'',
				'',
				'',
				'',
				'',
				'',
				'',
				'',
				'',
			].join('\n'),
		);
	});
	test('one epoch in ASCII', () => {
		assert.equal(
			epochChart(history.slice(0, 1), 'accuracy', 39, 9, true).frame,
			[
				'Accuracy - epoch 1  -- train  .. test',
				'epoch 1: train 92.41%, test 95.98%',
				'the lines start at epoch 2',
				'',
				'',
				'',
				'',
				'',
				'',
			].join('\n'),
		);
	});
	test('two epochs: train solid, test dashed, from epoch 1 to 2', () => {
		assert.equal(
			epochChart(history.slice(0, 2), 'loss', 59, 15).frame,
			[
				'Loss · epochs 1-2  ── train 0.1043  ╌╌ test 0.09120',
				' 0.2512 ┼──╮',
				' 0.2379 ┤  ╰───╮',
				' 0.2245 ┤      ╰────╮',
				' 0.2112 ┤           ╰───╮',
				' 0.1979 ┤               ╰────╮',
				' 0.1845 ┤                    ╰───╮',
				' 0.1712 ┤                        ╰────╮',
				' 0.1579 ┤                             ╰────╮',
				' 0.1445 ┤                                  ╰───╮',
				' 0.1312 ┼╌╌╌╌╌╌╌╌╌╮                            ╰────╮',
				' 0.1179 ┤         ╰╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╮                 ╰───╮',
				' 0.1045 ┤                         ╰╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╮     ╰──',
				'0.09120 ┤                                         ╰╌╌╌╌╌╌╌╌',
				'  epoch 1                                                 2',
			].join('\n'),
		);
	});
	test('two epochs in ASCII: where both points fall in one cell, an x', () => {
		assert.equal(
			epochChart(history.slice(0, 2), 'accuracy', 39, 9, true).frame,
			[
				'Accuracy  -- train  .. test  x both',
				'97.16% |                    ..........x',
				"96.37% +....................'   .-----'",
				"95.58% |                   .----'",
				"94.79% |             .-----'",
				"93.99% |        .----'",
				"93.20% |  .-----'",
				"92.41% +--'",
				' epoch 1                              2',
			].join('\n'),
		);
	});
	test('five epochs of loss, each epoch on the x axis', () => {
		assert.equal(
			epochChart(history, 'loss', 59, 15).frame,
			[
				'Loss  ── train 0.03910  ╌╌ test 0.08030  ╳ both',
				' 0.2512 ┼╮',
				' 0.2335 ┤╰─╮',
				' 0.2158 ┤  ╰╮',
				' 0.1982 ┤   ╰─╮',
				' 0.1805 ┤     ╰╮',
				' 0.1628 ┤      ╰─╮',
				' 0.1452 ┤        ╰╮',
				' 0.1275 ┼╌╌╌╌╮    ╰─╮',
				' 0.1098 ┤    ╰╌╌╌╌╮ ╰─╮',
				'0.09212 ┤         ╰╌╌╌╰──────╮',
				'0.07445 ┤                   ╰╰───╳───╮╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌',
				'0.05677 ┤                            ╰────────────╮',
				'0.03910 ┤                                         ╰────────',
				'  epoch 1            2           3            4           5',
			].join('\n'),
		);
	});
	test('accuracy as percentages', () => {
		assert.equal(
			epochChart(history, 'accuracy', 59, 15).frame,
			[
				'Accuracy  ── train 98.84%  ╌╌ test 97.76%  ╳ both',
				'98.84% ┤                                          ╭────────',
				'98.30% ┤                             ╭────────────╯',
				'97.77% ┤                  ╭╌╌╭───╳───╯╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌',
				'97.23% ┤          ╭╌╌╭───────╯',
				'96.70% ┤    ╭╌╌╌╌╌╯╭─╯',
				'96.16% ┼╌╌╌╌╯    ╭─╯',
				'95.63% ┤        ╭╯',
				'95.09% ┤      ╭─╯',
				'94.55% ┤     ╭╯',
				'94.02% ┤   ╭─╯',
				'93.48% ┤  ╭╯',
				'92.95% ┤╭─╯',
				'92.41% ┼╯',
				' epoch 1            2            3           4            5',
			].join('\n'),
		);
	});
	test('in ASCII the test line is dotted; a narrow legend leaves out the values', () => {
		assert.equal(
			epochChart(training.history, 'accuracy', 39, 9, true).frame,
			[
				'Accuracy  -- train  .. test  x both',
				'97.98% |                      ....----x',
				"97.05% |       ........x---------'",
				"96.12% +.......'   .--'",
				"95.20% |        .--'",
				"94.27% |    .---'",
				"93.34% | .--'",
				"92.41% +-'",
				' epoch 1               2              3',
			].join('\n'),
		);
	});

	describe('where the lines meet', () => {
		// train falls 0.3, 0.2, 0.1 and test 0.25, 0.2, 0.15: they cross at epoch 2
		const crossing: EpochSummary[] = [0.3, 0.2, 0.1].map((trainLoss, i) => ({
			epoch: i + 1,
			trainLoss,
			trainAccuracy: 0.9,
			testLoss: [0.25, 0.2, 0.15][i]!,
			testAccuracy: 0.9,
			seconds: 2,
		}));

		test('the solid line is drawn over the dashed one between points, a mark where both points fall', () => {
			assert.equal(
				epochChart(crossing, 'loss', 40, 8).frame,
				[
					'Loss  ── train  ╌╌ test  ╳ both',
					'0.3000 ┼───╮',
					'0.2600 ┼╌╌╌╰─────╮',
					'0.2200 ┤   ╰╌╌╌╌╌╰─────╳╮',
					'0.1800 ┤                ╰─────╮╌╌╌╌╌╮',
					'0.1400 ┤                      ╰─────╮╌╌╌',
					'0.1000 ┤                            ╰───',
					' epoch 1               2               3',
				].join('\n'),
			);
		});
		test('in ASCII without colour the legend still tells the lines and the mark apart', () => {
			assert.equal(
				epochChart(crossing, 'loss', 40, 8, true, false).frame,
				[
					'Loss  -- train  .. test  x both',
					'0.3000 +---.',
					"0.2600 +...'-----.",
					"0.2200 |   '.....'-----x.",
					"0.1800 |                '-----.......",
					"0.1400 |                      '-----....",
					"0.1000 |                            '---",
					' epoch 1               2               3',
				].join('\n'),
			);
		});
	});

	test('before the first epoch: a placeholder', () => {
		assert.equal(epochChart([], 'accuracy', 39, 3).frame, ['Accuracy per epoch', 'waiting for the first epoch…', ''].join('\n'));
	});
});
