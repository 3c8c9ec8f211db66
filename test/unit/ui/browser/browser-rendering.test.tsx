import assert from 'node:assert/strict';
import {after, describe, test} from 'node:test';
import chalk from 'chalk';
import {render} from 'ink-testing-library';
import {useReducer} from 'react';
import stripAnsi from 'strip-ansi';
import {classSets} from '../../../../source/train/config.js';
import {Browser} from '../../../../source/ui/browser/browser.js';
import {type BrowserState, browserReducer, initialBrowserState} from '../../../../source/ui/browser/browser-state.js';
import {useBrowserKeys} from '../../../../source/ui/browser/use-browser-keys.js';
import {eventually} from '../frame.js';
import {browserData} from './browser-fixtures.js';
import {browser, data, firstScreen80, frameAt, mostConfused120, typed} from './browser-frames.js';

describe('Browser sizes', () => {
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
