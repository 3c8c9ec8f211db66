import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import chalk from 'chalk';
import {render} from 'ink-testing-library';
import {classSets} from '../../../../source/train/config.js';
import {ConfusionMatrix} from '../../../../source/ui/confusion/confusion-matrix.js';
import {type DashboardState, dashboardReducer} from '../../../../source/ui/dashboard/dashboard-state.js';
import {matrixSource} from '../../../../source/ui/dashboard/matrix-source.js';
import {done, firstEpoch, started, training} from '../fixtures.js';
import {frameOf, withSettings} from '../frame.js';

const matrix = (
	state: DashboardState,
	width: number,
	height: number,
	options: {compact?: boolean; ascii?: boolean; classes?: readonly string[]} = {},
) =>
	withSettings(
		<ConfusionMatrix
			confusion={state.confusion}
			{...matrixSource(state)}
			classes={options.classes ?? classSets.digits}
			width={width}
			height={height}
			compact={options.compact ?? false}
		/>,
		{ascii: options.ascii ?? false},
	);

describe('ConfusionMatrix', () => {
	test('at 120x40 (66x13): counts, recall per row, precision per column, accuracy in the title', () => {
		assert.equal(
			frameOf(matrix(done, 66, 13)).frame,
			[
				'Confusion · epoch 3 · accuracy 97.98%',
				'true\\pred    0    1    2    3    4    5    6    7    8    9 recall',
				'0          970    ·    1    ·    ·    2    3    1    3    ·  99.0%',
				'1            · 1124    3    1    ·    1    2    1    3    ·  99.0%',
				'2            4    1 1010    3    2    ·    2    6    4    ·  97.9%',
				'3            ·    ·    3  992    ·    5    ·    4    4    2  98.2%',
				'4            1    ·    3    ·  963    ·    4    2    1    8  98.1%',
				'5            2    ·    ·    8    1  870    4    1    4    2  97.5%',
				'6            5    2    1    1    3    4  940    ·    2    ·  98.1%',
				'7            1    4    9    2    1    ·    · 1002    2    7  97.5%',
				'8            3    ·    3    5    3    4    2    3  949    2  97.4%',
				'9            2    3    ·    4    9    3    1    6    3  978  96.9%',
				'precision 98.2 99.1 97.8 97.6 98.1 97.9 98.1 97.7 97.3 97.9',
			].join('\n'),
		);
	});

	test('at 80x24, compact: before the first epoch ends, the probe as an estimate, no precision row', () => {
		assert.equal(
			frameOf(matrix(firstEpoch, 80, 12, {compact: true})).frame,
			[
				'Confusion · estimate from 1,000 test images · epoch 1, batch 201 · ~86.10%',
				'true\\pred    0    1    2    3    4    5    6    7    8    9 recall',
				'0           81    ·    ·    ·    ·    1    2    ·    1    ·  95.3%',
				'1            ·  123    1    ·    ·    ·    1    ·    1    ·  97.6%',
				'2            2    3   98    3    1    ·    2    3    4    ·  84.5%',
				'3            ·    1    3   93    ·    5    ·    2    3    ·  86.9%',
				'4            ·    1    1    ·   96    ·    3    1    1    7  87.3%',
				'5            2    1    ·    9    2   66    2    1    3    1  75.9%',
				'6            3    1    2    ·    2    3   76    ·    ·    ·  87.4%',
				'7            ·    4    4    1    1    ·    ·   84    1    4  84.8%',
				'8            2    2    3    5    1    4    1    2   66    3  74.2%',
				'9            1    1    ·    2    5    1    ·    5    1   78  83.0%',
			].join('\n'),
		);
	});

	test('after an epoch: its full test pass stays, the next probe only an estimate in the title', () => {
		const title = (width: number, state = training) => frameOf(matrix(state, width, 13)).lines[0];
		assert.equal(title(66), 'Confusion · epoch 3 · accuracy 97.98% · probe ~97.00%');
		assert.equal(title(50), 'Confusion · epoch 3 · 97.98% · probe ~97.00%');
		assert.equal(title(40), 'Confusion · epoch 3 · accuracy 97.98%');
		assert.equal(frameOf(matrix(training, 66, 13)).lines[2], '0          970    ·    1    ·    ·    2    3    1    3    ·  99.0%');
		// at the end, the last epoch's alone
		assert.equal(title(66, done), 'Confusion · epoch 3 · accuracy 97.98%');
		assert.equal(title(66, dashboardReducer(training, {type: 'paused', paused: true})), title(66));
	});

	test('the estimate at every width says it is one', () => {
		const title = (width: number) => frameOf(matrix(firstEpoch, width, 13)).lines[0];
		assert.equal(title(120), 'Confusion · estimate from 1,000 test images · epoch 1, batch 201 · accuracy ~86.10%');
		assert.equal(title(66), 'Confusion · estimate from 1,000 test images · ~86.10%');
		assert.equal(title(40), 'Confusion · estimate ~86.10%');
		assert.equal(frameOf(matrix(firstEpoch, 66, 13, {ascii: true})).lines[0], 'Confusion - estimate from 1,000 test images - ~86.10%');
	});

	test('narrower: the accuracy kept in the title, the recall column and corner label left out', () => {
		assert.equal(
			frameOf(matrix(firstEpoch, 52, 13)).frame,
			[
				'Confusion · estimate ~86.10%',
				'       0   1   2   3   4   5   6   7   8   9',
				'0     81   ·   ·   ·   ·   1   2   ·   1   ·',
				'1      · 123   1   ·   ·   ·   1   ·   1   ·',
				'2      2   3  98   3   1   ·   2   3   4   ·',
				'3      ·   1   3  93   ·   5   ·   2   3   ·',
				'4      ·   1   1   ·  96   ·   3   1   1   7',
				'5      2   1   ·   9   2  66   2   1   3   1',
				'6      3   1   2   ·   2   3  76   ·   ·   ·',
				'7      ·   4   4   1   1   ·   ·  84   1   4',
				'8      2   2   3   5   1   4   1   2  66   3',
				'9      1   1   ·   2   5   1   ·   5   1  78',
				'prec  89  90  88  82  89  83  87  86  81  84',
			].join('\n'),
		);
	});

	test('Fashion-MNIST class names; the precision row reads like the digits\' (no "%" in a cell)', () => {
		const lines = frameOf(matrix(done, 80, 13, {classes: classSets.fashion})).lines;
		assert.equal(lines[1], 'true\\pred     Top Trous  Pull Dress  Coat  Sand Shirt  Snkr   Bag  Boot recall');
		assert.equal(lines[11], 'Ankle boot      2     3     ·     4     9     3     1     6     3   978  96.9%');
		assert.equal(lines[12], 'precision    98.2  99.1  97.8  97.6  98.1  97.9  98.1  97.7  97.3  97.9');
	});

	test('in ASCII, too narrow for every column: whole columns only, no ellipsis', () => {
		assert.equal(
			frameOf(matrix(done, 44, 13, {ascii: true})).frame,
			[
				'Confusion - epoch 3 - accuracy 97.98%',
				'        0    1    2    3    4    5    6    7',
				'0     970    .    1    .    .    2    3    1',
				'1       . 1124    3    1    .    1    2    1',
				'2       4    1 1010    3    2    .    2    6',
				'3       .    .    3  992    .    5    .    4',
				'4       1    .    3    .  963    .    4    2',
				'5       2    .    .    8    1  870    4    1',
				'6       5    2    1    1    3    4  940    .',
				'7       1    4    9    2    1    .    . 1002',
				'8       3    .    3    5    3    4    2    3',
				'9       2    3    .    4    9    3    1    6',
				'prec 98.2 99.1 97.8 97.6 98.1 97.9 98.1 97.7',
			].join('\n'),
		);
	});

	test('before the first results: a placeholder, as tall as the matrix', () => {
		assert.equal(frameOf(matrix(started, 66, 4)).frame, ['Confusion', 'waiting for the first test results…', '', ''].join('\n'));
	});

	test('colours the diagonal green and bold, large errors red and bold, small ones yellow, zeros dim', () => {
		const level = chalk.level;
		chalk.level = 1;
		try {
			const {lastFrame, unmount} = render(matrix(firstEpoch, 80, 12, {compact: true}));
			const lines = (lastFrame() ?? '').split('\n');
			unmount();
			// true 5 (Ink merges neighbouring styles, so only the colour switches are checked):
			// 66 right, 9 taken for 3 (10% of the row), 1 for 1 (1.1%), none for 2
			const five = lines[7]!;
			assert.ok(five.includes('\u001B[32m   66'), JSON.stringify(five));
			assert.ok(five.includes('\u001B[1m\u001B[31m    9'), JSON.stringify(five));
			assert.ok(five.includes('\u001B[33m    1'), JSON.stringify(five));
			assert.ok(five.includes('\u001B[2m    ·'), JSON.stringify(five));
		} finally {
			chalk.level = level;
		}
	});

	test('draws no colour at all when colour is off (NO_COLOR)', () => {
		const level = chalk.level;
		chalk.level = 0;
		try {
			const {lastFrame, unmount} = render(matrix(done, 66, 13));
			const frame = lastFrame() ?? '';
			unmount();
			// biome-ignore lint/suspicious/noControlCharactersInRegex: without colour there is no escape character
			assert.doesNotMatch(frame, /\u001B/);
		} finally {
			chalk.level = level;
		}
	});
});
