import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {classSets} from '../../../../source/train/config.js';
import {
	type ProbabilityOptions,
	probabilityLine,
	probabilityRows,
	probabilityText,
} from '../../../../source/ui/browser/probability-bars.js';

/** A 4 taken for a 9, as a network's softmax gives it. */
const fourAsNine = [0.001, 0.0002, 0.012, 0.0003, 0.0381, 0.009, 0.0001, 0.0004, 0.0002, 0.9387];

const lines = (probabilities: readonly number[], options: Partial<ProbabilityOptions>) =>
	probabilityRows(probabilities, {classes: classSets.digits, predicted: 9, actual: 4, width: 49, ascii: false, ...options}).map(
		probabilityLine,
	);

describe('probability bars', () => {
	test('one row per class, the predicted and the true class marked in words', () => {
		assert.deepEqual(lines(fourAsNine, {}), [
			'0                               0.1%             ',
			'1                              <0.1%             ',
			'2 ▎                             1.2%             ',
			'3                              <0.1%             ',
			'4 █                             3.8% ◀ true      ',
			'5 ▏                             0.9%             ',
			'6                              <0.1%             ',
			'7                              <0.1%             ',
			'8                              <0.1%             ',
			'9 █████████████████████████▎   93.9% ◀ pred      ',
		]);
	});

	test('ASCII: # bars and <; a right answer is marked "pred, true"', () => {
		assert.deepEqual(lines(fourAsNine, {actual: 9, width: 40, ascii: true}), [
			'0                      0.1%             ',
			'1                     <0.1%             ',
			'2                      1.2%             ',
			'3                     <0.1%             ',
			'4                      3.8%             ',
			'5                      0.9%             ',
			'6                     <0.1%             ',
			'7                     <0.1%             ',
			'8                     <0.1%             ',
			'9 ################    93.9% < pred, true',
		]);
	});

	test('without labels only the prediction is marked, and the mark column is narrower', () => {
		assert.deepEqual(lines(fourAsNine, {actual: null, width: 30}).slice(8), [
			'8                 <0.1%       ',
			'9 █████████████▏  93.9% ◀ pred',
		]);
	});

	test('Fashion names: full when they fit, abbreviated with short marks when narrow', () => {
		const options = {classes: classSets.fashion};
		assert.deepEqual(lines(fourAsNine, {...options, width: 40}).slice(4, 5), ['Coat        ▎          3.8% ◀ true      ']);
		assert.deepEqual(lines(fourAsNine, {...options, width: 26}), [
			'Top              0.1%     ',
			'Trous           <0.1%     ',
			'Pull             1.2%     ',
			'Dress           <0.1%     ',
			'Coat  ▎          3.8% ◀ T ',
			'Sand             0.9%     ',
			'Shirt           <0.1%     ',
			'Snkr            <0.1%     ',
			'Bag             <0.1%     ',
			'Boot  ███████▌  93.9% ◀ P ',
		]);
	});

	test('every row is exactly the width asked for, and the bars keep their width from a right digit to a wrong one', () => {
		for (const width of [24, 30, 49, 57, 73]) {
			for (const actual of [null, 4, 9]) {
				const rows = probabilityRows(fourAsNine, {classes: classSets.digits, predicted: 9, actual, width, ascii: false});
				assert.ok(
					rows.every(row => Array.from(probabilityLine(row)).length === width),
					`${width} ${actual}`,
				);
				// label, space, value, then " ◀ pred, true" even when only one word is there
				if (actual !== null && width >= 30) assert.equal(rows[0]!.bar.length + rows[0]!.track.length, width - 1 - 1 - 7 - 13);
			}
		}
	});

	test('flags say which row is predicted and which is true', () => {
		const rows = probabilityRows(fourAsNine, {classes: classSets.digits, predicted: 9, actual: 4, width: 49, ascii: false});
		assert.deepEqual(
			rows.map(row => [row.predicted, row.actual]).filter(([p, a]) => p || a),
			[
				[false, true],
				[true, false],
			],
		);
	});

	test('values never claim 0% or 100% unless they are', () => {
		assert.deepEqual([0, 0.0004, 0.0005, 0.973, 0.9994, 0.9996, 1].map(probabilityText), [
			'0.0%',
			'<0.1%',
			'0.1%',
			'97.3%',
			'99.9%',
			'>99.9%',
			'100.0%',
		]);
	});
});
