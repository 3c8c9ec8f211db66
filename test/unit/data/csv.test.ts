import assert from 'node:assert/strict';
import path from 'node:path';
import {describe, test} from 'node:test';
import {readCsv} from '../../../source/data/csv.js';
import {firstImages} from '../../../source/data/dataset.js';
import {loadTest, loadTrain} from '../../../source/data/load.js';
import {csvHeader, mnistCsv} from '../../helpers/mnist-files.js';
import {fixtures} from '../../helpers/paths.js';
import {rejectsWith, scratchFolder} from '../../helpers/scratch.js';

const {folder, write} = scratchFolder('mnist-tui-csv-');

const test10k = await loadTest({}, 100);
const train = await loadTrain({}, 100);

/** The first `count` real test images as CSV lines (label first), without a header. */
const rows = (count: number): string[] => mnistCsv(firstImages(test10k, count), {header: false}).trimEnd().split('\n');
const row = (index: number): string[] => rows(index + 1)[index]!.split(',');

describe('reading MNIST CSV', () => {
	test('the Kaggle-style fixture (header row) gives the same bytes and labels as the IDX files', async () => {
		const csv = await readCsv(path.join(fixtures, 'mnist_test_100.csv'));
		assert.equal(csv.count, 100);
		assert.deepEqual([csv.rows, csv.columns], [28, 28]);
		assert.deepEqual(csv.images, test10k.images);
		assert.deepEqual(csv.labels, test10k.labels);
	});

	test('a file without a header row is read from its first line', async () => {
		const csv = await readCsv(path.join(fixtures, 'mnist_train_100.csv'));
		assert.deepEqual(csv.images, train.images);
		assert.deepEqual(csv.labels, train.labels);
	});

	test('an unlabelled file (784 columns, `pixel0,…` header) has labels null', async () => {
		const csv = await readCsv(path.join(fixtures, 'mnist_test_unlabelled_10.csv'));
		assert.equal(csv.labels, null);
		assert.deepEqual(csv.images, firstImages(test10k, 10).images);
	});

	test('CRLF line ends, a byte order mark, blank lines, quotes and spaces are accepted', async () => {
		const crlf = write('crlf.csv', `\uFEFF${mnistCsv(firstImages(test10k, 5), {lineEnd: '\r\n'})}\r\n`);
		const quoted = rows(5).map(line =>
			line
				.split(',')
				.map((cell, index) => (index % 2 ? `"${cell}"` : ` ${cell} `))
				.join(','),
		);
		const loose = write('loose.csv', `${csvHeader(true)}\n\n${quoted.join('\n')}\n\n`);
		for (const file of [crlf, loose]) {
			const csv = await readCsv(file);
			assert.equal(csv.count, 5);
			assert.deepEqual(csv.images, firstImages(test10k, 5).images);
			assert.deepEqual(csv.labels, firstImages(test10k, 5).labels);
		}
	});

	test('limit stops reading after that many images', async () => {
		const csv = await readCsv(path.join(fixtures, 'mnist_test_100.csv'), {limit: 7});
		assert.equal(csv.count, 7);
		assert.deepEqual(csv.images, firstImages(test10k, 7).images);
		assert.deepEqual(csv.labels, firstImages(test10k, 7).labels);
		// A limit past the end reads everything; a bad row after the limit is never seen.
		assert.equal((await readCsv(path.join(fixtures, 'mnist_test_100.csv'), {limit: 1000})).count, 100);
		const bad = write('bad-after-limit.csv', `${rows(3).join('\n')}\nnot,a,row\n`);
		assert.equal((await readCsv(bad, {limit: 3})).count, 3);
	});
});

describe('bad MNIST CSV', () => {
	const header = csvHeader(true);
	const cases: Array<[string, string, string]> = [
		[
			'short row',
			[header, ...rows(15), row(15).slice(0, 783).join(',')].join('\n'),
			'line 17: expected 785 columns (label + 784 pixels), found 783',
		],
		['label 12', [header, rows(1)[0], ['12', ...row(1).slice(1)].join(',')].join('\n'), 'line 3: label "12" is not a digit 0-9'],
		['label x', [header, ['x', ...row(0).slice(1)].join(',')].join('\n'), 'line 2: label "x" is not a digit 0-9'],
		['pixel abc', [header, ...rows(3), replaceCell(row(3), 199, 'abc')].join('\n'), 'line 5 column 200: pixel "abc" is not a number 0-255'],
		['pixel 256', [header, ...rows(3), replaceCell(row(3), 199, '256')].join('\n'), 'line 5 column 200: pixel 256 is outside 0-255'],
		['pixel -1', [header, replaceCell(row(0), 10, '-1')].join('\n'), 'line 2 column 11: pixel -1 is outside 0-255'],
		['pixel 12.5', [header, replaceCell(row(0), 10, '12.5')].join('\n'), 'line 2 column 11: pixel 12.5 is not a whole number 0-255'],
		['pixel empty', [header, replaceCell(row(0), 10, '')].join('\n'), 'line 2 column 11: pixel "" is not a number 0-255'],
		[
			'header columns',
			['label,pixel0,pixel1', ...rows(2)].join('\n'),
			'line 1: the header row has 3 columns, expected 785 columns (label + 784 pixels) or 784 (pixels only)',
		],
		[
			'first row columns',
			[row(0).slice(0, 100).join(',')].join('\n'),
			'line 1: expected 785 columns (label + 784 pixels) or 784 (pixels only), found 100',
		],
		[
			'unlabelled then labelled',
			[rows(2)[0]!.replace(/^\d,/, ''), rows(2)[1]].join('\n'),
			'line 2: expected 784 columns (pixels only, no label), found 785',
		],
		[
			'header disagrees',
			[header, rows(1)[0]!.replace(/^\d,/, '')].join('\n'),
			'line 2: expected 785 columns (label + 784 pixels), found 784',
		],
		['open quote', [header, `"7,${row(0).slice(1).join(',')}`].join('\n'), 'line 2: malformed CSV (quote not closed)'],
		['text after quote', [header, `"7"x,${row(0).slice(1).join(',')}`].join('\n'), 'line 2: malformed CSV (invalid closing quote)'],
		[
			'long line',
			[header, rows(1)[0], '1'.repeat(70_000)].join('\n'),
			'line 3: the line is longer than 65536 bytes, too long for an MNIST row',
		],
		[
			'far too many columns',
			[header, rows(1)[0], '1,'.repeat(4_000)].join('\n'),
			'line 3: expected 785 columns (label + 784 pixels), found 4001',
		],
		[
			'a line of separators only, stopped before it is split',
			[header, rows(1)[0], rows(1)[0], ','.repeat(5_000_000)].join('\n'),
			'line 4: the line is longer than 65536 bytes, too long for an MNIST row',
		],
		[
			'a cell with control characters and thousands of characters, shown escaped and cut',
			[header, `\x1b[31m${'9'.repeat(5000)},${row(0).slice(1).join(',')}`].join('\n'),
			`line 2: label "\x1b[31m${'9'.repeat(18)}…" is not a digit 0-9`,
		],
		['nul byte', [header, rows(1)[0], '7\0,0'].join('\n'), 'line 3: expected 785 columns (label + 784 pixels), found 2'],
		['trailing comma', [header, `${rows(1)[0]},`].join('\n'), 'line 2: expected 785 columns (label + 784 pixels), found 786'],
	];
	for (const [name, text, problem] of cases) {
		test(name, async () => {
			const file = write(`${name.replaceAll(' ', '-')}.csv`, text);
			await rejectsWith(readCsv(file), `${file} ${problem}`);
		});
	}

	test('empty files, and a header with no rows', async () => {
		for (const [name, text] of [
			['empty.csv', ''],
			['blank.csv', '\n\r\n\n'],
		] as const) {
			const file = write(name, text);
			await rejectsWith(readCsv(file), `${file}: the file is empty, expected MNIST rows`);
		}
		const file = write('header-only.csv', `${header}\n`);
		await rejectsWith(readCsv(file), `${file}: the file has a header row but no images`);
	});

	test('a binary file and a missing file', async () => {
		const binary = write('binary.csv', new Uint8Array(200_000).fill(0x41));
		await rejectsWith(readCsv(binary), `${binary} line 1: the line is longer than 65536 bytes, too long for an MNIST row`);
		const missing = path.join(folder, 'missing.csv');
		await rejectsWith(readCsv(missing), `${missing}: no such file`);
		await rejectsWith(readCsv(folder), `${folder}: is a folder, expected a file`);
	});
});

function replaceCell(cells: string[], index: number, text: string): string {
	const copy = [...cells];
	copy[index] = text;
	return copy.join(',');
}
