import assert from 'node:assert/strict';
import {mkdirSync} from 'node:fs';
import path from 'node:path';
import {describe, test} from 'node:test';
import {gzipSync} from 'node:zlib';
import {embeddedMnistFiles} from '../../../source/data/embedded.js';
import {parseIdxImages, parseIdxLabels, readIdxImages, readIdxLabels} from '../../../source/data/idx.js';
import {InputError} from '../../../source/errors.js';
import {idxImages, idxLabels} from '../../helpers/mnist-files.js';
import {rejectsWith, scratchFolder} from '../../helpers/scratch.js';

const {folder, write} = scratchFolder('mnist-tui-idx-');

const embedded = embeddedMnistFiles().test;
const test10k = await readIdxImages(embedded.images);
const labels10k = await readIdxLabels(embedded.labels);
const first = (count: number): Uint8Array => test10k.images.subarray(0, count * 784);

function throwsWith(run: () => unknown, message: string): void {
	assert.throws(run, (error: unknown) => error instanceof InputError && error.message === message);
}

describe('parsing IDX bytes', () => {
	test('reads count, shape and pixels of a real slice without copying', () => {
		const bytes = idxImages(first(5), 5);
		const parsed = parseIdxImages(bytes, 'x');
		assert.equal(parsed.count, 5);
		assert.equal(parsed.rows, 28);
		assert.equal(parsed.columns, 28);
		assert.deepEqual(parsed.images, first(5));
		assert.equal(parsed.images.buffer, bytes.buffer);
	});

	test('reads labels', () => {
		assert.deepEqual(parseIdxLabels(idxLabels(labels10k.subarray(0, 10)), 'x'), labels10k.subarray(0, 10));
	});

	test('the embedded test set starts with a 7, 2, 1', () => {
		assert.equal(test10k.count, 10_000);
		assert.deepEqual([...labels10k.subarray(0, 3)], [7, 2, 1]);
	});
});

describe('reading IDX files', () => {
	test('raw and gzip give the same bytes, gzip found by its magic bytes too', async () => {
		const bytes = idxImages(first(20), 20);
		const raw = await readIdxImages(write('raw-images-idx3-ubyte', bytes));
		const gz = await readIdxImages(write('gz-images-idx3-ubyte.gz', gzipSync(bytes)));
		const unnamed = await readIdxImages(write('unnamed-images-idx3-ubyte', gzipSync(bytes)));
		for (const read of [raw, gz, unnamed]) {
			assert.equal(read.count, 20);
			assert.deepEqual(read.images, first(20));
		}
		assert.deepEqual(await readIdxLabels(write('gz-labels.gz', gzipSync(idxLabels(labels10k.subarray(0, 20))))), labels10k.subarray(0, 20));
	});

	test('a missing file and a folder are input errors', async () => {
		await rejectsWith(readIdxImages(path.join(folder, 'nothing-here')), `${path.join(folder, 'nothing-here')}: no such file`);
		const sub = path.join(folder, 'a-folder');
		mkdirSync(sub);
		await rejectsWith(readIdxLabels(sub), `${sub}: is a folder, expected a file`);
	});
});

describe('bad IDX files', () => {
	const cases: Array<[string, Uint8Array | string, string]> = [
		['empty', new Uint8Array(0), 'the file is empty, expected an IDX images file'],
		['short', idxImages(first(1), 1).subarray(0, 10), 'too short for an IDX images header (10 bytes, expected at least 16)'],
		[
			'labels-as-images',
			idxLabels(labels10k.subarray(0, 16)),
			'not an IDX images file (magic 0x00000801, expected 0x00000803); it looks like a labels file given as images',
		],
		['text', 'label,1x1,1x2\n', 'not an IDX images file (magic 0x6c616265, expected 0x00000803); it looks like a text file'],
		[
			'other',
			new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
			'not an IDX images file (magic 0x89504e47, expected 0x00000803)',
		],
		['32x32', idxImages(new Uint8Array(1024), 1, {rows: 32, columns: 32}), 'images are 32x32, expected 28x28'],
		['no-images', idxImages(new Uint8Array(0), 0), 'the header announces no images'],
		['absurd', idxImages(first(1), 1, {announced: 0xffff_ffff}), 'the header announces 4294967295 images, more than the 1000000 accepted'],
		[
			'truncated',
			idxImages(first(2), 2, {announced: 60_000}).subarray(0, 1000),
			'the header announces 60000 images of 28x28 (47040016 bytes with the header) but the file holds 1000 bytes',
		],
		[
			'trailing',
			new Uint8Array([...idxImages(first(2), 2), 1, 2, 3]),
			'the header announces 2 images of 28x28 (1584 bytes with the header) but the file holds 1587 bytes',
		],
	];
	for (const [name, bytes, problem] of cases) {
		test(`${name}: raw`, async () => {
			const file = write(`bad-${name}`, bytes);
			await rejectsWith(readIdxImages(file), `${file}: ${problem}`);
		});
	}
	for (const [name, bytes, problem] of cases.filter(([name]) => !['empty', 'truncated', 'trailing'].includes(name))) {
		test(`${name}: gzip`, async () => {
			const file = write(`bad-${name}.gz`, gzipSync(bytes));
			await rejectsWith(readIdxImages(file), `${file}: ${problem}`);
		});
	}

	test('gzip: decompressed sizes are checked against the header', async () => {
		const short = write('short.gz', gzipSync(idxImages(first(3), 3, {announced: 5})));
		await rejectsWith(
			readIdxImages(short),
			`${short}: the header announces 5 images of 28x28 (3936 bytes with the header) but the decompressed file holds 2368 bytes`,
		);
		const empty = write('empty.gz', gzipSync(new Uint8Array(0)));
		await rejectsWith(readIdxImages(empty), `${empty}: the file is empty, expected an IDX images file`);
	});

	test('gzip bomb: decompression stops at the size the header announces', async () => {
		const bomb = new Uint8Array(64 * 1024 * 1024);
		bomb.set(idxImages(first(1), 1));
		const file = write('bomb.gz', gzipSync(bomb));
		await rejectsWith(
			readIdxImages(file),
			`${file}: the header announces 1 image of 28x28 (800 bytes with the header) but the decompressed file holds more`,
		);
	});

	test('a header promising more than the gzip trailer says is counted before anything is kept; several members are read', async () => {
		// 1,000 images announced (784 kB), 4 MB of data: the trailer says 4 MB
		const bomb = new Uint8Array(4 * 1024 * 1024);
		bomb.set(idxImages(first(1), 1, {announced: 1000}));
		const file = write('promising.gz', gzipSync(bomb));
		await rejectsWith(
			readIdxImages(file),
			`${file}: the header announces 1000 images of 28x28 (784016 bytes with the header) but the decompressed file holds more`,
		);
		// gzip members one after another (as pigz or cat a.gz b.gz make): the trailer is the last member's
		const whole = idxImages(first(30), 30);
		const members = write('members.gz', Buffer.concat([gzipSync(whole.subarray(0, 5000)), gzipSync(whole.subarray(5000))]));
		assert.deepEqual((await readIdxImages(members)).images, first(30));
	});

	test('corrupt and truncated gzip', async () => {
		const compressed = gzipSync(idxImages(first(50), 50));
		const truncated = write('truncated.gz', compressed.subarray(0, compressed.length / 2));
		await rejectsWith(readIdxImages(truncated), `${truncated}: corrupt or truncated gzip data (unexpected end of file)`);
		const corrupt = write('corrupt.gz', new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0xff, 0xff, 0xff, 0xff]));
		await rejectsWith(readIdxImages(corrupt), `${corrupt}: corrupt or truncated gzip data (invalid block type)`);
	});

	test('labels: wrong magic, count and values name the file and the record', async () => {
		const images = write('images-as-labels', idxImages(first(1), 1));
		await rejectsWith(
			readIdxLabels(images),
			`${images}: not an IDX labels file (magic 0x00000803, expected 0x00000801); it looks like an images file given as labels`,
		);
		const short = write('short-labels', idxLabels(new Uint8Array(3), {announced: 10}));
		await rejectsWith(
			readIdxLabels(short),
			`${short}: the header announces 10 labels (18 bytes with the header) but the file holds 11 bytes`,
		);
		const bad = new Uint8Array(labels10k.subarray(0, 10));
		bad[5] = 12;
		const file = write('bad-labels', idxLabels(bad));
		await rejectsWith(readIdxLabels(file), `${file}: record 6 of 10 holds label 12, expected 0-9`);
		throwsWith(
			() => parseIdxLabels(new Uint8Array([0, 0, 8]), 'x'),
			'x: too short for an IDX labels header (3 bytes, expected at least 8)',
		);
		throwsWith(
			() => parseIdxImages(gzipSync(idxImages(first(1), 1)), 'x'),
			'x: not an IDX images file (magic 0x1f8b0800, expected 0x00000803); it looks gzip-compressed',
		);
	});
});
