import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {overlaySize} from '../../../../source/ui/dashboard/dashboard-layout.js';
import {frame, typed} from './browser-frames.js';

/** The body the browser gets in each of the five terminal sizes a newcomer tries. */
const bodies = (
	[
		[80, 24],
		[100, 30],
		[120, 40],
		[160, 50],
		[200, 60],
	] as const
).map(([columns, rows]) => ({size: `${columns}x${rows}`, ...overlaySize(columns, rows)!}));

/** The neighbours' test numbers, as their label lines show them. */
const shownNumbers = (lines: readonly string[]) => lines.flatMap(line => line.match(/#\d+(?! of)\b/g) ?? []);

describe('the browser at the five sizes', () => {
	test('the digit grows to 56x28 and more neighbours show from 160x50; the matrix is under them from 120x40', () => {
		const shapes = bodies.map(({size, width, height}) => {
			const lines = frame(typed('lll'), width, height).split('\n');
			const digitRows = lines.filter(line => !line.includes('%') && line.includes('████████████████████')).length;
			return `${size}: ${digitRows > 0 ? 'large' : 'small'} digit, neighbours ${shownNumbers(lines).join(' ') || 'none'}, ${lines.some(line => line.startsWith('Confusion')) ? 'matrix' : 'no matrix'}`;
		});
		assert.deepEqual(shapes, [
			'80x24: small digit, neighbours none, no matrix',
			'100x30: small digit, neighbours none, no matrix',
			'120x40: small digit, neighbours #3 #5, matrix',
			'160x50: large digit, neighbours #3 #5, matrix',
			'200x60: large digit, neighbours #2 #3 #5 #6 #7 #8 #9 #10 #11 #12 #13 #14 #15 #16 #17 #18, matrix',
		]);
	});

	test('200x60: the 0 drawn two columns and one line a pixel, between its neighbours', () => {
		const {width, height} = bodies.at(-1)!;
		const lines = frame(typed('lll'), width, height).split('\n');
		assert.deepEqual(
			lines.slice(12, 18).map(line => line.slice(0, 90).trimEnd()),
			[
				'      ▄▄                                          ████████████    ████████',
				'    █▀▀██               █                       ████████████        ████████',
				'      ▄█▀              ▄█                       ████████            ████████',
				'     ██                █                        ██████                ██████',
				'    ██                █                         ████                  ████████',
				'    ▀▀▀██▀▀▀▀        ▄█                       ██████                ████████',
			],
		);
	});
});
