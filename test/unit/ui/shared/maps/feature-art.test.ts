import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import type {DigitCell} from '../../../../../source/ui/shared/digit-art.js';
import {filterCells, mapCells, mapSize} from '../../../../../source/ui/shared/maps/feature-art.js';

const text = (rows: DigitCell[][]): string[] => rows.map(cells => cells.map(cell => cell.glyph).join(''));

describe('a filter tile', () => {
	test('2×2 weights two columns each, on the signed ramp: the largest #, its opposite %, half of it +', () => {
		assert.deepEqual(text(filterCells([1, -1, 0, 0.5], 2, 2, true)), ['##%%', '  ++']);
	});

	test('at one column a weight, two rows a line: a 3×3 filter is 3 columns by 2 lines, the last half empty', () => {
		assert.deepEqual(text(filterCells([1, 1, 1, 0, 0, 0, 1, 0, 0], 3, 1, true)), ['+++', '+  ']);
		// in colour, the top row in the foreground of ▀, the bottom one in its background
		const [top] = filterCells([1, 1, 1, 0, 0, 0, 1, 0, 0], 3, 1, false);
		assert.deepEqual(top![0], {glyph: '▀', fg: 39, bg: null});
	});
});

describe('a feature map', () => {
	// a 4×4 map: the top left 2×2 block at 4, one value of 4 at the bottom right, zeros elsewhere
	const map = [4, 4, 0, 0, 4, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4];

	test('each 2×2 block averaged: 2 columns by 1 line, on the shade ramp relative to the layer’s largest', () => {
		assert.deepEqual(mapSize(4, 4, {scale: 2}), {columns: 2, lines: 1});
		// the left column: (1 + 0) / 2; the right one: (0 + 0.25) / 2
		assert.deepEqual(text(mapCells(map, 4, 4, {scale: 2}, 4, true)), ['+.']);
		assert.deepEqual(text(mapCells(map, 4, 4, {scale: 2}, 8, true)), [': ']);
	});

	test('each value twice its size: 8 columns by 4 lines; in colour, white for the largest', () => {
		assert.deepEqual(mapSize(4, 4, {zoom: 2}), {columns: 8, lines: 4});
		assert.deepEqual(
			text(mapCells(map, 4, 4, {zoom: 2}, 4, true)),
			['@@@@', '@@@@', '', '      @@'].map(line => line.padEnd(8)),
		);
		const [first] = mapCells(map, 4, 4, {zoom: 2}, 4, false);
		assert.deepEqual(first![0], {glyph: '▀', fg: 255, bg: 255});
		assert.deepEqual(first![4], {glyph: ' ', fg: null, bg: null});
	});
});
