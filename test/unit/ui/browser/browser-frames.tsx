/** The browser drawn as a terminal shows it, on the fixture's predictions, and two whole frames the tests expect. */
import {renderToString} from 'ink';
import type {ReactElement} from 'react';
import stringWidth from 'string-width';
import stripAnsi from 'strip-ansi';
import {Browser} from '../../../../source/ui/browser/browser.js';
import type {BrowserData} from '../../../../source/ui/browser/browser-data.js';
import {browserActionsFor} from '../../../../source/ui/browser/browser-keys.js';
import {type BrowserState, browserReducer, initialBrowserState} from '../../../../source/ui/browser/browser-state.js';
import {withSettings} from '../frame.js';
import {browserData} from './browser-fixtures.js';

// Real MNIST test images and labels; made-up predictions with 22 deliberate
// mistakes (see browser-fixtures.ts), as epoch 3 of a run.
export const data = browserData();

/**
 * The frame in a terminal exactly `width` columns wide, without colours
 * (ink-testing-library's terminal is 100 columns, and Ink moves text past a
 * terminal's last column back to it).
 */
export function frameAt(element: ReactElement, width: number): {frame: string; lines: string[]; width: number; raw: string} {
	const raw = renderToString(element, {columns: width});
	const frame = stripAnsi(raw);
	const lines = frame.split('\n');
	return {frame, lines, width: Math.max(0, ...lines.map(line => stringWidth(line))), raw};
}

/** The state after typing `keys` (escape codes and all) into a browser on `from`. */
export const typed = (keys: string, from: BrowserData | null = data): BrowserState =>
	browserActionsFor(keys).reduce(browserReducer, initialBrowserState(from));

export const browser = (state: BrowserState, width: number, height: number, options: {ascii?: boolean; color?: boolean} = {}) =>
	withSettings(<Browser state={state} width={width} height={height} />, options);

export const frame = (state: BrowserState, width: number, height: number, options: {ascii?: boolean; color?: boolean} = {}) =>
	frameAt(browser(state, width, height, options), width).frame;

export const firstScreen80 = [
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
export const mostConfused120 = [
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
