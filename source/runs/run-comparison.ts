/**
 * What `compare` says about several logged runs: each run's settings, its
 * test curves, best and final test accuracy and time, and how the best
 * two runs' final confusion matrices differ (B − A, cell by cell).
 */
import path from 'node:path';
import {printable} from '../files/printable.js';
import type {OptimizerName} from '../nn/optim/optimizer.js';
import {controlFields} from '../output/json-lines.js';
import {startingControls} from '../train/controls.js';
import type {Confusion} from '../train/metrics.js';
import {archFields} from '../train/network-architecture.js';
import type {LoggedEpoch} from './logged-events.js';
import type {LoggedRun} from './run-log.js';

export interface RunSummary {
	/** The log's file name, escaped; made unique with its folder when two runs share a name. */
	readonly name: string;
	readonly run: LoggedRun;
	/** Every epoch the run finished, the resumed ones first. */
	readonly epochs: readonly LoggedEpoch[];
	readonly best: {readonly epoch: number; readonly testAccuracy: number} | null;
	readonly finalAccuracy: number | null;
	readonly finalLoss: number | null;
	/** Training seconds summed over the logged epochs, and the run's wall time when it finished. */
	readonly trainingSeconds: number;
	readonly wallSeconds: number | null;
	/** The last test confusion matrix: the done event's, else the last epoch's. */
	readonly confusion: Confusion | null;
}

export interface ConfusionChange {
	/** A is the runner-up, B the best run (by best test accuracy). */
	readonly a: RunSummary;
	readonly b: RunSummary;
	/** B − A per cell, or null with the reason they cannot be compared. */
	readonly difference: Confusion | null;
	readonly reason: string | null;
}

export interface Comparison {
	readonly runs: readonly RunSummary[];
	readonly change: ConfusionChange | null;
}

export function compareRuns(runs: readonly LoggedRun[]): Comparison {
	const names = runNames(runs.map(run => run.file));
	const summaries = runs.map((run, index) => summarise(run, names[index]!));
	return {runs: summaries, change: confusionChange(summaries)};
}

function summarise(run: LoggedRun, name: string): RunSummary {
	const epochs = [...(run.start.resumed?.history ?? []), ...run.epochs];
	let best: RunSummary['best'] = null;
	for (const {epoch, testAccuracy} of epochs)
		if (testAccuracy !== null && (best === null || testAccuracy > best.testAccuracy)) best = {epoch, testAccuracy};
	const last = epochs.at(-1);
	return {
		name,
		run,
		epochs,
		best,
		finalAccuracy: run.done ? run.done.testAccuracy : (last?.testAccuracy ?? null),
		finalLoss: run.done ? run.done.testLoss : (last?.testLoss ?? null),
		trainingSeconds: epochs.reduce((sum, epoch) => sum + epoch.seconds, 0),
		wallSeconds: run.done?.seconds ?? null,
		confusion: run.done?.confusion ?? run.epochs.at(-1)?.confusion ?? null,
	};
}

/** The best two runs' matrices: runs are ranked by best test accuracy, the earlier given first on a tie. */
function confusionChange(runs: readonly RunSummary[]): ConfusionChange | null {
	const ranked = runs.filter(run => run.best !== null).sort((x, y) => y.best!.testAccuracy - x.best!.testAccuracy);
	const [b, a] = ranked;
	if (!a || !b) return null;
	const reason =
		!a.confusion || !b.confusion
			? `${!a.confusion ? a.name : b.name} has no confusion matrix in its log`
			: a.run.start.classes.join('\n') !== b.run.start.classes.join('\n')
				? 'the two runs have different classes'
				: null;
	if (reason !== null) return {a, b, difference: null, reason};
	const difference = b.confusion!.map((row, r) => row.map((cell, c) => cell - a.confusion![r]![c]!));
	return {a, b, difference, reason: null};
}

/** File names, escaped; with their folders where two are the same. */
function runNames(files: readonly string[]): string[] {
	const base = files.map(file => path.basename(file));
	return files.map((file, index) => printable(base.filter(name => name === base[index]).length > 1 ? file : base[index]!));
}

/**
 * How a run's learning rate and momentum were changed while it trained, from
 * the values it started with to those it ended with, or null when they were not:
 * `changed while training: lr 0.05->0.2, momentum 0.9->0.85 (3 changes)`.
 */
export function steeredText({start, controls}: LoggedRun): string | null {
	if (controls.length === 0) return null;
	// a log of an optimizer this version lacks still reads: its momentum is taken as the default's
	const first = start.controls ?? startingControls(start.optimizer as OptimizerName, start.learningRate);
	const last = controls.at(-1)!.values;
	const moved: string[] = [];
	if (last.learningRate !== first.learningRate) moved.push(`lr ${first.learningRate}->${last.learningRate}`);
	if (last.momentum !== first.momentum) moved.push(`momentum ${first.momentum}->${last.momentum}`);
	const count = `${controls.length} change${controls.length === 1 ? '' : 's'}`;
	return `changed while training: ${moved.length > 0 ? `${moved.join(', ')} (${count})` : `${count}, back to where it started`}`;
}

/** The comparison as one JSON object (compare --json). */
export function comparisonJson({runs, change}: Comparison): string {
	return JSON.stringify({
		runs: runs.map(summary => {
			const {start} = summary.run;
			return {
				name: summary.name,
				file: summary.run.file,
				run: summary.run.run,
				runsInFile: summary.run.runs,
				config: {
					layers: start.layers,
					// as the start line says it; a log from before architectures were written is of a dense network
					...archFields(start.architecture),
					optimizer: start.optimizer,
					learningRate: start.learningRate,
					// as the run's start line says it: null for a log from before schedules (a constant rate)
					schedule: start.schedule,
					batchSize: start.batchSize,
					epochs: start.epochs,
					seed: start.seed,
					train: start.train,
					test: start.test,
					trainCount: start.trainCount,
					testCount: start.testCount,
				},
				epochs: summary.epochs.map(({epoch, testAccuracy, testLoss, trainLoss, trainAccuracy, seconds}) => ({
					epoch,
					testAccuracy,
					testLoss,
					trainAccuracy,
					trainLoss,
					seconds,
				})),
				controls: summary.run.controls.map(controlFields),
				stopped: summary.run.done?.stopped ?? null,
				bestEpoch: summary.best?.epoch ?? null,
				bestTestAccuracy: summary.best?.testAccuracy ?? null,
				finalTestAccuracy: summary.finalAccuracy,
				finalTestLoss: summary.finalLoss,
				trainingSeconds: Number(summary.trainingSeconds.toFixed(3)),
				seconds: summary.wallSeconds,
				finished: summary.run.done !== null && !summary.run.done.interrupted,
			};
		}),
		confusionChange: change && {a: change.a.name, b: change.b.name, difference: change.difference, reason: change.reason},
	});
}
