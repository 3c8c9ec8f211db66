import {spawnSync} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import type {EpochSummary, Setup} from './report.js';

/** What numpy trains on: the raw IDX files, the first `count` images, the seed of its own init and order, and how many runs. */
export interface NumpyRun {
	readonly imagesFile: string;
	readonly labelsFile: string;
	readonly count: number;
	readonly seed: number;
	readonly repeat: number;
}

/** One numpy run's result, as the scripts print it. */
export interface NumpyResult {
	readonly seconds: number;
	readonly loss: number;
}

/** The two thread settings numpy runs with: one thread, and all of them (OpenBLAS's own choice). */
const numpyThreads = [
	['numpy-1-thread', '1'],
	['numpy-all-threads', undefined],
] as const;

/**
 * `repeat` runs of a numpy script (a file beside this one, given `args`) on
 * one thread and on all, as a user's machine runs numpy: without this
 * machine's OpenBLAS overrides, which slow it down. The runs by setting, or
 * a note when numpy cannot run.
 */
export function numpyRuns(script: string, args: readonly string[], repeat: number): Map<string, NumpyResult[]> | string {
	const runs = new Map<string, NumpyResult[]>();
	for (const [name, threads] of numpyThreads) {
		const results: NumpyResult[] = [];
		for (let run = 0; run < repeat; run++) {
			const result = numpyRun(script, args, threads);
			if (typeof result === 'string') return result;
			results.push(result);
		}
		runs.set(name, results);
	}
	return runs;
}

/** One run of a numpy script on `threads` threads (all of them, OpenBLAS's choice, without), or a note when it cannot run. */
function numpyRun(script: string, args: readonly string[], threads: string | undefined): NumpyResult | string {
	const path = fileURLToPath(new URL(script, import.meta.url));
	const {OPENBLAS_CORETYPE: _coretype, OPENBLAS_L2_SIZE: _l2Size, ...environment} = process.env;
	const env = threads ? {...environment, OPENBLAS_NUM_THREADS: threads, OMP_NUM_THREADS: threads} : environment;
	const child = spawnSync('python3', [path, ...args], {env, encoding: 'utf8'});
	if (child.error || child.status !== 0) {
		return `numpy skipped: ${child.error ? child.error.message : (child.stderr.trim().split('\n').pop() ?? `exit ${child.status}`)}`;
	}
	return JSON.parse(child.stdout) as NumpyResult;
}

/** One numpy epoch of `setup` on all threads (bench/numpy-epoch.py): its seconds, or a note when numpy cannot run. */
export function numpyEpochOnce(setup: Setup, {imagesFile, labelsFile, count, seed}: Omit<NumpyRun, 'repeat'>): number | string {
	const result = numpyRun('numpy-epoch.py', epochArgs(setup, {imagesFile, labelsFile, count, seed}), undefined);
	return typeof result === 'string' ? result : result.seconds;
}

const epochArgs = (setup: Setup, {imagesFile, labelsFile, count, seed}: Omit<NumpyRun, 'repeat'>): string[] => [
	imagesFile,
	labelsFile,
	String(count),
	String(setup.sizes[1]),
	String(setup.batchSize),
	setup.optimizer,
	String(setup.learningRate),
	String(seed),
];

/**
 * One numpy epoch (bench/numpy-epoch.py) per thread setting, added to `results`
 * as numpy-1-thread and numpy-all-threads; returns a note when it cannot run.
 */
export function numpyEpochs(
	setup: Setup,
	results: Record<string, EpochSummary>,
	gflop: number,
	{imagesFile, labelsFile, count, seed, repeat}: NumpyRun,
): string | null {
	const args = epochArgs(setup, {imagesFile, labelsFile, count, seed});
	const runs = numpyRuns('numpy-epoch.py', args, repeat);
	if (typeof runs === 'string') return runs;
	for (const [name, each] of runs) {
		const fastest = each.reduce((best, run) => (run.seconds < best.seconds ? run : best));
		results[name] = {
			seconds: fastest.seconds,
			runs: each.map(run => run.seconds),
			imagesPerSecond: count / fastest.seconds,
			gflopPerSecond: gflop / fastest.seconds,
			loss: fastest.loss,
		};
	}
	return null;
}
