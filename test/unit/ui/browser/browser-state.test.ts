import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {classSets} from '../../../../source/train/config.js';
import type {BrowserData} from '../../../../source/ui/browser/browser-data.js';
import {filteredIndices} from '../../../../source/ui/browser/browser-list.js';
import {type BrowserAction, type BrowserState, browserReducer, initialBrowserState} from '../../../../source/ui/browser/browser-state.js';
import {emptyText} from '../../../../source/ui/browser/browser-text.js';

/** New predictions, as a finished epoch brings them. */
const updateData = (state: BrowserState, data: BrowserData | null): BrowserState => browserReducer(state, {type: 'data', data});
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

function handMade(predictions = rows.map(([, predicted]) => predicted), {labelled = true, epoch = 2 as number | null} = {}): BrowserData {
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

const data = handMade();
const run = (actions: readonly BrowserAction[], state: BrowserState = initialBrowserState(data)) => actions.reduce(browserReducer, state);
const list = (state: BrowserState) => Array.from(filteredIndices(state.data!, state));
const at = (state: BrowserState) => ({position: state.position, selected: state.selected});

const step = (by: number): BrowserAction => ({type: 'step', by});
const digit = (value: number): BrowserAction => ({type: 'digit', digit: value});
const [next, previous, mistakes, order, goTo, matrix, enter, esc] = [
	step(1),
	step(-1),
	{type: 'mistakes'},
	{type: 'order'},
	{type: 'goTo'},
	{type: 'matrix'},
	{type: 'enter'},
	{type: 'escape'},
] as const satisfies readonly BrowserAction[];

describe('browser state: moving', () => {
	test('starts on the first test image, in test-set order, with no filter', () => {
		const state = initialBrowserState(data);
		assert.deepEqual(at(state), {position: 0, selected: 0});
		assert.deepEqual(list(state), [0, 1, 2, 3, 4, 5, 6, 7]);
		assert.deepEqual(state.mode, {kind: 'browse'});
	});

	test('next and previous by one, PgDn/PgUp by ten, clamped at both ends; Home and End', () => {
		assert.deepEqual(at(run([next, next, next])), {position: 3, selected: 3});
		assert.deepEqual(at(run([next, previous, previous])), {position: 0, selected: 0});
		assert.deepEqual(at(run([step(10)])), {position: 7, selected: 7});
		assert.deepEqual(at(run([step(10), step(-10)])), {position: 0, selected: 0});
		assert.deepEqual(at(run([{type: 'last'}])), {position: 7, selected: 7});
		assert.deepEqual(at(run([{type: 'last'}, {type: 'first'}])), {position: 0, selected: 0});
	});

	test('up and down, Enter and Backspace do nothing outside their modes', () => {
		const state = run([next]);
		for (const action of [{type: 'vertical', by: 1}, enter, {type: 'backspace'}] as const)
			assert.equal(browserReducer(state, action), state);
	});

	test('before any predictions nothing moves, and filters can already be chosen', () => {
		const state = run([next, step(10), mistakes, digit(4)], initialBrowserState());
		assert.deepEqual(at(state), {position: 0, selected: 0});
		assert.deepEqual(state.filter, {mistakesOnly: true, label: 4, cell: null});
	});
});

describe('browser state: filters', () => {
	test('m keeps mistakes only; from a right digit it goes to the next mistake, and m again keeps the place', () => {
		const only = run([next, mistakes]);
		assert.deepEqual(list(only), [3, 5, 6]);
		assert.deepEqual(at(only), {position: 0, selected: 3});
		assert.deepEqual(at(run([next], only)), {position: 1, selected: 5});
		assert.deepEqual(at(run([next, mistakes], only)), {position: 5, selected: 5});
	});

	test('a digit keeps that true label; the same digit again clears it, another replaces it', () => {
		const fours = run([digit(4)]);
		assert.deepEqual(list(fours), [3, 4, 5]);
		assert.equal(run([digit(4), digit(4)]).filter.label, null);
		assert.deepEqual(list(run([digit(4), digit(1)])), [2, 7]);
	});

	test('filters combine: mistakes with label 4', () => {
		const state = run([mistakes, digit(4)]);
		assert.deepEqual(list(state), [3, 5]);
		assert.deepEqual(list(run([digit(4), mistakes])), [3, 5]);
	});

	test('an empty result keeps the selected image for later and says what is empty', () => {
		const state = run([next, next, mistakes, digit(1)]);
		assert.deepEqual(list(state), []);
		assert.equal(state.selected, 3);
		assert.equal(emptyText(state, false), 'no mistakes with label 1 yet');
		assert.deepEqual(at(run([next, {type: 'last'}], state)), {position: 0, selected: 3}, 'nothing to move through');
		assert.deepEqual(at(run([digit(1)], state)), {position: 0, selected: 3}, 'back among the mistakes');
	});

	test('Esc clears every filter and keeps the image', () => {
		const state = run([mistakes, digit(4), next, esc]);
		assert.deepEqual(state.filter, {mistakesOnly: false, label: null, cell: null});
		assert.deepEqual(at(state), {position: 5, selected: 5});
		assert.equal(browserReducer(state, esc), state, 'nothing to clear');
	});
});

describe('browser state: order', () => {
	test('s cycles test-set order, highest loss first, least confident first, and back', () => {
		const loss = run([next, order]);
		assert.equal(loss.order, 'loss');
		assert.deepEqual(list(loss), [5, 3, 6, 2, 0, 4, 1, 7]);
		assert.deepEqual(at(loss), {position: 0, selected: 5}, 'a ranked order starts at its worst digit');
		const confidence = run([order], loss);
		assert.equal(confidence.order, 'confidence');
		assert.deepEqual(list(confidence), [5, 6, 2, 3, 0, 4, 1, 7]);
		const back = run([next, order], confidence);
		assert.equal(back.order, 'test');
		assert.deepEqual(at(back), {position: 6, selected: 6}, 'test-set order keeps the image');
	});

	test('orders apply to the filtered set', () => {
		assert.deepEqual(list(run([mistakes, order])), [5, 3, 6]);
		assert.deepEqual(list(run([digit(4), order, order])), [5, 3, 4]);
	});

	test('the list is computed once per data, filter and order', () => {
		const state = run([mistakes, order]);
		assert.equal(filteredIndices(data, state), filteredIndices(data, run([mistakes, order])));
		assert.notEqual(filteredIndices(data, state), filteredIndices(handMade(), state));
	});
});

describe('browser state: go to', () => {
	test('g, a number and Enter go to that test image; #1 is the first', () => {
		const typing = run([goTo, digit(4)]);
		assert.deepEqual(typing.mode, {kind: 'goTo', typed: '4'});
		assert.equal(typing.filter.label, null, 'digits are the number, not a label filter');
		assert.deepEqual(at(run([enter], typing)), {position: 3, selected: 3});
		assert.deepEqual(run([enter], typing).mode, {kind: 'browse'});
	});

	test('Backspace deletes a digit, Esc or g cancels, the number is no longer than the last one', () => {
		assert.deepEqual(run([goTo, digit(4), {type: 'backspace'}]).mode, {kind: 'goTo', typed: ''});
		assert.deepEqual(run([goTo, digit(4), digit(5)]).mode, {kind: 'goTo', typed: '4'}, 'eight images: one digit');
		for (const cancel of [esc, goTo]) {
			const state = run([goTo, digit(4), cancel]);
			assert.deepEqual(state.mode, {kind: 'browse'});
			assert.equal(state.selected, 0);
		}
		assert.deepEqual(at(run([goTo, enter])), {position: 0, selected: 0}, 'nothing typed: nothing moves');
	});

	test('a number outside the test set is a notice; the next key clears it', () => {
		const state = run([goTo, digit(9), enter]);
		assert.equal(state.notice, 'no digit #9: numbers go from #1 to #8');
		assert.equal(state.selected, 0);
		assert.equal(run([next], state).notice, null);
		assert.equal(run([goTo, digit(0), enter]).notice, 'no digit #0: numbers go from #1 to #8');
	});

	test('an image the filters hide turns them off, and says so', () => {
		const state = run([mistakes, goTo, digit(2), enter]);
		assert.deepEqual(state.filter, {mistakesOnly: false, label: null, cell: null});
		assert.deepEqual(at(state), {position: 1, selected: 1});
		assert.equal(state.notice, 'filters off to show #2');
		assert.deepEqual(run([mistakes, goTo, digit(6), enter]).filter.mistakesOnly, true, 'a mistake is shown within the filter');
	});

	test('another key ends the typing and does its own work', () => {
		const state = run([goTo, digit(4), mistakes]);
		assert.deepEqual(state.mode, {kind: 'browse'});
		assert.equal(state.filter.mistakesOnly, true);
	});
});

describe('browser state: confusion cursor', () => {
	test('c puts the cursor on the most confused cell, Enter opens exactly its digits', () => {
		const pointing = run([matrix]);
		assert.deepEqual(pointing.mode, {kind: 'matrix', cursor: {actual: 4, predicted: 9}});
		const opened = run([enter], pointing);
		assert.deepEqual(opened.filter, {mistakesOnly: false, label: null, cell: {actual: 4, predicted: 9}});
		assert.deepEqual(list(opened), [3, 5]);
		assert.deepEqual(at(opened), {position: 0, selected: 3});
		assert.deepEqual(opened.mode, {kind: 'browse'});
	});

	test('arrows move the cursor, clamped to the matrix; Enter on a cell replaces the other filters', () => {
		const moved = run([mistakes, digit(7), matrix, {type: 'vertical', by: -1}, step(-1), step(-1)]);
		assert.deepEqual(moved.mode, {kind: 'matrix', cursor: {actual: 6, predicted: 5}}, 'from 7→7: no mistakes with label 7');
		assert.deepEqual(run([step(10), {type: 'vertical', by: 10}], moved).mode, {kind: 'matrix', cursor: {actual: 9, predicted: 9}});
		assert.deepEqual(run([{type: 'first'}], moved).mode, {kind: 'matrix', cursor: {actual: 6, predicted: 0}});
		const ones = run([{type: 'vertical', by: -5}, step(-4), enter], moved);
		assert.deepEqual(ones.filter, {mistakesOnly: false, label: null, cell: {actual: 1, predicted: 1}});
		assert.deepEqual(list(ones), [2, 7]);
	});

	test("with a label filter the cursor starts on that row's worst cell; with a cell filter on that cell", () => {
		assert.deepEqual(run([digit(9), matrix]).mode, {kind: 'matrix', cursor: {actual: 9, predicted: 4}});
		assert.deepEqual(run([matrix, enter, next, matrix]).mode, {kind: 'matrix', cursor: {actual: 4, predicted: 9}});
	});

	test('Esc or c leaves the matrix without changing the filters', () => {
		for (const leave of [esc, matrix]) {
			const state = run([mistakes, matrix, step(1), leave]);
			assert.deepEqual(state.mode, {kind: 'browse'});
			assert.deepEqual(state.filter, {mistakesOnly: true, label: null, cell: null});
		}
	});

	test('an empty cell opens to an explanation', () => {
		const state = run([matrix, {type: 'vertical', by: -4}, step(-6), enter]);
		assert.deepEqual(state.filter.cell, {actual: 0, predicted: 3});
		assert.deepEqual(list(state), []);
		assert.equal(emptyText(state, false), 'no digits in cell 0→3 yet');
		assert.equal(emptyText(state, true), 'no digits in cell 0->3 yet');
		assert.equal(
			emptyText(updateData(state, handMade(undefined, {epoch: null})), false),
			'no digits in cell 0→3',
			'a saved model will not change',
		);
	});
});

describe('browser state: new predictions', () => {
	// at the next epoch 3 is right, 0 is taken for a 1
	const later = handMade([1, 2, 1, 4, 4, 9, 4, 1], {epoch: 3});

	test('the selected image stays when it is still in the filtered set', () => {
		const state = updateData(run([mistakes, next]), later);
		assert.deepEqual(list(state), [0, 5, 6]);
		assert.deepEqual(at(state), {position: 1, selected: 5});
		assert.equal(state.filter.mistakesOnly, true);
	});

	test('when it left the set: in test-set order the next image after it, in a ranked order the same position', () => {
		assert.deepEqual(at(updateData(run([mistakes]), later)), {position: 1, selected: 5}, '3 is no longer a mistake');
		const ranked = run([mistakes, order, next]);
		assert.deepEqual(at(ranked), {position: 1, selected: 3});
		const updated = updateData(ranked, later);
		assert.deepEqual(list(updated), [5, 6, 0]);
		assert.deepEqual(at(updated), {position: 1, selected: 6});
	});

	test('the matrix cursor and a typed number survive an update', () => {
		assert.deepEqual(updateData(run([matrix, step(-1)]), later).mode, {kind: 'matrix', cursor: {actual: 4, predicted: 8}});
		assert.deepEqual(updateData(run([goTo, digit(5)]), later).mode, {kind: 'goTo', typed: '5'});
	});

	test('the first predictions arrive after the filters were chosen', () => {
		const state = updateData(run([mistakes], initialBrowserState()), data);
		assert.deepEqual(at(state), {position: 0, selected: 3});
	});

	test('predictions gone (null) keep the place for when they come back', () => {
		const state = updateData(updateData(run([next, next]), null), later);
		assert.deepEqual(at(state), {position: 2, selected: 2});
	});
});

describe('browser state: a test set without labels', () => {
	const unlabelled = handMade(undefined, {labelled: false});
	const start = initialBrowserState(unlabelled);

	test('mistakes, labels and the matrix need labels: a notice instead', () => {
		for (const action of [mistakes, digit(4), matrix]) {
			const state = browserReducer(start, action);
			assert.equal(state.notice, 'no true labels in this test set');
			assert.deepEqual(state.filter, start.filter);
			assert.deepEqual(state.mode, {kind: 'browse'});
		}
	});

	test('the order cycles test-set order and least confident first only', () => {
		const state = run([order], start);
		assert.equal(state.order, 'confidence');
		assert.deepEqual(list(state), [5, 6, 2, 3, 0, 4, 1, 7]);
		assert.equal(run([order, order], start).order, 'test');
	});
});
