import assert from 'node:assert/strict';
import {after, describe, test} from 'node:test';
import chalk from 'chalk';
import {renderToString} from 'ink';
import {render} from 'ink-testing-library';
import {type ReactElement, useReducer} from 'react';
import stringWidth from 'string-width';
import stripAnsi from 'strip-ansi';
import {classSets} from '../../../../source/train/config.js';
import {Browser} from '../../../../source/ui/browser/browser.js';
import type {BrowserData} from '../../../../source/ui/browser/browser-data.js';
import {browserActionsFor} from '../../../../source/ui/browser/browser-keys.js';
import {type BrowserState, browserReducer, initialBrowserState} from '../../../../source/ui/browser/browser-state.js';
import {useBrowserKeys} from '../../../../source/ui/browser/use-browser-keys.js';
import {eventually, withSettings} from '../frame.js';
import {browserData} from './browser-fixtures.js';

// Real MNIST test images and labels; made-up predictions with 22 deliberate
// mistakes (see browser-fixtures.ts), as epoch 3 of a run.
const data = browserData();

/**
 * The frame in a terminal exactly `width` columns wide, without colours
 * (ink-testing-library's terminal is 100 columns, and Ink moves text past a
 * terminal's last column back to it).
 */
function frameAt(element: ReactElement, width: number): {frame: string; lines: string[]; width: number; raw: string} {
	const raw = renderToString(element, {columns: width});
	const frame = stripAnsi(raw);
	const lines = frame.split('\n');
	return {frame, lines, width: Math.max(0, ...lines.map(line => stringWidth(line))), raw};
}

/** The state after typing `keys` (escape codes and all) into a browser on `from`. */
const typed = (keys: string, from: BrowserData | null = data): BrowserState =>
	browserActionsFor(keys).reduce(browserReducer, initialBrowserState(from));

const browser = (state: BrowserState, width: number, height: number, options: {ascii?: boolean; color?: boolean} = {}) =>
	withSettings(<Browser state={state} width={width} height={height} />, options);

const frame = (state: BrowserState, width: number, height: number, options: {ascii?: boolean; color?: boolean} = {}) =>
	frameAt(browser(state, width, height, options), width).frame;

const firstScreen80 = [
	'Predictions · epoch 3 · 10,000 test digits · all digits · test-set order',
	'',
	'                               #1 of 10,000',
	'',
	'                               ✓ true 7  pred 7',
	'       ▄▄▄',
	'      ▀█▀████████████▄',
	'                   ██▀         0                              <0.1%',
	'                 ▄██           1                              <0.1%',
	'                ▄██            2                               0.3%',
	'               ▄██             3                              <0.1%',
	'              ▄██              4                              <0.1%',
	'             ██▀               5                              <0.1%',
	'           ▄██▀                6                              <0.1%',
	'          ▄███                 7 ██████████████████████████▊  99.5% ◀ pred, true',
	'          ▀▀▀                  8                              <0.1%',
	'                               9                              <0.1%',
	'',
	'',
	'',
].join('\n');

/** `c` then Enter: the first digit of the most confused cell, its neighbour, and the matrix with the cell in brackets. */
const mostConfused120 = [
	'Predictions · epoch 3 · 10,000 test digits · cell 4→9 · test-set order',
	'',
	'                                                               #34 of 10,000',
	'                                                               1 of 5 digits in cell 4→9',
	'                          ▄▄                                   ✗ true 4  pred 9',
	'                          ███          ██',
	'                          ███         ██▀            █▀',
	'                         ███▀         ██           ▄▀ ▄        0                                       0.1%',
	'                        ███          ███          ██ ▄█        1                                       0.1%',
	'                       ███           ██            ▀▀█▀        2                                       0.1%',
	'                     ▄███▄▄▄▄▄▄▄▄▄  ▄██             ██         3                                       0.1%',
	'                     ████████▀▀▀▀▀▀███                         4 █▎                                    3.8% ◀ true',
	'                                   ▀▀▀             #116        5 ▎                                     0.9%',
	'                                                  4→9 ✗        6                                       0.1%',
	'                                                               7                                       0.1%',
	'                                                               8                                       0.1%',
	'                                                               9 █████████████████████████████████▏   95.0% ◀ pred',
	'',
	'Confusion · epoch 3 · accuracy 99.78%',
	'true\\pred    0    1    2    3    4    5    6    7    8    9 recall',
	'0          980    ·    ·    ·    ·    ·    ·    ·    ·    ·   100%',
	'1            · 1135    ·    ·    ·    ·    ·    ·    ·    ·   100%',
	'2            ·    1 1030    ·    ·    ·    ·    1    ·    ·  99.8%',
	'3            ·    ·    · 1008    ·    1    ·    ·    1    ·  99.8%',
	'4            ·    ·    ·    ·  976    ·    1    ·    ·   [5] 99.4%',
	'5            ·    ·    ·    2    ·  888    1    ·    1    ·  99.6%',
	'6            2    ·    ·    ·    ·    ·  956    ·    ·    ·  99.8%',
	'7            ·    ·    1    ·    ·    ·    · 1027    ·    ·  99.9%',
	'8            1    ·    1    ·    1    ·    ·    ·  971    ·  99.7%',
	'9            ·    ·    ·    ·    1    ·    ·    ·    1 1007  99.8%',
	'precision 99.7 99.9 99.8 99.8 99.8 99.9 99.8 99.9 99.7 99.5',
	'',
	'',
	'',
	'',
	'',
].join('\n');

describe('Browser frames', () => {
	test('at 80x20, the first screen: test digit #1, a 7, right, with its ten probabilities', () => {
		assert.equal(frame(typed(''), 80, 20), firstScreen80);
	});

	test('at 80x20, mistakes only: the first one, what it was at the epoch before, both classes marked', () => {
		assert.equal(
			frame(typed('m'), 80, 20),
			[
				'Predictions · epoch 3 · 10,000 test digits · mistakes · test-set order',
				'',
				'                               #9 of 10,000',
				'                               1 of 22 mistakes',
				'                ▄▄▄▄▄▄█▄▄      ✗ true 5  pred 6',
				'             ████████████      was 4 at epoch 2',
				'        ▄█   ▀▀▀▀▀',
				'      ▄██▀                     0                               0.3%',
				'     ▄██                       1 █▏                            4.4%',
				'     ████▄▄ ▄                  2                               0.3%',
				'     ▀▀████████████▄           3                               0.3%',
				'           ████▀████           4                               0.3%',
				'            ███████▀           5 █████                        18.9% ◀ true',
				'             ▀▀█▀▀             6 ████████████████████▏        74.8% ◀ pred',
				'                               7                               0.3%',
				'                               8                               0.3%',
				'                               9                               0.3%',
				'',
				'',
				'',
			].join('\n'),
		);
	});

	test('at 80x20 with --ascii: the shade ramp, words for right and wrong, # bars', () => {
		assert.equal(
			frame(typed('m'), 80, 20, {ascii: true}),
			[
				'Predictions - epoch 3 - 10,000 test digits - mistakes - test-set order',
				'',
				'                               #9 of 10,000',
				'                               1 of 22 mistakes',
				'               .:=+++=#*+      WRONG  true 5  pred 6',
				'            .#@@@@@@@%%%%      was 4 at epoch 2',
				'        =#: .+=+-:.',
				'      :%@:                     0                               0.3%',
				'     =@#                       1 #                             4.4%',
				'     @@@#+:.:.  .              2                               0.3%',
				'     :+@@@@@@@@@@@%:           3                               0.3%',
				'         ..*@@#+%@@*           4                               0.3%',
				'           .%@@%@@%-           5 #####                        18.9% < true',
				'             -*#=:             6 ####################         74.8% < pred',
				'                               7                               0.3%',
				'                               8                               0.3%',
				'                               9                               0.3%',
				'',
				'',
				'',
			].join('\n'),
		);
	});

	test('at 80x20, c: the matrix in place of the digit, the cursor in brackets on the most confused cell', () => {
		assert.equal(
			frame(typed('c'), 80, 20),
			[
				'Predictions · epoch 3 · 10,000 test digits · all digits · test-set order',
				'',
				'Confusion · epoch 3 · accuracy 99.78%',
				'true\\pred    0    1    2    3    4    5    6    7    8    9 recall',
				'0          980    ·    ·    ·    ·    ·    ·    ·    ·    ·   100%',
				'1            · 1135    ·    ·    ·    ·    ·    ·    ·    ·   100%',
				'2            ·    1 1030    ·    ·    ·    ·    1    ·    ·  99.8%',
				'3            ·    ·    · 1008    ·    1    ·    ·    1    ·  99.8%',
				'4            ·    ·    ·    ·  976    ·    1    ·    ·   [5] 99.4%',
				'5            ·    ·    ·    2    ·  888    1    ·    1    ·  99.6%',
				'6            2    ·    ·    ·    ·    ·  956    ·    ·    ·  99.8%',
				'7            ·    ·    1    ·    ·    ·    · 1027    ·    ·  99.9%',
				'8            1    ·    1    ·    1    ·    ·    ·  971    ·  99.7%',
				'9            ·    ·    ·    ·    1    ·    ·    ·    1 1007  99.8%',
				'precision 99.7 99.9 99.8 99.8 99.8 99.9 99.8 99.9 99.7 99.5',
				'',
				'',
				'',
				'',
				'cell 4→9: 5 of true 4 taken for 9 · Enter shows them · Esc leaves',
			].join('\n'),
		);
	});

	test("at 120x36, c then Enter: the cell's first digit, its neighbours, the matrix below", () => {
		assert.equal(frame(typed('c\r'), 120, 36), mostConfused120);
	});

	test('a cursor on a diagonal cell with a 4-digit count: the brackets take the neighbouring spaces', () => {
		const lines = frame(typed(`c${'\u001B[B'.repeat(5)}`), 80, 20).split('\n');
		assert.equal(lines[13], '9            ·    ·    ·    ·    1    ·    ·    ·    1[1007] 99.8%');
		assert.equal(lines[19], 'cell 9→9: 1,007 right · Enter shows them · Esc leaves');
	});

	test('empty results are explained, not blank', () => {
		assert.deepEqual(frame(typed('1m'), 80, 20).split('\n').slice(0, 4), [
			'Predictions · epoch 3 · 10,000 test digits · mistakes, label 1 · test-set order',
			'',
			'no mistakes with label 1 yet',
			'Esc clears the filters',
		]);
	});

	test('with room for the matrix below, the cursor shows there even when the list is empty', () => {
		const lines = frame(typed('1mc'), 120, 36).split('\n');
		assert.equal(lines[2], 'no mistakes with label 1 yet');
		assert.equal(lines[18], 'Confusion · epoch 3 · accuracy 99.78%');
		assert.equal(lines[21], '1            ·[1135]   ·    ·    ·    ·    ·    ·    ·    ·   100%');
		assert.equal(lines[35], 'cell 1→1: 1,135 right · Enter shows them · Esc leaves');
	});

	test('before the first epoch ends', () => {
		assert.deepEqual(frame(typed('', null), 80, 20).split('\n').slice(0, 3), [
			'Predictions · waiting for the first epoch · all digits · test-set order',
			'',
			'predictions appear when the first epoch ends',
		]);
	});

	test('the bottom line shows the number being typed after g, and notices', () => {
		assert.equal(frame(typed('g12'), 80, 20).split('\n')[19], 'go to #12_ (#1 to #10,000) · Enter go · Esc cancel');
		assert.equal(frame(typed('mg12\r'), 80, 20).split('\n')[19], 'filters off to show #12');
		assert.equal(frame(typed('g0\r'), 80, 20).split('\n')[19], 'no digit #0: numbers go from #1 to #10,000');
	});

	test('a ranked order says so beside the position', () => {
		const lines = frame(typed('ms'), 80, 20).split('\n');
		assert.equal(lines[0], 'Predictions · epoch 3 · 10,000 test digits · mistakes · highest loss first');
		assert.equal(lines[3], '                               1 of 22 mistakes, highest loss first');
	});

	test('a test CSV without labels: "true ?", no right or wrong', () => {
		const lines = frame(typed('', browserData({count: 50, labelled: false})), 80, 20).split('\n');
		assert.equal(lines[2], '                               #1 of 50');
		assert.equal(lines[4], '                               true ?  pred 7');
		assert.equal(lines[14], '          ▄███                 7 ████████████████████████████████▊  99.5% ◀ pred');
	});

	test('Fashion-MNIST names in the labels and bars', () => {
		const fashion = {...browserData({count: 50}), classes: classSets.fashion};
		const lines = frame(typed('', fashion), 80, 20).split('\n');
		assert.equal(lines[0], 'Predictions · epoch 3 · 50 test images · all images · test-set order');
		assert.equal(lines[4], '                               ✓ true Sneaker  pred Sneaker');
		assert.equal(lines[14], '          ▄███                 Sneaker     ████████████████▉  99.5% ◀ pred, true');
	});

	test('Fashion-MNIST mistakes at 80x20: the class names on the true/pred line, the change and the bars', () => {
		const fashion = {...browserData({count: 50}), classes: classSets.fashion};
		assert.equal(
			frame(typed('m', fashion), 80, 20),
			[
				'Predictions · epoch 3 · 50 test images · mistakes · test-set order',
				'',
				'                               #9 of 50',
				'                               1 of 3 mistakes',
				'                ▄▄▄▄▄▄█▄▄      ✗ true Sandal  pred Shirt',
				'             ████████████      was Coat at epoch 2',
				'        ▄█   ▀▀▀▀▀',
				'      ▄██▀                     T-shirt/top                     0.3%',
				'     ▄██                       Trouser     ▋                   4.4%',
				'     ████▄▄ ▄                  Pullover                        0.3%',
				'     ▀▀████████████▄           Dress                           0.3%',
				'           ████▀████           Coat                            0.3%',
				'            ███████▀           Sandal      ███▏               18.9% ◀ true',
				'             ▀▀█▀▀             Shirt       ████████████▋      74.8% ◀ pred',
				'                               Sneaker                         0.3%',
				'                               Bag                             0.3%',
				'                               Ankle boot                      0.3%',
				'',
				'',
				'',
			].join('\n'),
		);
	});

	test('never larger than its room, from 80x20 to 200x56, in every mode', () => {
		const states: [string, BrowserState, boolean][] = [
			['first', typed(''), true],
			['mistakes', typed('mll'), false],
			['ranked', typed('s\u001B[6~'), false],
			['matrix', typed('c'), true],
			['cell', typed('c\r'), true],
			['empty', typed('1m'), false],
			['none', typed('', null), false],
			['go to', typed('g123'), false],
			['unlabelled', typed('', browserData({count: 30, labelled: false})), false],
			['fashion', typed('m', {...data, classes: classSets.fashion}), true],
		];
		// around each width where a pair of neighbours fits, and each height where the matrix and its precision row fit
		// each side of where neighbours, the matrix below and its precision row come in;
		// the layout of every size in between is checked in browser-layout.test.ts
		const sizes = [
			[80, 20],
			[112, 31],
			[113, 32],
			[144, 33],
			[145, 40],
			[176, 33],
			[177, 56],
			[200, 56],
		] as const;
		for (const [width, height] of sizes) {
			for (const [name, state, inAscii] of states) {
				for (const ascii of inAscii ? [false, true] : [false]) {
					const drawn = frameAt(browser(state, width, height, {ascii}), width);
					assert.equal(drawn.lines.length, height, `${name} at ${width}x${height}`);
					assert.ok(drawn.width <= width, `${name} at ${width}x${height}: ${drawn.width} columns`);
					if (ascii) assert.match(drawn.frame, /^[\x20-\x7E\n]*$/, `${name} at ${width}x${height}: ASCII only`);
				}
			}
		}
	});
});

describe('Browser colours', () => {
	const level = chalk.level;
	after(() => {
		chalk.level = level;
	});

	test('grey half blocks with colour: white ink, faint edges as a grey background', () => {
		chalk.level = 2;
		const {raw} = frameAt(browser(typed(''), 80, 20), 80);
		assert.ok(raw.includes('\u001B[38;5;255m'), 'white ink');
		// biome-ignore lint/suspicious/noControlCharactersInRegex: the escape code of a 256-colour background
		assert.ok(/\u001B\[48;5;23\dm/.test(raw), 'a dark grey background');
	});

	test('without colour (NO_COLOR) the digit uses the shade ramp and nothing is coloured', () => {
		chalk.level = 0;
		const {raw, lines} = frameAt(browser(typed(''), 80, 20, {color: false}), 80);
		// biome-ignore lint/suspicious/noControlCharactersInRegex: without colour there is no escape character
		assert.doesNotMatch(raw, /\u001B/);
		assert.equal(lines[6], '      +#*#%@%%%%%%%%%-');
		assert.equal(lines[4], '                               ✓ true 7  pred 7', 'right and wrong read as marks, not colours');
	});
});

/** What the app does: the reducer in React, the keys through Ink. */
function Harness({width, height}: {readonly width: number; readonly height: number}) {
	const [state, dispatch] = useReducer(browserReducer, data, initialBrowserState);
	useBrowserKeys(dispatch, true);
	return <Browser state={state} width={width} height={height} />;
}

describe('Browser with keys', () => {
	const settle = () => new Promise(resolve => setTimeout(resolve, 20));
	const press = async (stdin: {write(data: string): void}, ...keys: string[]) => {
		for (const key of keys) {
			stdin.write(key);
			await settle();
		}
	};

	test('arrows, PgDn and End as escape codes, m and batched l', async () => {
		const {stdin, lastFrame, unmount} = render(<Harness width={80} height={20} />);
		const line = (index: number) => stripAnsi(lastFrame() ?? '').split('\n')[index] ?? '';
		await settle();
		await eventually(() => assert.equal(stripAnsi(lastFrame() ?? ''), firstScreen80));
		await press(stdin, '\u001B[C', '\u001B[C');
		await eventually(() => assert.equal(line(2), '                               #3 of 10,000'));
		await eventually(() => assert.equal(line(5).trimEnd(), '                ██             was 7 at epoch 2'));
		await press(stdin, '\u001B[6~', '\u001B[D');
		await eventually(() => assert.equal(line(2), '                               #12 of 10,000'));
		// from #12 the next mistake is #19, the second of all; two more on
		await press(stdin, 'm', 'll');
		await eventually(() => assert.equal(line(3), '                               4 of 22 mistakes'));
		await eventually(() => assert.equal(line(2), '                               #93 of 10,000'));
		await press(stdin, '\u001B[F');
		await eventually(() => assert.equal(line(3), '                               22 of 22 mistakes'));
		await press(stdin, '\u001B', '\u001B[H');
		await eventually(() => assert.equal(line(2), '                               #1 of 10,000'));
		unmount();
	});

	test("c and Enter reach the most confused pair's digits in two keys", async () => {
		const {stdin, lastFrame, unmount} = render(<Harness width={120} height={36} />);
		await settle();
		await press(stdin, 'c', '\r');
		await eventually(() => assert.equal(stripAnsi(lastFrame() ?? ''), mostConfused120));
		unmount();
	});
});
