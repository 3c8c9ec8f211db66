/** Eight hand-made predictions and the actions the browser state tests type. */
import {classSets} from '../../../../source/train/config.js';
import type {BrowserData} from '../../../../source/ui/browser/browser-data.js';
import {filteredIndices} from '../../../../source/ui/browser/browser-list.js';
import {type BrowserAction, type BrowserState, browserReducer, initialBrowserState} from '../../../../source/ui/browser/browser-state.js';

/** New predictions, as a finished epoch brings them. */
export const updateData = (state: BrowserState, data: BrowserData | null): BrowserState => browserReducer(state, {type: 'data', data});
/**
 * Eight images by hand: label, prediction, and the probabilities that matter
 * (the rest of each row spread evenly), so loss and confidence orders can be
 * worked out on paper:
 *
 *   index  true pred  p[true]  top p   loss (−ln p[true])
 *   0      7    7     0.90     0.90    0.105
 *   1      2    2     0.99     0.99    0.010
 *   2      1    1     0.60     0.60    0.511
 *   3      4    9     0.30     0.70    1.204
 *   4      4    4     0.95     0.95    0.051
 *   5      4    9     0.05     0.50    2.996
 *   6      9    4     0.45     0.55    0.799
 *   7      1    1     0.999    0.999   0.001
 */
const rows: readonly [number, number, Record<number, number>][] = [
	[7, 7, {7: 0.9}],
	[2, 2, {2: 0.99}],
	[1, 1, {1: 0.6}],
	[4, 9, {4: 0.3, 9: 0.7}],
	[4, 4, {4: 0.95}],
	[4, 9, {4: 0.05, 9: 0.5}],
	[9, 4, {9: 0.45, 4: 0.55}],
	[1, 1, {1: 0.999}],
];

export function handMade(
	predictions = rows.map(([, predicted]) => predicted),
	{labelled = true, epoch = 2 as number | null} = {},
): BrowserData {
	const probabilities = new Float32Array(rows.length * 10);
	rows.forEach(([, , given], index) => {
		const rest = (1 - Object.values(given).reduce((sum, p) => sum + p, 0)) / (10 - Object.keys(given).length);
		for (let k = 0; k < 10; k++) probabilities[index * 10 + k] = given[k] ?? rest;
	});
	return {
		images: new Uint8Array(rows.length * 784),
		labels: labelled ? Uint8Array.from(rows.map(([label]) => label)) : null,
		predictions: Uint8Array.from(predictions),
		probabilities,
		previousPredictions: null,
		epoch,
		classes: classSets.digits,
	};
}

export const data = handMade();
export const run = (actions: readonly BrowserAction[], state: BrowserState = initialBrowserState(data)) =>
	actions.reduce(browserReducer, state);
export const list = (state: BrowserState) => Array.from(filteredIndices(state.data!, state));
export const at = (state: BrowserState) => ({position: state.position, selected: state.selected});

export const step = (by: number): BrowserAction => ({type: 'step', by});
export const digit = (value: number): BrowserAction => ({type: 'digit', digit: value});
export const [next, previous, mistakes, order, goTo, matrix, enter, esc] = [
	step(1),
	step(-1),
	{type: 'mistakes'},
	{type: 'order'},
	{type: 'goTo'},
	{type: 'matrix'},
	{type: 'enter'},
	{type: 'escape'},
] as const satisfies readonly BrowserAction[];
