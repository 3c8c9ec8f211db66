import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {eraser, paintDot, paintLine, pen} from '../../../../source/ui/draw/brush.js';

const blank = () => new Float32Array(28 * 28);
const at = (image: Float32Array, row: number, column: number) => image[row * 28 + column]!;

describe('the brush', () => {
	test('a dot: full within 0.8 pixels of its centre, fading to nothing one pixel further, as measured from pixel centres', () => {
		const image = blank();
		paintDot(image, {row: 10.5, column: 10.5}, pen);
		assert.equal(at(image, 10, 10), 1);
		// the four neighbours are 1 away: 0.8 + 1 − 1
		for (const [r, c] of [
			[9, 10],
			[11, 10],
			[10, 9],
			[10, 11],
		] as const)
			assert.ok(Math.abs(at(image, r, c) - 0.8) < 1e-6);
		// the diagonal ones are √2 away
		assert.ok(Math.abs(at(image, 9, 9) - (1.8 - Math.SQRT2)) < 1e-6);
		// two away: nothing
		assert.equal(at(image, 8, 10), 0);
		assert.equal(image.filter(value => value > 0).length, 9);
	});

	test('ink only adds: a faint dot over a dark pixel leaves it dark; the eraser takes ink away', () => {
		const image = blank();
		image[10 * 28 + 11] = 1;
		paintDot(image, {row: 10.5, column: 10.5}, pen);
		assert.equal(at(image, 10, 11), 1);
		paintDot(image, {row: 10.5, column: 10.5}, eraser);
		assert.equal(at(image, 10, 10), 0);
		assert.equal(at(image, 10, 11), 0);
		assert.ok(image.every(value => value >= 0 && value <= 1));
	});

	test('a line is unbroken however fast the hand: a horizontal stroke inks every pixel it crosses, fully', () => {
		const image = blank();
		paintLine(image, {row: 5.5, column: 2.5}, {row: 5.5, column: 25.5}, pen);
		for (let column = 2; column <= 25; column++) assert.equal(at(image, 5, column), 1, `column ${column}`);
		const diagonal = blank();
		paintLine(diagonal, {row: 2.5, column: 2.5}, {row: 20.5, column: 20.5}, pen);
		for (let k = 2; k <= 20; k++) assert.equal(at(diagonal, k, k), 1, `pixel ${k}`);
	});

	test('dots at the edge stay inside the image', () => {
		const image = blank();
		paintDot(image, {row: 0, column: 0}, pen);
		paintDot(image, {row: 28, column: 28}, pen);
		assert.equal(image.length, 784);
		assert.ok(at(image, 0, 0) > 0 && at(image, 27, 27) > 0);
	});
});
