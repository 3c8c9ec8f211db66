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
	const script = fileURLToPath(new URL('numpy-epoch.py', import.meta.url));
	// numpy as a user's machine runs it: without these OpenBLAS overrides, which slow it down
	const {OPENBLAS_CORETYPE: _coretype, OPENBLAS_L2_SIZE: _l2Size, ...environment} = process.env;
	for (const [name, threads] of [
		['numpy-1-thread', '1'],
		['numpy-all-threads', undefined],
	] as const) {
		const runs: Array<{seconds: number; loss: number}> = [];
		for (let run = 0; run < repeat; run++) {
			const env = threads ? {...environment, OPENBLAS_NUM_THREADS: threads, OMP_NUM_THREADS: threads} : environment;
			const child = spawnSync(
				'python3',
				[
					script,
					imagesFile,
					labelsFile,
					String(count),
					String(setup.sizes[1]),
					String(setup.batchSize),
					setup.optimizer,
					String(setup.learningRate),
					String(seed),
				],
				{env, encoding: 'utf8'},
			);
			if (child.error || child.status !== 0) {
				return `numpy skipped: ${child.error ? child.error.message : (child.stderr.trim().split('\n').pop() ?? `exit ${child.status}`)}`;
			}
			runs.push(JSON.parse(child.stdout) as {seconds: number; loss: number});
		}
		const fastest = runs.reduce((best, run) => (run.seconds < best.seconds ? run : best));
		results[name] = {
			seconds: fastest.seconds,
			runs: runs.map(run => run.seconds),
			imagesPerSecond: count / fastest.seconds,
			gflopPerSecond: gflop / fastest.seconds,
			loss: fastest.loss,
		};
	}
	return null;
}
