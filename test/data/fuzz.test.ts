/**
 * Hostile input, seeded: real IDX, CSV and model files are damaged in
 * hundreds of ways and fed to the real loaders, in this process and through
 * the built program. Every case must either load a well-formed data set or
 * model, or fail with an InputError (exit 2 and one `mnist-tui: …` line) that
 * names the file: never another exception, exit code or a hang.
 */
import assert from 'node:assert/strict';
import {closeSync, mkdirSync, openSync, readFileSync, readSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, test} from 'node:test';
import {gunzipSync, gzipSync} from 'node:zlib';
import {readCsv} from '../../source/data/csv.js';
import {embeddedMnistFiles} from '../../source/data/embedded.js';
import {parseIdxImages, parseIdxLabels, readIdxImages, readIdxLabels} from '../../source/data/idx.js';
import {InputError} from '../../source/errors.js';
import {parseModel, serializeModel} from '../../source/nn/model-file.js';
import {Network} from '../../source/nn/network.js';
import {Rng} from '../../source/nn/rng.js';
import {root, runCli} from '../cli-helpers.js';
import {type Mutant, mutateCsv, mutateGzip, mutateIdx, mutateModel} from './mutations.js';
import {scratchFolder} from './scratch.js';

const seed = Number(process.env.FUZZ_SEED ?? 20_251_125);
const fixtures = join(root, 'data', 'fixtures');
const scratch = scratchFolder('mnist-tui-fuzz-');
/** A case that takes longer than this is a hang. */
const caseTimeoutMs = 20_000;

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

const sources = {
	images: [gunzipSync(readFileSync(join(fixtures, 'idx', 'train-images-idx3-ubyte.gz'))), embeddedSlice('images', 60)],
	labels: [gunzipSync(readFileSync(join(fixtures, 'idx', 't10k-labels-idx1-ubyte.gz'))), embeddedSlice('labels', 60)],
	csv: [readFileSync(join(fixtures, 'mnist_train_100.csv'), 'utf8'), readFileSync(join(fixtures, 'mnist_test_unlabelled_10.csv'), 'utf8')],
	model: serializeModel(
		Network.create([784, 8, 10], new Rng(1), 'js'),
		Array.from({length: 10}, (_, i) => String(i)),
		{training: {epochs: 1}, history: []},
	),
};

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

describe(`fuzzed input files through the built program (seed ${seed})`, () => {
	const small = ['--epochs', '1', '--hidden', '8', '--json'];

	/** The program's answer to a damaged file: exit 0 with JSON Lines, or exit 2 with one line naming the file. */
	async function expectLoadsOrRefuses(args: string[], file: string, what: string): Promise<string | undefined> {
		const run = await runCli(args, {timeoutMs: 60_000});
		const label = `${what}: mnist-tui ${args.join(' ')}`;
		if (run.code === 0) {
			for (const line of run.stdout.split('\n').filter(Boolean)) JSON.parse(line);
			return run.stderr === '' ? undefined : `${label}: exit 0 with stderr ${run.stderr}`;
		}
		if (run.code !== 2) return `${label}: exit ${run.code} ${run.signal ?? ''}\n${run.stderr}`;
		const lines = run.stderr.split('\n').filter(Boolean);
		if (run.stdout !== '' || lines.length !== 1 || !lines[0]!.startsWith('mnist-tui: ') || !lines[0]!.includes(file))
			return `${label}: ${JSON.stringify(run.stderr)}`;
		return undefined;
	}

	/** Runs the cases four at a time. */
	async function all(cases: (() => Promise<string | undefined>)[]): Promise<string[]> {
		const failures: string[] = [];
		for (let i = 0; i < cases.length; i += 4) {
			for (const failure of await Promise.all(cases.slice(i, i + 4).map(run => run()))) if (failure) failures.push(failure);
		}
		return failures;
	}

	test('12 damaged models through eval --model, 12 damaged CSV and 12 damaged IDX sets through training', async () => {
		const rng = new Rng(seed + 4);
		const cases: (() => Promise<string | undefined>)[] = [];
		for (let i = 0; i < 12; i++) {
			const model = mutateModel(rng, sources.model);
			const file = scratch.write(named('.json'), model.content);
			cases.push(() => expectLoadsOrRefuses(['eval', '--model', file, '--test-limit', '20', '--json'], file, model.what));
		}
		for (let i = 0; i < 12; i++) {
			const csv = mutateCsv(rng, sources.csv[0]!);
			const file = scratch.write(named('.csv'), csv.content);
			cases.push(() => expectLoadsOrRefuses(['--train', file, '--test', join(fixtures, 'mnist_test_100.csv'), ...small], file, csv.what));
		}
		for (let i = 0; i < 12; i++) {
			const folder = `${scratch.write(named(''), '')}.d`;
			mkdirSync(folder);
			const kind = rng.int(2) === 0 ? 'images' : 'labels';
			const mutant = mutateIdx(rng, sources[kind][1]!, kind === 'images' ? 16 : 8);
			writeFileSync(join(folder, `train-${kind}-idx${kind === 'images' ? 3 : 1}-ubyte`), mutant.content);
			const other = kind === 'images' ? 'labels' : 'images';
			writeFileSync(join(folder, `train-${other}-idx${other === 'images' ? 3 : 1}-ubyte`), sources[other][1]!);
			writeFileSync(join(folder, 't10k-images-idx3-ubyte'), sources.images[1]!);
			writeFileSync(join(folder, 't10k-labels-idx1-ubyte'), sources.labels[1]!);
			cases.push(() => expectLoadsOrRefuses(['--data', folder, ...small], folder, `${kind} ${mutant.what}`));
		}
		assert.deepEqual(await all(cases), [], `seed ${seed}`);
	});
});
