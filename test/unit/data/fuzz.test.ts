/**
 * Hostile input, seeded: real IDX, CSV and model files are damaged in
 * hundreds of ways and fed to the real loaders in this process (the built
 * program gets its share in test/e2e/fuzz-cli.test.ts). Every case must
 * either load a well-formed data set or model, or fail with an InputError
 * whose one-line message names the file: never another exception or a hang.
 */
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {gzipSync} from 'node:zlib';
import {readCsv} from '../../../source/data/csv.js';
import {parseIdxImages, parseIdxLabels, readIdxImages, readIdxLabels} from '../../../source/data/idx.js';
import {InputError} from '../../../source/errors.js';
import {parseModel} from '../../../source/nn/model-file.js';
import {Rng} from '../../../source/nn/rng.js';
import {seed, sources} from '../../helpers/fuzz-sources.js';
import {type Mutant, mutateCsv, mutateGzip, mutateIdx, mutateModel} from '../../helpers/mutations.js';
import {scratchFolder} from '../../helpers/scratch.js';

const scratch = scratchFolder('mnist-tui-fuzz-');
/** A case that takes longer than this is a hang. */
const caseTimeoutMs = 20_000;

interface Outcome {
	readonly loaded: number;
	readonly refused: number;
	readonly failures: string[];
}

/** Runs each case; a case passes when it loads (and `check` accepts the result) or throws a one-line InputError naming `file`. */
async function fuzz<T, R>(
	cases: number,
	rng: Rng,
	make: (rng: Rng) => Mutant<T> & {file: string},
	load: (mutant: Mutant<T> & {file: string}) => R | Promise<R>,
	check: (result: R) => void,
): Promise<Outcome> {
	let loaded = 0,
		refused = 0;
	const failures: string[] = [];
	for (let index = 0; index < cases; index++) {
		const mutant = make(rng);
		const label = `case ${index} (${mutant.what})`;
		let timer: NodeJS.Timeout | undefined;
		try {
			const result = await Promise.race([
				Promise.resolve().then(() => load(mutant)),
				new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer in ${caseTimeoutMs} ms`)), caseTimeoutMs))),
			]);
			check(result);
			loaded++;
		} catch (error) {
			if (!(error instanceof InputError))
				failures.push(`${label}: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
			else if (error.message.includes('\n') || !error.message.includes(mutant.file))
				failures.push(`${label}: message not one line naming the file: ${error.message}`);
			else refused++;
		} finally {
			clearTimeout(timer);
		}
	}
	return {loaded, refused, failures};
}

function assertClean(outcome: Outcome, cases: number, report: (message: string) => void): void {
	report(`${cases} cases: ${outcome.loaded} loaded, ${outcome.refused} refused with an input error`);
	assert.deepEqual(outcome.failures, [], `seed ${seed}`);
	assert.equal(outcome.loaded + outcome.refused, cases);
	assert.ok(outcome.refused > 0, 'the damage was noticed at least once');
}

const checkImages = ({images, count, rows, columns}: {images: Uint8Array; count: number; rows: number; columns: number}) => {
	assert.ok(count >= 1 && rows === 28 && columns === 28 && images.length === count * 784);
};
const checkLabels = (labels: Uint8Array) => assert.ok(labels.length >= 1 && labels.every(label => label <= 9));

let counter = 0;
const named = (extension: string) => `case-${counter++}${extension}`;

describe(`fuzzed input files (seed ${seed})`, () => {
	test('IDX images and labels, parsed from bytes: 300 cases', async t => {
		const rng = new Rng(seed);
		const images = await fuzz(
			150,
			rng,
			r => ({...mutateIdx(r, sources.images[r.int(2)]!, 16), file: 'images.idx'}),
			m => parseIdxImages(m.content, m.file),
			checkImages,
		);
		const labels = await fuzz(
			150,
			rng,
			r => ({...mutateIdx(r, sources.labels[r.int(2)]!, 8), file: 'labels.idx'}),
			m => parseIdxLabels(m.content, m.file),
			checkLabels,
		);
		assertClean(images, 150, t.diagnostic.bind(t));
		assertClean(labels, 150, t.diagnostic.bind(t));
	});

	test('IDX files on disk, raw and gzip-compressed, damaged before or after compression: 120 cases', async t => {
		const rng = new Rng(seed + 1);
		const make = (kind: 'images' | 'labels') => (r: Rng) => {
			const valid = sources[kind][r.int(2)]!;
			const headerSize = kind === 'images' ? 16 : 8;
			const mutant =
				r.int(3) === 0
					? mutateGzip(r, gzipSync(valid))
					: r.next() < 0.5
						? mutateIdx(r, valid, headerSize)
						: (m => ({what: `${m.what}, gzipped`, content: gzipSync(m.content)}))(mutateIdx(r, valid, headerSize));
			return {...mutant, file: scratch.write(named(''), mutant.content)};
		};
		const images = await fuzz(60, rng, make('images'), m => readIdxImages(m.file), checkImages);
		const labels = await fuzz(60, rng, make('labels'), m => readIdxLabels(m.file), checkLabels);
		assertClean(images, 60, t.diagnostic.bind(t));
		assertClean(labels, 60, t.diagnostic.bind(t));
	});

	test('CSV files: 150 cases', async t => {
		const rng = new Rng(seed + 2);
		const outcome = await fuzz(
			150,
			rng,
			r => {
				const mutant = mutateCsv(r, sources.csv[r.int(2)]!);
				return {...mutant, file: scratch.write(named('.csv'), mutant.content)};
			},
			m => readCsv(m.file),
			set => {
				checkImages(set);
				if (set.labels) checkLabels(set.labels);
			},
		);
		assertClean(outcome, 150, t.diagnostic.bind(t));
	});

	test('model files: 150 cases', async t => {
		const rng = new Rng(seed + 3);
		const outcome = await fuzz(
			150,
			rng,
			r => ({...mutateModel(r, sources.model), file: 'model.json'}),
			m => parseModel(m.content, m.file, 'js'),
			model => {
				const sizes = model.network.sizes;
				assert.ok(sizes.every(size => Number.isInteger(size) && size >= 1) && model.classes.length === sizes.at(-1));
				assert.equal(Object.getPrototypeOf(model.extra), Object.prototype);
			},
		);
		assertClean(outcome, 150, t.diagnostic.bind(t));
		assert.equal(({} as Record<string, unknown>).polluted, undefined, 'no prototype was polluted');
	});
});
