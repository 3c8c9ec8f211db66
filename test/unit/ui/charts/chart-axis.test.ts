import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {count} from '../../../../source/text/format.js';
import {axisLine, axisTicks} from '../../../../source/ui/charts/chart-axis.js';

/** Values first..last spread evenly over `columns` columns. */
const linear = (first: number, last: number, columns: number) => (value: number) =>
	Math.round(((value - first) * (columns - 1)) / (last - first));

describe('axisTicks', () => {
	test('every epoch where there is room', () => {
		assert.deepEqual(
			axisTicks(1, 5, 50, linear(1, 5, 50), String).map(tick => tick.text),
			['1', '2', '3', '4', '5'],
		);
	});

	test('round strides where there is not, the last value always', () => {
		assert.deepEqual(
			axisTicks(1, 40, 30, linear(1, 40, 30), String).map(tick => tick.text),
			['1', '10', '20', '30', '40'],
		);
		assert.deepEqual(
			axisTicks(1, 9380, 72, linear(1, 9380, 72), count).map(tick => tick.text),
			['1', '1,000', '2,000', '3,000', '4,000', '5,000', '6,000', '7,000', '8,000', '9,380'],
		);
	});

	test('a round value too close to the last gives way to it', () => {
		assert.deepEqual(
			axisTicks(1, 3226, 40, linear(1, 3226, 40), count).map(tick => tick.text),
			['1', '1,000', '2,000', '3,226'],
		);
	});

	test('a single value, or two with no room between, keep the last', () => {
		assert.deepEqual(
			axisTicks(3, 3, 10, () => 0, String),
			[{column: 0, text: '3'}],
		);
		assert.deepEqual(axisTicks(1, 2, 2, linear(1, 2, 2), String), [{column: 1, text: '2'}]);
	});
});

describe('axisLine', () => {
	test('the name under the y labels, each tick under its column, the last right-aligned', () => {
		const ticks = axisTicks(1, 9380, 20, linear(1, 9380, 20), count);
		assert.equal(axisLine(ticks, 'step', 6, 20), '  step 1       5,000  9,380');
	});

	test('a name wider than the labels goes after the first tick, where there is room', () => {
		const ends = [
			{column: 0, text: '1'},
			{column: 19, text: '2'},
		];
		assert.equal(axisLine(ends, 'epoch', 3, 20), '    1 epoch            2');
		// and is left out where there is none
		const ticks = axisTicks(1, 5, 20, linear(1, 5, 20), String);
		assert.equal(axisLine(ticks, 'epoch', 3, 20), '    1    2    3   4    5');
	});
});
