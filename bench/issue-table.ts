/**
 * The end of `npm run bench`: the performance goals as one table, each row
 * measured in this run, in this order. A row whose measurement is not part of
 * this run says where it is measured instead.
 */
import {median} from './median.js';
import type {FreshEpochs} from './program.js';
import type {DashboardRun} from './terminal.js';

/** One row: what is measured, what this run measured, and the goal. */
export interface IssueRow {
	readonly what: string;
	/** Null when this run did not measure it. */
	readonly measured: string | null;
	/** Where it is measured when this run did not. */
	readonly elsewhere?: string;
	readonly goal: string;
}

/** The default run in the dashboard, launch to the done frame, for each seed. */
export function defaultRunRow(runs: {runs: readonly DashboardRun[]; medianSeconds: number; lowestAccuracy: number} | null): IssueRow {
	const each = runs?.runs.map(run => `seed ${run.seed} ${run.done.toFixed(1)} s ${run.accuracy.toFixed(2)}%`).join(', ');
	return {
		what: 'default run, `mnist-tui` in a 120x40 terminal, launch to the done frame',
		measured:
			runs && `${runs.medianSeconds.toFixed(1)} s (median of ${runs.runs.length}), lowest ${runs.lowestAccuracy.toFixed(2)}%: ${each}`,
		elsewhere: '--skip-run left it out',
		goal: '≥ 98.0% test accuracy in ≤ 6 s',
	};
}

/** The dashboard's cost to training throughput: measured by bench/dashboard.ts (`npm run bench:dashboard`). */
export function dashboardCostRow(measured: string | null, runs: number): IssueRow {
	return {
		what: `dashboard's cost to training throughput (784-512-10 and 784-128-10, median of ${runs})`,
		measured,
		elsewhere: '--skip-dashboard left it out',
		goal: '≤ 5% on both',
	};
}

export function firstEpochRow(fresh: FreshEpochs): IssueRow {
	return {
		what: `first epoch of a fresh process vs later epochs (784-128-10, median of ${fresh.runs.length})`,
		measured: `${fresh.first.toFixed(3)} s vs ${fresh.later.toFixed(3)} s: ${signedPercent(fresh.first / fresh.later - 1)}`,
		goal: 'within 10%',
	};
}

/** `numpy`: its epoch's seconds on all threads, one run after each of the fresh processes. */
export function numpyRow(fresh: FreshEpochs, numpy: readonly number[]): IssueRow {
	const seconds = numpy.length ? median(numpy) : 0;
	return {
		what: `that first epoch vs numpy float32 on the same images (OpenBLAS overrides unset; numpy run after each process, median of ${numpy.length})`,
		measured: numpy.length ? `${(fresh.first / seconds).toFixed(2)}x numpy's ${seconds.toFixed(3)} s` : null,
		elsewhere: 'python3 with numpy was not found',
		goal: '≤ 1.0x',
	};
}

export function firstFrameRow(startup: {words: number; ink: number; runs: readonly unknown[]}): IssueRow {
	return {
		what: `first full Ink frame of \`mnist-tui\`, warm, in a pseudo-terminal (median of ${startup.runs.length})`,
		measured: `${(startup.ink / 1000).toFixed(2)} s (first words ${(startup.words / 1000).toFixed(2)} s)`,
		goal: '≤ 0.3 s',
	};
}

/** A busy machine (another process on one core): measured by the busy machine's bench file. */
export function busyMachineRow(measured: string | null, runs: number): IssueRow {
	return {
		what: `a busy machine (another process on one core): --threads auto vs --threads 1 (median of ${runs})`,
		measured,
		elsewhere: '--skip-busy left it out',
		goal: 'never more than 5% slower',
	};
}

export function printIssueTable(rows: readonly IssueRow[], load: string, title = 'The goals'): void {
	console.log(`\n${title}, measured in this run (${load}):\n`);
	console.log('| what | measured | goal |');
	console.log('|---|---|---|');
	for (const row of rows) console.log(`| ${row.what} | ${row.measured ?? `not measured here: ${row.elsewhere}`} | ${row.goal} |`);
}

function signedPercent(fraction: number): string {
	return `${fraction >= 0 ? '+' : ''}${(fraction * 100).toFixed(0)}%`;
}
