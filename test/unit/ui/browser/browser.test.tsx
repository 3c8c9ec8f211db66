import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {classSets} from '../../../../source/train/config.js';
import {browserKeyHint} from '../../../../source/ui/browser/browser-keys.js';
import {browserData} from './browser-fixtures.js';
import {data, firstScreen80, frame, mostConfused120, typed} from './browser-frames.js';

describe('Browser frames', () => {
	test('at 80x20, the first screen: test digit #1, a 7, right, with its ten probabilities', () => {
		assert.equal(frame(typed(''), 80, 20), firstScreen80);
	});

	test('at 80x20, mistakes only: the first one, what it was at the epoch before, both classes marked', () => {
		assert.equal(
			frame(typed('m'), 80, 20),
			[
				'Predictions · epoch 3 · 10,000 test digits · mistakes · test-set order',
				'',
				'                               #9 of 10,000',
				'                               1 of 22 mistakes',
				'                ▄▄▄▄▄▄█▄▄      ✗ true 5  pred 6',
				'             ████████████      was 4 at epoch 2',
				'        ▄█   ▀▀▀▀▀',
				'      ▄██▀                     0                               0.3%',
				'     ▄██                       1 █▏                            4.4%',
				'     ████▄▄ ▄                  2                               0.3%',
				'     ▀▀████████████▄           3                               0.3%',
				'           ████▀████           4                               0.3%',
				'            ███████▀           5 █████                        18.9% ◀ true',
				'             ▀▀█▀▀             6 ████████████████████▏        74.8% ◀ pred',
				'                               7                               0.3%',
				'                               8                               0.3%',
				'                               9                               0.3%',
				'',
				'',
				'',
			].join('\n'),
		);
	});

	test('at 80x20 with --ascii: the shade ramp, words for right and wrong, # bars', () => {
		assert.equal(
			frame(typed('m'), 80, 20, {ascii: true}),
			[
				'Predictions - epoch 3 - 10,000 test digits - mistakes - test-set order',
				'',
				'                               #9 of 10,000',
				'                               1 of 22 mistakes',
				'               .:=+++=#*+      WRONG  true 5  pred 6',
				'            .#@@@@@@@%%%%      was 4 at epoch 2',
				'        =#: .+=+-:.',
				'      :%@:                     0                               0.3%',
				'     =@#                       1 #                             4.4%',
				'     @@@#+:.:.  .              2                               0.3%',
				'     :+@@@@@@@@@@@%:           3                               0.3%',
				'         ..*@@#+%@@*           4                               0.3%',
				'           .%@@%@@%-           5 #####                        18.9% < true',
				'             -*#=:             6 ####################         74.8% < pred',
				'                               7                               0.3%',
				'                               8                               0.3%',
				'                               9                               0.3%',
				'',
				'',
				'',
			].join('\n'),
		);
	});

	test('at 80x20, c: the matrix in place of the digit, the cursor in brackets on the most confused cell', () => {
		assert.equal(
			frame(typed('c'), 80, 20),
			[
				'Predictions · epoch 3 · 10,000 test digits · all digits · test-set order',
				'',
				'Confusion · epoch 3 · accuracy 99.78%',
				'true\\pred    0    1    2    3    4    5    6    7    8    9 recall',
				'0          980    ·    ·    ·    ·    ·    ·    ·    ·    ·   100%',
				'1            · 1135    ·    ·    ·    ·    ·    ·    ·    ·   100%',
				'2            ·    1 1030    ·    ·    ·    ·    1    ·    ·  99.8%',
				'3            ·    ·    · 1008    ·    1    ·    ·    1    ·  99.8%',
				'4            ·    ·    ·    ·  976    ·    1    ·    ·   [5] 99.4%',
				'5            ·    ·    ·    2    ·  888    1    ·    1    ·  99.6%',
				'6            2    ·    ·    ·    ·    ·  956    ·    ·    ·  99.8%',
				'7            ·    ·    1    ·    ·    ·    · 1027    ·    ·  99.9%',
				'8            1    ·    1    ·    1    ·    ·    ·  971    ·  99.7%',
				'9            ·    ·    ·    ·    1    ·    ·    ·    1 1007  99.8%',
				'precision 99.7 99.9 99.8 99.8 99.8 99.9 99.8 99.9 99.7 99.5',
				'',
				'',
				'',
				'',
				'cell 4→9: 5 of true 4 taken for 9 · Enter shows them · Esc leaves',
			].join('\n'),
		);
	});

	test("at 120x36, c then Enter: the cell's first digit, its neighbours, the matrix below", () => {
		assert.equal(frame(typed('c\r'), 120, 36), mostConfused120);
	});

	test('a cursor on a diagonal cell with a 4-digit count: the brackets take the neighbouring spaces', () => {
		const lines = frame(typed(`c${'\u001B[B'.repeat(5)}`), 80, 20).split('\n');
		assert.equal(lines[13], '9            ·    ·    ·    ·    1    ·    ·    ·    1[1007] 99.8%');
		assert.equal(lines[19], 'cell 9→9: 1,007 right · Enter shows them · Esc leaves');
	});

	test('an empty cell offers no Enter: it says there is nothing in it, and after training that none will come', () => {
		// c starts on 4→9; ← ← ← moves to 4→6, then ↑ to 3→6: no 3 was taken for a 6
		const cursor = typed(`c${'\u001B[D'.repeat(3)}\u001B[A`);
		assert.deepEqual(cursor.mode, {kind: 'matrix', cursor: {actual: 3, predicted: 6}});
		assert.equal(frame(cursor, 80, 20).split('\n')[19], 'cell 3→6: no true 3 taken for 6 · Esc leaves');
		assert.equal(browserKeyHint(cursor, false), '←↑↓→ move · Esc leave');
		assert.equal(browserKeyHint(typed('c'), false), '←↑↓→ move · Enter open the cell · Esc leave');
		const ended = typed(`c${'\u001B[D'.repeat(3)}\u001B[A\r`, {...data, final: true});
		assert.equal(frame(ended, 80, 20).split('\n')[2], 'no digits in cell 3→6');
		assert.equal(frame(typed(`c${'\u001B[D'.repeat(3)}\u001B[A\r`), 80, 20).split('\n')[2], 'no digits in cell 3→6 yet');
	});

	test('empty results are explained, not blank', () => {
		assert.deepEqual(frame(typed('1m'), 80, 20).split('\n').slice(0, 4), [
			'Predictions · epoch 3 · 10,000 test digits · mistakes, label 1 · test-set order',
			'',
			'no mistakes with label 1 yet',
			'Esc clears the filters',
		]);
	});

	test('with room for the matrix below, the cursor shows there even when the list is empty', () => {
		const lines = frame(typed('1mc'), 120, 36).split('\n');
		assert.equal(lines[2], 'no mistakes with label 1 yet');
		assert.equal(lines[18], 'Confusion · epoch 3 · accuracy 99.78%');
		assert.equal(lines[21], '1            ·[1135]   ·    ·    ·    ·    ·    ·    ·    ·   100%');
		assert.equal(lines[35], 'cell 1→1: 1,135 right · Enter shows them · Esc leaves');
	});

	test('before the first epoch ends', () => {
		assert.deepEqual(frame(typed('', null), 80, 20).split('\n').slice(0, 3), [
			'Predictions · waiting for the first epoch · all digits · test-set order',
			'',
			'predictions appear when the first epoch ends',
		]);
	});

	test('the bottom line shows the number being typed after g, and notices', () => {
		assert.equal(frame(typed('g12'), 80, 20).split('\n')[19], 'go to #12_ (#1 to #10,000) · Enter go · Esc cancel');
		assert.equal(frame(typed('mg12\r'), 80, 20).split('\n')[19], 'filters off to show #12');
		assert.equal(frame(typed('g0\r'), 80, 20).split('\n')[19], 'no digit #0: numbers go from #1 to #10,000');
	});

	test('a ranked order says so beside the position', () => {
		const lines = frame(typed('ms'), 80, 20).split('\n');
		assert.equal(lines[0], 'Predictions · epoch 3 · 10,000 test digits · mistakes · highest loss first');
		assert.equal(lines[3], '                               1 of 22 mistakes, highest loss first');
	});

	test('a test CSV without labels: "true ?", no right or wrong', () => {
		const lines = frame(typed('', browserData({count: 50, labelled: false})), 80, 20).split('\n');
		assert.equal(lines[2], '                               #1 of 50');
		assert.equal(lines[4], '                               true ?  pred 7');
		assert.equal(lines[14], '          ▄███                 7 ████████████████████████████████▊  99.5% ◀ pred');
	});

	test('Fashion-MNIST names in the labels and bars', () => {
		const fashion = {...browserData({count: 50}), classes: classSets.fashion};
		const lines = frame(typed('', fashion), 80, 20).split('\n');
		assert.equal(lines[0], 'Predictions · epoch 3 · 50 test images · all images · test-set order');
		assert.equal(lines[4], '                               ✓ true Sneaker  pred Sneaker');
		assert.equal(lines[14], '          ▄███                 Sneaker     ████████████████▉  99.5% ◀ pred, true');
	});

	test('Fashion-MNIST mistakes at 80x20: the class names on the true/pred line, the change and the bars', () => {
		const fashion = {...browserData({count: 50}), classes: classSets.fashion};
		assert.equal(
			frame(typed('m', fashion), 80, 20),
			[
				'Predictions · epoch 3 · 50 test images · mistakes · test-set order',
				'',
				'                               #9 of 50',
				'                               1 of 3 mistakes',
				'                ▄▄▄▄▄▄█▄▄      ✗ true Sandal  pred Shirt',
				'             ████████████      was Coat at epoch 2',
				'        ▄█   ▀▀▀▀▀',
				'      ▄██▀                     T-shirt/top                     0.3%',
				'     ▄██                       Trouser     ▋                   4.4%',
				'     ████▄▄ ▄                  Pullover                        0.3%',
				'     ▀▀████████████▄           Dress                           0.3%',
				'           ████▀████           Coat                            0.3%',
				'            ███████▀           Sandal      ███▏               18.9% ◀ true',
				'             ▀▀█▀▀             Shirt       ████████████▋      74.8% ◀ pred',
				'                               Sneaker                         0.3%',
				'                               Bag                             0.3%',
				'                               Ankle boot                      0.3%',
				'',
				'',
				'',
			].join('\n'),
		);
	});
});
