import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {filteredIndices} from '../../../../source/ui/browser/browser-list.js';
import {browserReducer, initialBrowserState} from '../../../../source/ui/browser/browser-state.js';
import {emptyText} from '../../../../source/ui/browser/browser-text.js';
import {at, data, digit, enter, esc, goTo, handMade, list, mistakes, next, order, previous, run, step} from './browser-state-fixtures.js';

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
