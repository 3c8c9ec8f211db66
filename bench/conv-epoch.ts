import {availableParallelism, loadavg} from 'node:os';
import {fileURLToPath} from 'node:url';
import {parseArgs} from 'node:util';
import {embeddedMnistFiles} from '../source/data/embedded.js';
import {loadTrain} from '../source/data/load.js';
import {type Architecture, buildNetwork, convArchitecture} from '../source/nn/architecture.js';
import type {Backend} from '../source/nn/backend/backend.js';
import {WasmBackend} from '../source/nn/backend/wasm/wasm-backend.js';
import {Conv2d} from '../source/nn/conv2d.js';
import type {ConvGeometry} from '../source/nn/image-shape.js';
import type {Network} from '../source/nn/network.js';
import {createOptimizer} from '../source/nn/optim/create-optimizer.js';
import {Rng} from '../source/nn/rng.js';
import {cnnDefaults} from '../source/train/config.js';
import {type ConvRates, convMultiplyAdds, timeConvolution} from './conv-kernels.js';
import {Batcher, type BenchData, heldImages, runEpoch} from './epoch.js';
import type {IssueRow} from './issue-table.js';
import {median} from './median.js';
import {numpyRuns} from './numpy.js';
import {printTable} from './report.js';

const batchSize = 128;
const learningRate = 0.05;
const [hidden] = cnnDefaults.hidden;
const warmupBatches = 8;
const kernelSeconds = 0.15;

/** One implementation's epoch: the median of its runs. */
export interface ConvEpoch {
	readonly seconds: number;
	readonly runs: readonly number[];
	readonly loss: number;
}

export interface ConvBench {
	readonly filters: readonly number[];
	readonly images: number;
	readonly threads: number;
	/** Multiply-adds ×2 of one image's training step: forward, weight gradients, input gradients but the pixels'. */
	readonly flopPerImage: number;
	/** wasm-1-thread, wasm-N-threads, wasm-auto (N threads, adaptive), numpy-1-thread, numpy-all-threads. */
	readonly epochs: Record<string, ConvEpoch>;
	readonly numpyNote: string | null;
	/** Each convolution's kernels, by shape, on one thread and on all. */
	readonly kernels: ReadonlyArray<{readonly shape: string; readonly one: ConvRates; readonly all: ConvRates | null}>;
	readonly load: string;
}

export interface ConvBenchOptions {
	readonly data: BenchData;
	readonly images: number;
	readonly filters: readonly number[];
	readonly threads: number;
	readonly seed: number;
	readonly repeat: number;
	readonly numpy: boolean;
}

const architectureOf = (filters: readonly number[]): Architecture =>
	convArchitecture({channels: 1, height: 28, width: 28}, {filters, hidden: [hidden], classes: 10});

/** 2 × the multiply-adds of one image's step: every layer's forward and weight gradient, and its input gradient unless it reads pixels. */
export function stepFlop(network: Network): number {
	let flop = 0;
	for (const layer of network.features) {
		if (layer instanceof Conv2d) flop += 2 * convMultiplyAdds(layer.geometry) * (layer.needsInputGrad ? 3 : 2);
	}
	for (const layer of network.dense) flop += 2 * layer.inputs * layer.outputs * (layer.needsInputGrad ? 3 : 2);
	return flop;
}

export async function measureConvBench({data, images, filters, threads, seed, repeat, numpy}: ConvBenchOptions): Promise<ConvBench> {
	const loadAtStart = loadavg()[0]!;
	const count = Math.min(images, data.count);
	const order = new Uint32Array(count).map((_, index) => index);
	new Rng(seed).shuffle(order);
	const batcher = new Batcher(data, order, batchSize);
	const architecture = architectureOf(filters);
	const backends: Array<[string, Backend & {ready(): Promise<void>}]> = [['wasm-1-thread', new WasmBackend()]];
	if (threads > 1) {
		backends.push([`wasm-${threads}-threads`, new WasmBackend({threads})]);
		// as the program runs with --threads auto: the partners take parts only while they pay off
		backends.push(['wasm-auto', new WasmBackend({threads, adaptive: true})]);
	}
	await Promise.all(backends.map(([, backend]) => backend.ready()));

	const epochs: Record<string, ConvEpoch> = {};
	let flopPerImage = 0;
	for (const [name, backend] of backends) {
		const runs: Array<{seconds: number; loss: number}> = [];
		const images = heldImages(backend, data.images);
		for (let run = 0; run < repeat; run++) {
			const mark = backend.mark?.();
			const train = (batches: number) => {
				const network = buildNetwork(architecture, new Rng(seed), backend);
				flopPerImage = stepFlop(network);
				const optimizer = createOptimizer('momentum', learningRate);
				return runEpoch(
					batcher,
					(x, labels, batch) => {
						const result = network.trainBatch(x, labels, batch, 1 / batch, true);
						optimizer.step(network.parameters());
						return result;
					},
					batches,
					(order, start, count) => network.packImages(images, order, start, count),
				);
			};
			train(warmupBatches);
			runs.push(train(Infinity));
			if (mark !== undefined) backend.release?.(mark);
		}
		epochs[name] = summary(runs);
	}

	const kernels = convGeometries(architecture).map(geometry => ({
		shape: `${geometry.channels}×${geometry.height}×${geometry.width} → ${geometry.filters}×${geometry.kernel}×${geometry.kernel}`,
		one: timeConvolution(backends[0]![1], geometry, batchSize, kernelSeconds),
		all: backends[1] ? timeConvolution(backends[1][1], geometry, batchSize, kernelSeconds) : null,
	}));
	for (const [, backend] of backends) backend.close();

	const numpyNote = numpy ? numpyConvEpochs(epochs, {count, filters, seed, repeat}) : 'numpy left out (--skip-numpy)';
	return {
		filters,
		images: count,
		threads,
		flopPerImage,
		epochs,
		numpyNote,
		kernels,
		load: `load average ${loadAtStart.toFixed(1)} at the start, ${loadavg()[0]!.toFixed(1)} at the end, on ${availableParallelism()} cores`,
	};
}

/** The convolutions of an architecture, with the shapes they read. */
function convGeometries(architecture: Architecture): ConvGeometry[] {
	const network = buildNetwork(architecture, new Rng(1), 'js');
	return network.features.filter(layer => layer instanceof Conv2d).map(layer => layer.geometry);
}

function summary(runs: ReadonlyArray<{seconds: number; loss: number}>): ConvEpoch {
	return {seconds: median(runs.map(run => run.seconds)), runs: runs.map(run => run.seconds), loss: runs[0]!.loss};
}

/** numpy's epochs on one thread and on all (bench/numpy-conv-epoch.py); a note when it cannot run. */
function numpyConvEpochs(
	epochs: Record<string, ConvEpoch>,
	{count, filters, seed, repeat}: {count: number; filters: readonly number[]; seed: number; repeat: number},
): string | null {
	const {images, labels} = embeddedMnistFiles().train;
	const args = [images, labels, String(count), filters.join(','), String(hidden), String(batchSize), String(learningRate), String(seed)];
	const runs = numpyRuns('numpy-conv-epoch.py', args, repeat);
	if (typeof runs === 'string') return runs;
	for (const [name, each] of runs) epochs[name] = summary(each);
	return null;
}

export function printConvBench(bench: ConvBench): void {
	const {filters, images, flopPerImage, epochs, threads} = bench;
	const gflop = (flopPerImage * images) / 1e9;
	console.log(
		`\nThe convolutional network: one epoch of ${images} MNIST training images, conv 5×5 ×${filters[0]} → pool → conv 5×5 ×${filters[1]} → pool → ` +
			`dense ${hidden} → 10, batch ${batchSize}, momentum lr ${learningRate}; ${gflop.toFixed(1)} GFLOP (${flopPerImage} per image)` +
			`${bench.epochs['wasm-1-thread']!.runs.length > 1 ? `, median of ${bench.epochs['wasm-1-thread']!.runs.length}` : ''} (${bench.load})\n`,
	);
	const fastest = `wasm-${threads}-threads` in epochs ? `wasm-${threads}-threads` : 'wasm-1-thread';
	const rows = [['implementation', 'seconds', 'images/s', 'GFLOP/s', 'a 60,000-image epoch', 'epoch loss', `${fastest} is`]];
	for (const [name, epoch] of Object.entries(epochs)) {
		rows.push([
			name,
			epoch.seconds.toFixed(3),
			(images / epoch.seconds).toFixed(0),
			(gflop / epoch.seconds).toFixed(1),
			`${((epoch.seconds * 60_000) / images).toFixed(1)} s`,
			epoch.loss.toFixed(4),
			name === fastest ? '' : faster(epoch.seconds / epochs[fastest]!.seconds),
		]);
	}
	printTable(rows, 1);
	if (bench.numpyNote) console.log(bench.numpyNote);
	console.log(
		`\nThe convolution's kernels at batch ${batchSize}, GFLOP/s (best of 3 runs of ${kernelSeconds} s), and the max-pool of its output:\n`,
	);
	const kernelRows = [['convolution', 'threads', 'forward + ReLU', 'dW, db', 'dA', 'pool forward + backward']];
	for (const {shape, one, all} of bench.kernels) {
		for (const [count, rates] of [
			[1, one],
			[threads, all],
		] as const) {
			if (!rates) continue;
			kernelRows.push([
				shape,
				String(count),
				rates.forward.toFixed(1),
				rates.weightGrad.toFixed(1),
				rates.inputGrad.toFixed(1),
				`${rates.poolMs.toFixed(2)} ms`,
			]);
		}
	}
	printTable(kernelRows, 2);
	console.log("(training never computes the first convolution's dA: its input is the pixels)");
}

/** The default cnn's epoch on all threads, as the 60,000 images of a real epoch would take. */
export function convEpochRow(bench: ConvBench): IssueRow {
	const name = `wasm-${bench.threads}-threads`;
	const epoch = bench.epochs[name] ?? bench.epochs['wasm-1-thread']!;
	const threads = bench.epochs[name] ? bench.threads : 1;
	return {
		what: `one epoch of the default cnn (${bench.filters.join('/')} filters, batch 128, momentum) on ${threads} threads, 60,000 images (from ${bench.images})`,
		measured:
			`${((epoch.seconds * 60_000) / bench.images).toFixed(1)} s (${epoch.seconds.toFixed(2)} s for ${bench.images}; one thread ` +
			`${bench.epochs['wasm-1-thread']!.seconds.toFixed(2)} s${bench.epochs['wasm-auto'] ? `, --threads auto ${bench.epochs['wasm-auto'].seconds.toFixed(2)} s` : ''})`,
		goal: `≤ 12 s, so the default run's ${cnnDefaults.epochs} epochs and their evaluations fit well within 60 s`,
	};
}

export function convNumpyRow(bench: ConvBench): IssueRow {
	const engine = bench.epochs[`wasm-${bench.threads}-threads`] ?? bench.epochs['wasm-1-thread']!;
	const one = bench.epochs['numpy-1-thread'],
		all = bench.epochs['numpy-all-threads'];
	return {
		what: `that epoch vs numpy float32 doing the same layers (im2col and matmul, OpenBLAS overrides unset), ${bench.images} images`,
		measured:
			one && all
				? `${engine.seconds.toFixed(2)} s vs numpy's ${one.seconds.toFixed(2)} s on one thread, ${all.seconds.toFixed(2)} s on all: ` +
					`${(Math.min(one.seconds, all.seconds) / engine.seconds).toFixed(1)}x faster than numpy's best`
				: null,
		elsewhere: bench.numpyNote ?? 'numpy did not run',
		goal: 'faster than numpy',
	};
}

function faster(otherOverThis: number): string {
	return otherOverThis >= 1 ? `${otherOverThis.toFixed(2)}x faster` : `${(1 / otherOverThis).toFixed(2)}x slower`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
	const {values} = parseArgs({
		options: {
			images: {type: 'string', default: '20000'},
			filters: {type: 'string', default: cnnDefaults.filters.join(',')},
			threads: {type: 'string', default: String(Math.min(4, availableParallelism()))},
			repeat: {type: 'string', default: '1'},
			seed: {type: 'string', default: '1'},
			'skip-numpy': {type: 'boolean', default: false},
		},
	});
	const training = await loadTrain({});
	const data: BenchData = {
		images: training.images,
		labels: training.labels!,
		count: training.count,
		imageSize: training.rows * training.columns,
	};
	const bench = await measureConvBench({
		data,
		images: Number(values.images),
		filters: values.filters.split(',').map(Number),
		threads: Number(values.threads),
		seed: Number(values.seed),
		repeat: Number(values.repeat),
		numpy: !values['skip-numpy'],
	});
	printConvBench(bench);
}
