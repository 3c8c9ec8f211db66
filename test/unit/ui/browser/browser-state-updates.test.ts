import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {browserReducer, initialBrowserState} from '../../../../source/ui/browser/browser-state.js';
import {emptyText} from '../../../../source/ui/browser/browser-text.js';
import {
	at,
	data,
	digit,
	enter,
	esc,
	goTo,
	handMade,
	list,
	matrix,
	mistakes,
	next,
	order,
	run,
	step,
	updateData,
} from './browser-state-fixtures.js';

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
		assert.equal(
			emptyText(updateData(state, {...handMade(), final: true}), false),
			'no digits in cell 0→3',
			'a run that has ended will not change either',
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
