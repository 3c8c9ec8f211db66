import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {axisLabels, plotColumns, plotLines} from '../../../../source/ui/charts/chart-plot.js';
import {downsample, fillRows, fitColumns, rowStep, rowValues, smooth, valueRange} from '../../../../source/ui/charts/chart-series.js';
import {epochChart} from '../../../../source/ui/charts/epoch-chart-text.js';
import {stepLossChart} from '../../../../source/ui/charts/step-loss-text.js';
import {training} from '../fixtures.js';

const text = (line: readonly {text: string}[]) => line.map(run => run.text).join('');

describe('downsample', () => {
	test('averages equal buckets', () => {
		assert.deepEqual(downsample([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 5), [1.5, 3.5, 5.5, 7.5, 9.5]);
		assert.deepEqual(downsample([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 3), [2, 5, 8.5]);
	});

	test('keeps a short series as it is', () => {
		assert.deepEqual(downsample([3, 1], 5), [3, 1]);
		assert.deepEqual(downsample([], 5), []);
	});

	test('never gives more points than asked', () => {
		for (let length = 0; length <= 60; length++) {
			const series = Array.from({length}, (_, i) => i);
			for (let points = 0; points <= 25; points++) assert.equal(downsample(series, points).length, Math.min(length, points));
		}
	});

	test('keeps the mean of a series whose length the buckets divide', () => {
		const series = Array.from({length: 120}, (_, i) => Math.sin(i));
		const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
		assert.ok(Math.abs(mean(downsample(series, 40)) - mean(series)) < 1e-12);
	});
});

describe('smooth', () => {
	test('keeps the first point and moves part of the way to each next one', () => {
		assert.deepEqual(smooth([0, 10, 10], 0.6), [0, 4, 6.4]);
		assert.deepEqual(smooth([5, 5, 5], 0.9), [5, 5, 5]);
		assert.deepEqual(smooth([], 0.6), []);
	});

	test('with weight 0 changes nothing', () => {
		assert.deepEqual(smooth([2, 1, 3], 0), [2, 1, 3]);
	});
});

describe('fitColumns', () => {
	test('spreads a short series over the columns by straight lines', () => {
		assert.deepEqual(fitColumns([0, 3], 4), [0, 1, 2, 3]);
		assert.deepEqual(fitColumns([0, 10, 0], 5), [0, 5, 10, 5, 0]);
	});

	test('draws a single point as a level line', () => {
		assert.deepEqual(fitColumns([0.25], 3), [0.25, 0.25, 0.25]);
	});

	test('downsamples a long series', () => {
		assert.deepEqual(fitColumns([1, 2, 3, 4], 2), [1.5, 3.5]);
		assert.deepEqual(fitColumns([], 4), []);
	});
});

describe('ranges', () => {
	test('valueRange spans every finite value of every series', () => {
		assert.deepEqual(
			valueRange([
				[3, 1],
				[7, Number.NaN, Infinity],
			]),
			{min: 1, max: 7},
		);
		assert.equal(valueRange([[], [Number.NaN]]), null);
	});

	test('rowStep is a unit of the third significant digit, or a hundredth of a decade', () => {
		assert.equal(rowStep({min: 2.344, max: 2.364}, 'linear'), 0.01);
		assert.equal(rowStep({min: 0.9241, max: 0.9884}, 'linear'), 0.001);
		assert.equal(rowStep({min: -0.5, max: 0.04}, 'linear'), 0.001);
		assert.equal(rowStep({min: 0, max: 0}, 'linear'), 0.001);
		assert.equal(rowStep({min: -1.3, max: 0.37}, 'log'), 0.01);
	});

	test('fillRows gives a range no more rows than it fills at a step a row', () => {
		assert.deepEqual(fillRows({min: 0, max: 1}, 14, 0.01), {range: {min: 0, max: 1}, rows: 14});
		assert.deepEqual(fillRows({min: 2.3, max: 2.34}, 14, 0.01), {range: {min: 2.3, max: 2.34}, rows: 5});
		// 2.364 to 2.344 after a few steps: two rows a step apart around them, not 14 rows a thousandth apart
		const tiny = fillRows({min: 2.344, max: 2.364}, 14, 0.1);
		assert.equal(tiny.rows, 2);
		assert.ok(Math.abs(tiny.range.max - 2.404) < 1e-9 && Math.abs(tiny.range.min - 2.304) < 1e-9);
		assert.deepEqual(fillRows({min: 2, max: 2}, 9, 0.5), {range: {min: 1.75, max: 2.25}, rows: 2});
		assert.deepEqual(fillRows({min: 2, max: 2}, 1, 0.5), {range: {min: 1.75, max: 2.25}, rows: 1});
	});

	test('rowValues runs from the top of the range to its bottom', () => {
		assert.deepEqual(rowValues({min: 0, max: 1}, 5), [1, 0.75, 0.5, 0.25, 0]);
		assert.deepEqual(rowValues({min: 0, max: 1}, 1), [1]);
	});
});

describe('plotLines', () => {
	test('draws exactly one line per label, labelWidth + 1 + points wide', () => {
		for (const rows of [1, 2, 3, 7, 15]) {
			for (const points of [1, 2, 5, 40]) {
				const series = Array.from({length: points}, (_, i) => Math.cos(i / 3) * 0.7 + 0.1 * i);
				const range = fillRows(valueRange([series])!, rows, 0.01).range;
				const labels = axisLabels(range, rows, value => value.toPrecision(4));
				const {lines} = plotLines([series], range, labels, false);
				assert.equal(lines.length, rows);
				for (const line of lines) assert.equal(Array.from(text(line)).length, labels[0]!.length + 1 + points);
			}
		}
	});

	test('puts the top value on the first line and the bottom one on the last, labels right-aligned', () => {
		const lines = plotLines([[2, 1, 0]], {min: 0, max: 2}, axisLabels({min: 0, max: 2}, 3, String), false).lines.map(text);
		assert.deepEqual(lines, ['  2 ┼╮ ', '  1 ┤╰╮', '  0 ┤ ╰']);
	});

	test('draws the second series dashed, and says which series drew what', () => {
		const {lines, meeting} = plotLines(
			[
				[0, 0, 0],
				[1, 1, 1],
			],
			{min: 0, max: 1},
			['  1', '  0'],
			false,
		);
		assert.deepEqual(lines.map(text), ['  1 ┼╌╌', '  0 ┼──']);
		assert.deepEqual(lines[0], [
			{text: '  1 ', series: null},
			{text: '┼╌╌', series: 1},
		]);
		assert.deepEqual(lines[1], [
			{text: '  0 ', series: null},
			{text: '┼──', series: 0},
		]);
		assert.equal(meeting, false);
	});

	test('where the lines share a cell, a point keeps it, else the first series; two points get the meeting mark', () => {
		// train's points at columns 0 and 2, test's at 0 and 3, all on one row
		const {lines, meeting} = plotLines(
			[
				[1, 1, 1, 1],
				[1, 1, 1, 1],
			],
			{min: 0, max: 1},
			['  1', '  0'],
			false,
			[
				[0, 2],
				[0, 3],
			],
		);
		assert.deepEqual(lines[0], [
			{text: '  1 ╳', series: null},
			{text: '──', series: 0},
			{text: '╌', series: 1},
		]);
		assert.equal(meeting, true);
	});

	test('draws only ASCII in ASCII mode', () => {
		const {lines} = plotLines(
			[
				[0, 2, 1, 1],
				[2, 0, 0, 1],
			],
			{min: 0, max: 2},
			['  2', '  1', '  0'],
			true,
		);
		// every column is a point: where both end a step on one cell, an x
		assert.deepEqual(lines.map(text), ['  2 +.. ', "  1 ||'x", "  0 +'.'"]);
	});

	test('plotColumns leaves room for the labels and the axis', () => {
		assert.equal(plotColumns(40, 6), 33);
		assert.equal(plotColumns(5, 6), 0);
	});
});

describe('charts as text', () => {
	test('the step-loss chart is never wider than asked and has exactly height - 1 plot lines', () => {
		for (let width = 20; width <= 140; width += 7) {
			for (let height = 2; height <= 30; height += 3) {
				const chart = stepLossChart(training, width, height, false);
				assert.equal(chart.lines.length, height - 1, `${width}x${height}`);
				assert.ok(chart.title.length + chart.legend.length <= width);
				for (const line of chart.lines) assert.ok(Array.from(text(line)).length <= width, `${width}x${height}: ${text(line)}`);
			}
		}
	});

	test('the step-loss chart uses every column once the run has more steps than columns', () => {
		const chart = stepLossChart(training, 60, 8, false);
		for (const line of chart.lines) assert.equal(Array.from(text(line)).length, 60);
	});

	test('the step-loss chart labels its rows with 4 significant digits, never "0.00"', () => {
		const chart = stepLossChart({stepLosses: [0.004123, 0.003456, 0.002011], stepsPerPoint: 1, pendingLosses: []}, 30, 4, false);
		const rows = chart.lines.map(text).filter(line => / [┤┼]/.test(line));
		const labels = rows.map(line => line.split(' ┤')[0]!.split(' ┼')[0]!.trim());
		assert.equal(new Set(labels).size, labels.length);
		assert.equal(labels[0], '0.004123');
		assert.ok(
			labels.every(label => /^0\.00\d{4}$/.test(label)),
			labels.join(' '),
		);
	});

	test('the step-loss chart counts the steps still waiting to fill a point on its x axis', () => {
		const chart = stepLossChart({stepLosses: [2, 1], stepsPerPoint: 4, pendingLosses: [0.5, 0.5]}, 80, 6, false);
		assert.equal(chart.title, 'Training loss per step, smoothed, log scale');
		assert.match(text(chart.lines.at(-1)!), /^ +step 1 .* 10$/);
	});

	test('charts without data show a placeholder', () => {
		assert.equal(
			stepLossChart({stepLosses: [], stepsPerPoint: 1, pendingLosses: []}, 40, 6, false).placeholder,
			'waiting for the first steps…',
		);
		assert.equal(epochChart([], 'loss', 40, 6, true).placeholder, 'waiting for the first epoch...');
	});

	test('the epoch charts have at most height - 1 lines and fit their width, with one epoch or many', () => {
		for (const epochs of [1, 2, 3, 40, 200]) {
			const history = Array.from({length: epochs}, (_, i) => ({
				epoch: i + 1,
				trainLoss: 0.3 / (i + 1),
				trainAccuracy: 1 - 0.08 / (i + 1),
				testLoss: 0.2 / (i + 1),
				testAccuracy: 1 - 0.05 / (i + 1),
				seconds: 2,
			}));
			for (const width of [30, 39, 59, 100]) {
				for (const kind of ['loss', 'accuracy'] as const) {
					const chart = epochChart(history, kind, width, 10, false);
					if (epochs === 1) assert.ok(chart.lines.length >= 1 && chart.lines.length <= 2);
					else assert.equal(chart.lines.length, 9);
					assert.ok(
						chart.title.length + chart.legend.reduce((sum, run) => sum + run.text.length, 0) <= width,
						`${kind} ${width}: ${chart.title}`,
					);
					for (const line of chart.lines) assert.ok(Array.from(text(line)).length <= width);
				}
			}
		}
	});

	test('an epoch chart without test labels draws the train line alone', () => {
		const epoch = (n: number, trainAccuracy: number) => ({
			epoch: n,
			trainLoss: 0.3,
			trainAccuracy,
			testLoss: null,
			testAccuracy: null,
			seconds: 2,
		});
		const one = epochChart([epoch(1, 0.9)], 'accuracy', 60, 6, false);
		assert.equal(one.title + text(one.legend), 'Accuracy · epoch 1  ── train 90.00%');
		assert.deepEqual(one.lines.map(text), ['epoch 1: train 90.00% · the line starts at epoch 2']);
		const two = epochChart([epoch(1, 0.9), epoch(2, 0.92)], 'accuracy', 60, 6, false);
		assert.deepEqual(two.lines.map(text), [
			'92.00% ┤                                           ╭────────',
			'91.33% ┤                         ╭─────────────────╯        ',
			'90.67% ┤        ╭────────────────╯                          ',
			'90.00% ┼────────╯                                           ',
			' epoch 1                                                   2',
		]);
	});

	test("an epoch chart's legend keys the meeting mark where it fits, and keeps the lines' key where it does not", () => {
		const crossing = [0.3, 0.2, 0.1].map((trainLoss, i) => ({
			epoch: i + 1,
			trainLoss,
			trainAccuracy: 0.9,
			testLoss: [0.25, 0.2, 0.15][i]!,
			testAccuracy: 0.9,
			seconds: 2,
		}));
		const legendAt = (width: number) => {
			const chart = epochChart(crossing, 'loss', width, 8, false);
			return chart.title + text(chart.legend);
		};
		assert.equal(legendAt(60), 'Loss · epochs 1-3  ── train 0.1000  ╌╌ test 0.1500  ╳ both');
		assert.equal(legendAt(40), 'Loss  ── train  ╌╌ test  ╳ both');
		assert.equal(legendAt(30), 'Loss  ── train  ╌╌ test');
	});
});
