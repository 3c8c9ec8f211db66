/** The valid files the fuzz tests damage, and their seed (FUZZ_SEED replays another). */
import {closeSync, openSync, readFileSync, readSync} from 'node:fs';
import {join} from 'node:path';
import {gunzipSync} from 'node:zlib';
import {embeddedMnistFiles} from '../../source/data/embedded.js';
import {serializeModel} from '../../source/nn/model-file.js';
import {Network} from '../../source/nn/network.js';
import {Rng} from '../../source/nn/rng.js';
import {fixtures} from './paths.js';

export const seed = Number(process.env.FUZZ_SEED ?? 20_251_125);

/** The first `count` images (or labels) of the embedded MNIST test set, as a valid IDX file of their own. */
function embeddedSlice(kind: 'images' | 'labels', count: number): Uint8Array {
	const file = embeddedMnistFiles().test[kind];
	const [headerSize, itemSize] = kind === 'images' ? [16, 784] : [8, 1];
	const bytes = new Uint8Array(headerSize + count * itemSize);
	const fd = openSync(file, 'r');
	readSync(fd, bytes, 0, bytes.length, 0);
	closeSync(fd);
	new DataView(bytes.buffer).setUint32(4, count);
	return bytes;
}

export const sources = {
	images: [gunzipSync(readFileSync(join(fixtures, 'idx', 'train-images-idx3-ubyte.gz'))), embeddedSlice('images', 60)],
	labels: [gunzipSync(readFileSync(join(fixtures, 'idx', 't10k-labels-idx1-ubyte.gz'))), embeddedSlice('labels', 60)],
	csv: [readFileSync(join(fixtures, 'mnist_train_100.csv'), 'utf8'), readFileSync(join(fixtures, 'mnist_test_unlabelled_10.csv'), 'utf8')],
	model: serializeModel(
		Network.create([784, 8, 10], new Rng(1), 'js'),
		Array.from({length: 10}, (_, i) => String(i)),
		{training: {epochs: 1}, history: []},
	),
};
