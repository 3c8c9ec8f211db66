import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {barParts, progressBar} from '../../../../source/ui/shared/bars.js';

const unicode = {ascii: false};
const ascii = {ascii: true};

describe('progressBar', () => {
	test('fills whole cells, then one eighth-block for the rest', () => {
		assert.equal(progressBar(0, 10, unicode), '░░░░░░░░░░');
		assert.equal(progressBar(0.5, 10, unicode), '█████░░░░░');
		assert.equal(progressBar(0.55, 4, unicode), '██▏░');
		assert.equal(progressBar(0.3, 3, unicode), '▉░░');
		assert.equal(progressBar(1, 10, unicode), '██████████');
	});

	test('is only full at exactly 1', () => {
		assert.equal(progressBar(0.999, 10, unicode), '█████████▉');
		assert.equal(progressBar(0.999, 10, ascii), '#########-');
	});

	test('uses # and - in ASCII mode', () => {
		assert.equal(progressBar(0.5, 10, ascii), '#####-----');
		assert.equal(progressBar(0.26, 4, ascii), '#---');
		assert.match(progressBar(0.37, 40, ascii), /^[#-]{40}$/);
	});

	test('clamps fractions outside [0, 1] and treats NaN as 0', () => {
		assert.equal(progressBar(-1, 4, unicode), '░░░░');
		assert.equal(progressBar(2, 4, unicode), '████');
		assert.equal(progressBar(Number.NaN, 4, ascii), '----');
	});

	test('is always exactly as wide as asked', () => {
		for (let width = 0; width <= 30; width++) {
			for (let step = 0; step <= 100; step++) {
				for (const options of [unicode, ascii]) {
					const bar = progressBar(step / 100, width, options);
					assert.equal(Array.from(bar).length, width, `${step}% in ${width}`);
				}
			}
		}
	});

	test('keeps the filled part apart from the track, for colouring', () => {
		assert.deepEqual(barParts(0.5, 6, unicode), {filled: '███', empty: '░░░'});
		assert.deepEqual(barParts(0.25, 2, unicode), {filled: '▌', empty: '░'});
	});
});
