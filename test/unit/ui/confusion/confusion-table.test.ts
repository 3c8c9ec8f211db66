import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {abbreviate} from '../../../../source/text/class-names.js';
import {classSets} from '../../../../source/train/config.js';
import {confusionTable, naturalWidth} from '../../../../source/ui/confusion/confusion-table.js';
import {epochConfusion, probeConfusion} from '../fixtures.js';

const digits = classSets.digits;
const line = (row: {label: string; cells: readonly {text: string}[]; recallText: string}) =>
	row.label + row.cells.map(cell => cell.text).join('') + row.recallText;

describe('confusionTable', () => {
	const table = confusionTable(epochConfusion, digits, 200, false);

	test('recall is right / row total, precision right / column total, accuracy right / all', () => {
		assert.equal(table.rows[0]!.recall, 970 / 980);
		assert.equal(table.rows[9]!.recall, 978 / 1009);
		assert.equal(table.precision[0], 970 / (970 + 4 + 1 + 2 + 5 + 1 + 3 + 2));
		assert.equal(table.precision[1], 1124 / (1124 + 1 + 2 + 4 + 3));
		assert.equal(table.accuracy, 9798 / 10_000);
	});

	test('shares are of the true class (the row)', () => {
		const four = table.rows[4]!;
		assert.equal(four.cells[9]!.share, 8 / 982);
		assert.equal(four.cells.reduce((sum, cell) => sum + cell.share, 0).toFixed(12), (1).toFixed(12));
	});

	test('tones: the diagonal is correct, errors by share, zeros apart', () => {
		const tones = (row: number) => table.rows[row]!.cells.map(cell => cell.tone);
		// 4 taken for 9: 8 of 982 = 0.81%; 4 for 2: 3 of 982 = 0.31%
		assert.deepEqual(tones(4), ['low', 'zero', 'low', 'zero', 'correct', 'zero', 'low', 'low', 'low', 'medium']);
		// early in a run 5 is taken for 3 in 9 of 87 images: 10%
		assert.equal(confusionTable(probeConfusion, digits, 200, false).rows[5]!.cells[3]!.tone, 'high');
	});

	test('lays the matrix out as aligned text, zeros as dots', () => {
		assert.equal(table.width, 66);
		assert.equal(table.header, 'true\\pred    0    1    2    3    4    5    6    7    8    9 recall');
		assert.equal(line(table.rows[0]!), '0          970    ·    1    ·    ·    2    3    1    3    ·  99.0%');
		assert.equal(line(table.rows[1]!), '1            · 1124    3    1    ·    1    2    1    3    ·  99.0%');
		assert.equal(table.precisionLabel + table.precisionTexts.join(''), 'precision 98.2 99.1 97.8 97.6 98.1 97.9 98.1 97.7 97.3 97.9');
		for (const row of table.rows) assert.equal(line(row).length, table.width);
	});

	test('draws zeros as . in ASCII mode', () => {
		assert.equal(
			line(confusionTable(epochConfusion, digits, 200, true).rows[0]!),
			'0          970    .    1    .    .    2    3    1    3    .  99.0%',
		);
	});

	test('narrows itself to fit: first the corner label goes, then the recall column, then the column width', () => {
		const widths = [66, 65, 61, 60, 54, 53, 40].map(width => confusionTable(epochConfusion, digits, width, false).width);
		assert.deepEqual(widths, [66, 61, 61, 54, 54, 49, 39]);
		const narrow = confusionTable(probeConfusion, digits, 50, false);
		assert.equal(narrow.width, 44);
		assert.equal(narrow.header, '       0   1   2   3   4   5   6   7   8   9');
		assert.equal(line(narrow.rows[1]!), '1      · 123   1   ·   ·   ·   1   ·   1   ·');
		assert.equal(narrow.precisionLabel + narrow.precisionTexts.join(''), 'prec  89  90  88  82  89  83  87  86  81  84');
	});

	test('when nothing fits, keeps the columns that do', () => {
		const clipped = confusionTable(epochConfusion, digits, 30, true);
		assert.equal(clipped.width, 29);
		assert.equal(clipped.header, '        0    1    2    3    4');
		assert.equal(line(clipped.rows[7]!), '7       1    4    9    2    1');
		assert.equal(clipped.precisionLabel + clipped.precisionTexts.join(''), 'prec 98.2 99.1 97.8 97.6 98.1');
	});

	test('a class without images has no recall, a column nothing was predicted as no precision', () => {
		const empty = confusionTable(
			[
				[3, 0],
				[0, 0],
			],
			['0', '1'],
			80,
			false,
		);
		assert.equal(empty.rows[1]!.recall, null);
		assert.equal(empty.rows[1]!.recallText, '      -');
		assert.equal(empty.precision[1], null);
		assert.equal(empty.rows[0]!.recallText, '   100%');
		assert.equal(empty.precisionTexts[0], '  100');
	});

	test('an empty matrix has no accuracy', () => {
		assert.equal(
			confusionTable(
				[
					[0, 0],
					[0, 0],
				],
				['0', '1'],
				80,
				false,
			).accuracy,
			null,
		);
	});

	test('Fashion-MNIST: short column names, full row names while they fit', () => {
		const fashion = confusionTable(epochConfusion, classSets.fashion, 200, false);
		assert.equal(fashion.header, 'true\\pred     Top Trous  Pull Dress  Coat  Sand Shirt  Snkr   Bag  Boot recall');
		assert.equal(fashion.rows[9]!.label, 'Ankle boot ');
		// the same precision text as the digits' columns have, only wider
		assert.equal(fashion.precisionTexts[0], '  98.2');
		assert.equal(confusionTable(epochConfusion, classSets.digits, 200, false).precisionTexts[0], ' 98.2');
		assert.equal(confusionTable(epochConfusion, classSets.fashion, 75, false).rows[9]!.label, 'Boot ');
		assert.equal(abbreviate('Sneaker'), 'Snkr');
		assert.equal(abbreviate('Hovercraft'), 'Hover');
	});

	test('naturalWidth is the widest table, also before the first results', () => {
		assert.equal(naturalWidth(null, digits), 66);
		assert.equal(naturalWidth(probeConfusion, digits), 66);
		assert.equal(naturalWidth(epochConfusion, digits), 66);
	});
});
