import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {networkLayout} from '../../../../source/ui/network/network-layout.js';
import {initialNetworkView, networkViewReducer} from '../../../../source/ui/network/network-state.js';
import {unitOrder} from '../../../../source/ui/network/unit-order.js';
import {unitStrip} from '../../../../source/ui/network/unit-strip.js';
import {handmade} from './network-fixtures.js';

describe('the network view', () => {
	test('pages stay between the first and the last; s cycles the orders, skipping activity until it is known', () => {
		const known = {pages: 3, activity: true};
		const step = (state = initialNetworkView, ...actions: Parameters<typeof networkViewReducer>[1][]) =>
			actions.reduce((current, action) => networkViewReducer(current, action, known), state);
		assert.equal(step(undefined, {type: 'page', by: -1}).page, 0);
		assert.equal(step(undefined, {type: 'page', by: 1}, {type: 'page', by: 1}, {type: 'page', by: 1}).page, 2);
		assert.equal(step(undefined, {type: 'lastPage'}).page, 2);
		assert.equal(step({page: 2, order: 'unit'}, {type: 'firstPage'}).page, 0);
		assert.deepEqual(
			[1, 2, 3].map(times => step(undefined, ...Array(times).fill({type: 'order'})).order),
			['weights', 'activity', 'unit'],
		);
		assert.deepEqual(networkViewReducer({page: 2, order: 'weights'}, {type: 'order'}, {pages: 3, activity: false}), {
			page: 0,
			order: 'unit',
		});
		// a page past the end after the terminal shrank: a step back lands on the last page that is
		assert.equal(networkViewReducer({page: 9, order: 'unit'}, {type: 'page', by: -1}, known).page, 1);
	});

	test('units by number, by the size of their weights, by how much they fire; ties keep their numbers', () => {
		const weights = handmade[0]!.weights;
		assert.deepEqual(Array.from(unitOrder('unit', weights, 4, null)), [0, 1, 2, 3]);
		// unit 1: 784 weights of size 1; unit 2: 80 of 1; unit 3: 196 of 0.5; unit 4: none
		assert.deepEqual(Array.from(unitOrder('weights', weights, 4, null)), [0, 1, 2, 3]);
		assert.deepEqual(Array.from(unitOrder('activity', weights, 4, Float32Array.from([0.1, 0.7, 0.7, 0]))), [1, 2, 0, 3]);
		assert.deepEqual(Array.from(unitOrder('activity', weights, 4, null)), [0, 1, 2, 3]);
	});

	test('layout: halved tiles unless 16 full-size ones fit; the lines add up to the room', () => {
		const at80 = networkLayout(80, 20, 0);
		assert.deepEqual([at80.scale, at80.columns, at80.rows, at80.perPage], [2, 5, 2, 10]);
		const at120 = networkLayout(120, 36, 1);
		assert.deepEqual([at120.scale, at120.columns, at120.rows, at120.perPage], [2, 8, 3, 24]);
		const big = networkLayout(240, 70, 0);
		assert.deepEqual([big.scale, big.columns, big.rows, big.perPage], [1, 8, 4, 32]);
		for (const [width, height, later] of [
			[80, 20, 0],
			[120, 36, 1],
			[240, 70, 0],
			[100, 26, 2],
		] as const) {
			const layout = networkLayout(width, height, later);
			assert.ok(layout.columns * (layout.tileWidth + 1) - 1 <= width);
			assert.ok(1 + layout.rows * (layout.tileLines + 1) + later * layout.stripLines + 2 <= height);
		}
	});

	test("a later layer's strip: one character a unit, from silent to its strongest, wrapped and cut", () => {
		assert.deepEqual(unitStrip([0, 0.5, 1, -1], 10, 2, false), [' ▄█ ']);
		assert.deepEqual(unitStrip([0, 0.5, 1], 10, 2, true), [' +@']);
		assert.deepEqual(
			unitStrip(
				Array.from({length: 25}, () => 1),
				10,
				2,
				false,
			),
			['█'.repeat(10), `${'█'.repeat(9)}…`],
		);
		assert.deepEqual(unitStrip([0, 0], 10, 1, false), ['  ']);
	});
});
