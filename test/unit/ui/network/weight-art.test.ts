import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {tileCells} from '../../../../source/ui/network/weight-art.js';
import {divergingColour, negativeColours, positiveColours, rampCharacter} from '../../../../source/ui/shared/diverging.js';
import {handmade} from './network-fixtures.js';

const unit = (index: number) => handmade[0]!.weights.subarray(index * 784, (index + 1) * 784);
const glyphs = (rows: {glyph: string}[][]) => rows.map(row => row.map(cell => cell.glyph).join(''));

describe('the diverging scale', () => {
	test('blue up, red down, background below a quarter of the largest, six shades each way', () => {
		assert.equal(divergingColour(0), null);
		assert.equal(divergingColour(0.24), null);
		assert.equal(divergingColour(-0.24), null);
		assert.equal(divergingColour(0.25), positiveColours[0]);
		assert.equal(divergingColour(-0.25), negativeColours[0]);
		assert.equal(divergingColour(1), positiveColours[5]);
		assert.equal(divergingColour(-1), negativeColours[5]);
		assert.equal(divergingColour(0.6), positiveColours[2]);
		assert.equal(divergingColour(Number.NaN), null);
	});

	test('without colour, signs carry the direction: . + # up, - = % down', () => {
		assert.deepEqual([0, 0.3, 0.6, 1, -0.3, -0.6, -1].map(rampCharacter), [' ', '.', '+', '#', '-', '=', '%']);
	});
});

describe('a unit tile', () => {
	test('halved: 14 columns by 7 lines, two pixel rows a line; the left half strong blue, the right strong red', () => {
		const rows = tileCells(unit(0), {ascii: false, scale: 2});
		assert.equal(rows.length, 7);
		assert.ok(rows.every(row => row.length === 14));
		for (const row of rows) {
			for (const [column, cell] of row.entries()) {
				const colour = column < 7 ? positiveColours[5] : negativeColours[5];
				assert.deepEqual(cell, {glyph: '▀', fg: colour, bg: colour});
			}
		}
	});

	test('full size: 28 by 14; a vertical bar of weights; zero weights are background', () => {
		const rows = glyphs(tileCells(unit(1), {ascii: false, scale: 1}));
		assert.equal(rows.length, 14);
		assert.ok(rows.every(row => row === `${' '.repeat(12)}▀▀▀▀${' '.repeat(12)}`));
		assert.deepEqual(glyphs(tileCells(unit(3), {ascii: true, scale: 1})), Array(14).fill(' '.repeat(28)));
	});

	test('each tile scaled to its own largest weight: the same picture a thousand times smaller', () => {
		const small = unit(0).map(value => value / 1000);
		assert.deepEqual(tileCells(small, {ascii: false, scale: 2}), tileCells(unit(0), {ascii: false, scale: 2}));
	});

	test('in ASCII the half that pushes up is #, the half that pushes down %; a row of weights half a pixel pair is averaged', () => {
		assert.deepEqual(glyphs(tileCells(unit(0), {ascii: true, scale: 2})), Array(7).fill(`${'#'.repeat(7)}${'%'.repeat(7)}`));
		// the top seven pixel rows at 0.5, the largest: the tile's first line holds pixel rows 0-3, its second rows 4-7,
		// of which 4-6 are inked (a mean of 0.75 of the largest: still #); the rest is blank
		assert.deepEqual(glyphs(tileCells(unit(2), {ascii: true, scale: 2})), [
			'#'.repeat(14),
			'#'.repeat(14),
			...Array<string>(5).fill(' '.repeat(14)),
		]);
	});
});
