/** What the benchmark measured, and the tables it prints. */

import type {OptimizerName} from '../source/nn/optim/optimizer.js';
import {agrees, type Difference, lossTolerance} from './differences.js';
import type {IssueRow} from './issue-table.js';
import type {KernelRates} from './kernels.js';
import {median} from './median.js';
import type {FreshEpochs} from './program.js';
import type {DashboardRun} from './terminal.js';

/** A network the benchmark trains for an epoch. */
export interface Setup {
	readonly sizes: readonly [number, number, number];
	readonly batchSize: number;
	readonly optimizer: OptimizerName;
	readonly learningRate: number;
	/** Time bench/reference.ts too (it only does gradient descent). */
	readonly reference: boolean;
}

/** One implementation's epoch: the fastest of its runs. */
export interface EpochSummary {
	seconds: number;
	runs: number[];
	imagesPerSecond: number;
	gflopPerSecond: number;
	loss: number;
	lastBatchLoss?: number;
	accuracy?: number;
}

/** GFLOP/s of the three products on one shape, for each implementation. */
export interface KernelTiming {
	readonly batch: number;
	readonly inputs: number;
	readonly outputs: number;
	readonly input: 'MNIST' | 'random';
	readonly reference: KernelRates;
	readonly js: KernelRates;
	readonly wasm: KernelRates;
	readonly wasmThreads?: KernelRates;
}

export interface EpochReport {
	readonly network: string;
	readonly batchSize: number;
	readonly optimizer: OptimizerName;
	readonly learningRate: number;
	readonly flopPerImage: number;
	readonly gflop: number;
	readonly results: Record<string, EpochSummary>;
	readonly numpyNote: string | null;
	readonly differences: Record<string, Difference>;
}

export interface BenchReport {
	readonly images: number;
	readonly seed: number;
	readonly repeat: number;
	readonly threads: number;
	readonly dataLoadSeconds: number;
	readonly firstFrameMs: {words: number; ink: number; runs: Array<{words: number; ink: number}>};
	readonly freshEpochs: FreshEpochs;
	/** numpy's epoch on all threads (seconds), one run after each of the fresh processes. */
	readonly numpyBesideFresh: readonly number[];
	readonly defaultRun: {seconds: number; testAccuracy: number; epochs: number; threads: number; peakRssMegabytes: number} | null;
	/** The default run in the dashboard, launch to the done frame, once per seed. */
	readonly dashboardRuns: {runs: DashboardRun[]; medianSeconds: number; lowestAccuracy: number} | null;
	/** The goals as the issue lists them, in its order. */
	readonly issueRows: readonly IssueRow[];
	/** How busy the machine was. */
	readonly load: string;
	readonly kernelShapes: readonly string[];
	readonly kernels: readonly KernelTiming[];
	readonly epochs: readonly EpochReport[];
	readonly peakRssMegabytes: {afterLoad: number; afterKernels: number; afterEpochs: number};
}

export function printReport(report: BenchReport, {fastest, kernelSeconds}: {fastest: string; kernelSeconds: number}): void {
	const {images: count, repeat, threads, kernels, epochs, dataLoadSeconds, firstFrameMs: startup, defaultRun} = report;
	const {afterLoad: rssAfterLoad, afterKernels: rssAfterKernels, afterEpochs: rssAfterEpochs} = report.peakRssMegabytes;
	console.log(`Products of a dense layer, GFLOP/s (best of 3 runs of ${kernelSeconds} s; batch x inputs x outputs; x random,`);
	console.log('or the first MNIST images, where the wasm first layer skips zero pixels: GFLOP/s of the whole dense product)\n');
	const threadColumn = threads > 1 ? [`wasm ${threads} threads`] : [];
	const kernelRows = [['shape', 'x', 'product', 'reference', 'js', 'wasm', ...threadColumn, 'wasm / js']];
	const products: Array<[keyof KernelRates, string]> = [
		['forward', 'forward x·Wᵀ+b'],
		['weightGrad', 'dW += dZᵀ·X'],
		['inputGrad', 'dX = dZ·W'],
	];
	for (const kernel of kernels) {
		for (const [key, label] of products) {
			// the input gradient of a first layer is never computed
			if (kernel.input === 'MNIST' && key === 'inputGrad') continue;
			kernelRows.push([
				`${kernel.batch}x${kernel.inputs}x${kernel.outputs}`,
				kernel.input,
				label,
				kernel.reference[key].toFixed(2),
				kernel.js[key].toFixed(2),
				kernel.wasm[key].toFixed(2),
				...(kernel.wasmThreads ? [kernel.wasmThreads[key].toFixed(2)] : []),
				`${(kernel.wasm[key] / kernel.js[key]).toFixed(1)}x`,
			]);
		}
	}
	printTable(kernelRows, 3);

	for (const epoch of epochs) {
		console.log(
			`\nOne epoch of ${count} MNIST training images, ${epoch.network}, batch ${epoch.batchSize}, ${epoch.optimizer} lr ${epoch.learningRate}, ` +
				`${(epoch.gflop).toFixed(2)} GFLOP of products (${epoch.flopPerImage} per image)${repeat > 1 ? `, fastest of ${repeat}` : ''}\n`,
		);
		const rows = [['implementation', 'seconds', 'images/s', 'GFLOP/s', 'epoch loss', 'accuracy', `${fastest} is`]];
		const fastestSeconds = epoch.results[fastest]!.seconds;
		for (const [name, result] of Object.entries(epoch.results)) {
			rows.push([
				name,
				result.seconds.toFixed(3),
				result.imagesPerSecond.toFixed(0),
				result.gflopPerSecond.toFixed(2),
				result.loss.toFixed(6),
				result.accuracy === undefined ? '' : result.accuracy.toFixed(4),
				name === fastest ? '' : ratio(result.seconds / fastestSeconds),
			]);
		}
		printTable(rows, 1);
		if (epoch.numpyNote) console.log(epoch.numpyNote);
		for (const [pair, difference] of Object.entries(epoch.differences)) {
			console.log(
				`${pair}: epoch losses ${difference.loss.toExponential(1)} apart (relative; limit ${lossTolerance}), weights ` +
					`${difference.relativeRms.toExponential(1)} (relative RMS), ` +
					`largest |difference| ${difference.max.toExponential(1)}${agrees(difference) ? ': agree' : ': DISAGREE'}`,
			);
		}
	}
	console.log(`\nLoading the embedded MNIST (60,000 + 10,000 images): ${(dataLoadSeconds * 1000).toFixed(0)} ms`);
	console.log(
		`peak RSS of this benchmark: ${rssAfterLoad} MB after loading, ${rssAfterKernels} MB after the products, ${rssAfterEpochs} MB after the epochs`,
	);
	console.log(
		`\nmnist-tui in a 120x40 terminal, warm, median of ${startup.runs.length}: first words ${startup.words.toFixed(0)} ms, first dashboard frame ${startup.ink.toFixed(0)} ms`,
	);
	printFreshEpochs(report.freshEpochs, report.numpyBesideFresh);
	if (defaultRun) {
		console.log(
			`the default run (mnist-tui --json, ${defaultRun.threads} threads): ${defaultRun.seconds.toFixed(1)} s from start to summary, ` +
				`test accuracy ${(defaultRun.testAccuracy * 100).toFixed(2)}% after ${defaultRun.epochs} epochs, peak RSS ${defaultRun.peakRssMegabytes} MB`,
		);
	}
}

/** The first epoch of a fresh process next to its later ones, and next to numpy's epoch of the same network. */
function printFreshEpochs(fresh: FreshEpochs, numpyRuns: readonly number[]): void {
	console.log(`\nmnist-tui ${fresh.args.join(' ')}, a fresh process each, numpy after each, median of ${fresh.runs.length}:`);
	const numpy = numpyRuns.length ? median(numpyRuns) : undefined;
	const rows = [['epoch', 'seconds', 'vs later epochs', 'vs numpy']];
	const versus = (seconds: number) => (numpy ? `${(seconds / numpy).toFixed(2)}x numpy's time` : '');
	rows.push(['first', fresh.first.toFixed(3), `${((fresh.first / fresh.later - 1) * 100).toFixed(0)}% slower`, versus(fresh.first)]);
	rows.push(['later (2 and 3)', fresh.later.toFixed(3), '', versus(fresh.later)]);
	if (numpy) rows.push(['numpy, all threads', numpy.toFixed(3), '', '']);
	printTable(rows, 1);
}

/** "4.2x faster" or "1.3x slower", for how wasm compares. */
export function ratio(otherOverWasm: number): string {
	return otherOverWasm >= 1 ? `${otherOverWasm.toFixed(1)}x faster` : `${(1 / otherOverWasm).toFixed(1)}x slower`;
}

export function printTable(rows: string[][], textColumns: number): void {
	const widths = rows[0]!.map((_, column) => Math.max(...rows.map(row => row[column]!.length)));
	for (const row of rows) {
		console.log(
			row.map((cell, column) => (column < textColumns ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  '),
		);
	}
}
