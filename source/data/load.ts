import path from 'node:path';
import {InputError} from '../errors.js';
import {readCsv} from './csv.js';
import {type Dataset, datasetOf, firstImages} from './dataset.js';
import {EMBEDDED_SOURCE, embeddedMnistFiles, type IdxPair} from './embedded.js';
import {type IdxImages, readIdxImages, readIdxLabels} from './idx.js';
import {type Located, locateFile, locateInFolder, locateLabels, type Role} from './locate.js';

/** The data flags: `--data DIR`, `--train FILE`, `--test FILE`. */
export interface DataSources {
	readonly data?: string | undefined;
	readonly train?: string | undefined;
	readonly test?: string | undefined;
}

/**
 * The bytes of the MNIST and Fashion-MNIST training images files (60,000
 * images of 28x28 and the header): a room that size holds either.
 */
export const trainImagesFileBytes = 60_000 * 784 + 16;
/** The bytes of the MNIST and Fashion-MNIST test images files (10,000 images of 28x28 and the header). */
export const testImagesFileBytes = 10_000 * 784 + 16;

/**
 * The training set: from --train, else from --data, else the embedded MNIST.
 * An IDX images file that fits in `room` is read into it: a backend packs
 * images fastest from its own memory (Backend.imageBytes), and the file is
 * read there with no copy, its pages handed over on the thread that reads.
 */
export async function loadTrain(sources: DataSources, limit?: number, room?: Uint8Array): Promise<Dataset> {
	const train = await loadSet('train', sources, limit, room);
	if (!train.labels) {
		const where = sources.train === undefined ? `--data ${sources.data}: ${path.basename(train.source)} has` : `--train ${sources.train}:`;
		throw new InputError(`${where} no labels (784 columns, pixels only); a training set needs the label in the first column`);
	}
	return train;
}

/**
 * The test set: from --test, else from --data, else the embedded MNIST. It may be unlabelled (a 784-column CSV).
 * An IDX images file that fits in `room` is read into it, as the training set's.
 */
export async function loadTest(sources: DataSources, limit?: number, room?: Uint8Array): Promise<Dataset> {
	return loadSet('test', sources, limit, room);
}

async function loadSet(role: Role, sources: DataSources, limit: number | undefined, room?: Uint8Array): Promise<Dataset> {
	if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1))
		throw new RangeError(`limit must be a whole number ≥ 1, got ${limit}`);
	const file = sources[role];
	if (file !== undefined) return readLocated(await locateFile(file, `--${role}`), limit, room);
	if (sources.data !== undefined) return readLocated(await locateInFolder(sources.data, role), limit, room);
	const embedded = embeddedMnistFiles()[role];
	const [images, labels] = await Promise.all([readIdxImages(embedded.images, room), readIdxLabels(embedded.labels)]);
	return cut({...pair(images, labels, embedded), source: EMBEDDED_SOURCE}, limit);
}

async function readLocated(located: Located, limit: number | undefined, room: Uint8Array | undefined): Promise<Dataset> {
	if (located.format === 'csv') return readCsv(located.file, limit === undefined ? {} : {limit});
	// The images first: a labels file given as images is reported as such.
	const images = await readIdxImages(located.images, room);
	const labelsFile = await locateLabels(located.images, located.origin);
	const labels = await readIdxLabels(labelsFile);
	return cut(pair(images, labels, {images: located.images, labels: labelsFile}), limit);
}

function pair(images: IdxImages, labels: Uint8Array, files: IdxPair): Dataset {
	if (images.count !== labels.length) {
		throw new InputError(`${files.images} holds ${images.count} images but ${files.labels} holds ${labels.length} labels`);
	}
	return {...images, labels, source: files.images};
}

/** The set's first `limit` images, or all of it: either way made by datasetOf, as every dataset the loaders return. */
const cut = (dataset: Dataset, limit: number | undefined): Dataset =>
	limit === undefined ? datasetOf(dataset) : firstImages(dataset, limit);
