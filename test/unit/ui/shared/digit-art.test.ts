import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {digitCells, digitLines, grey, inkThreshold, shadeRamp} from '../../../../source/ui/shared/digit-art.js';
import {imageOf, testLabels} from '../browser/browser-fixtures.js';

const blank = new Uint8Array(784);
const white = new Uint8Array(784).fill(255);

describe('digit art', () => {
	test('the first MNIST test image, a 7, on the shade ramp: 28 columns, 14 rows', () => {
		assert.equal(testLabels[0], 7);
		assert.deepEqual(digitLines(imageOf(0), {ascii: true}), [
			'                            ',
			'                            ',
			'                            ',
			'      .--:.                 ',
			'      +#*#%@%%%%%%%%%-      ',
			'            . ....:@@:      ',
			'                 :@@:       ',
			'                -@%.        ',
			'               :%%.         ',
			'              +@#.          ',
			'             %@+            ',
			'           -@@-             ',
			'          -@@@.             ',
			'          :==               ',
		]);
	});

	test('the same 7 in half blocks: the glyph is the shape of the pixels from the ink threshold up', () => {
		assert.deepEqual(digitLines(imageOf(0), {ascii: false}), [
			'                            ',
			'                            ',
			'                            ',
			'       ▄▄▄                  ',
			'      ▀█▀████████████▄      ',
			'                   ██▀      ',
			'                 ▄██        ',
			'                ▄██         ',
			'               ▄██          ',
			'              ▄██           ',
			'             ██▀            ',
			'           ▄██▀             ',
			'          ▄███              ',
			'          ▀▀▀               ',
		]);
	});

	test('small: 2x2 pixels averaged first, 14 columns by 7 rows', () => {
		assert.deepEqual(digitLines(imageOf(0), {ascii: false, scale: 2}), [
			'              ',
			'              ',
			'   ▀▀▀▀▀▀██   ',
			'        ▄█    ',
			'       ▄█     ',
			'      █▀      ',
			'     ▀▀       ',
		]);
		assert.deepEqual(digitLines(imageOf(0), {ascii: true, scale: 2}), [
			'              ',
			'   ..         ',
			'   --==++#+   ',
			'        =#    ',
			'       =*     ',
			'      #=      ',
			'     ++       ',
		]);
	});

	test('a blank image is all spaces, with no colour at all', () => {
		for (const ascii of [true, false]) {
			const cells = digitCells(blank, {ascii}).flat();
			assert.equal(cells.length, 28 * 14);
			assert.ok(cells.every(cell => cell.glyph === ' ' && cell.fg === null && cell.bg === null));
		}
	});

	test('a white image is full blocks in white, or the heaviest shade', () => {
		const cells = digitCells(white, {ascii: false}).flat();
		assert.ok(cells.every(cell => cell.glyph === '█' && cell.fg === 255 && cell.bg === null));
		assert.deepEqual(
			digitLines(white, {ascii: true}),
			Array.from({length: 14}, () => '@'.repeat(28)),
		);
		assert.deepEqual(
			digitLines(white, {ascii: false, scale: 2}),
			Array.from({length: 7}, () => '█'.repeat(14)),
		);
	});

	test('half blocks: top or bottom ink, with the faint other half as a grey background', () => {
		const pixels = new Uint8Array(784);
		pixels[0] = 255; // top of the first pair
		pixels[28 + 1] = 200; // bottom of the second
		pixels[2] = 40; // faint top over ink
		pixels[28 + 2] = inkThreshold;
		pixels[3] = inkThreshold - 1; // faint only
		const [first] = digitCells(pixels, {ascii: false});
		assert.deepEqual(first!.slice(0, 5), [
			{glyph: '▀', fg: 255, bg: null},
			{glyph: '▄', fg: grey(200), bg: null},
			{glyph: '▄', fg: grey(inkThreshold), bg: grey(40)},
			{glyph: ' ', fg: null, bg: grey(inkThreshold - 1)},
			{glyph: ' ', fg: null, bg: null},
		]);
	});

	test('greys run from 232 (black) to 255 (white); the ramp from blank to heaviest', () => {
		assert.equal(grey(0), 232);
		assert.equal(grey(255), 255);
		assert.equal(grey(128), 244);
		assert.equal(shadeRamp[0], ' ');
		const level = (value: number) => digitLines(new Uint8Array(784).fill(value), {ascii: true})[0]![0];
		assert.deepEqual([0, 25, 26, 128, 230, 231, 255].map(level), [' ', ' ', '.', '+', '%', '@', '@']);
	});

	test('every test digit draws as 14 lines of 28 characters, ASCII only on the ramp', () => {
		for (let index = 0; index < 200; index++) {
			const ascii = digitLines(imageOf(index), {ascii: true});
			assert.equal(ascii.length, 14);
			assert.ok(ascii.every(line => line.length === 28 && /^[ .:\-=+*#%@]+$/.test(line)));
			assert.ok(digitLines(imageOf(index), {ascii: false}).every(line => Array.from(line).length === 28));
		}
	});
});
