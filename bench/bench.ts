import {availableParallelism, loadavg} from 'node:os';
import {parseArgs} from 'node:util';
import {embeddedMnistFiles} from '../source/data/embedded.js';
import {loadTest, loadTrain} from '../source/data/load.js';
import type {Backend} from '../source/nn/backend/backend.js';
import {createBackend} from '../source/nn/backend/create-backend.js';
import {WasmBackend} from '../source/nn/backend/wasm/wasm-backend.js';
import {Network} from '../source/nn/network.js';
import {createOptimizer} from '../source/nn/optim/create-optimizer.js';
import {Rng} from '../source/nn/rng.js';
import {cnnDefaults, defaultLearningRates, defaults, threadCount} from '../source/train/config.js';
import {busyChange, measureBusy, printBusy} from './busy.js';
import {convEpochRow, convNumpyRow, measureConvBench, printConvBench} from './conv-epoch.js';
import {dashboardCosts, measureDashboard} from './dashboard.js';
import {agrees, type Difference, lossTolerance, values, weightDifference} from './differences.js';
import type {BenchData} from './epoch.js';
import {Batcher, type EpochResult, heldImages, type PackImages, runEpoch, type TrainStep} from './epoch.js';
import {busyMachineRow, dashboardCostRow, defaultRunRow, firstEpochRow, firstFrameRow, numpyRow, printIssueTable} from './issue-table.js';
import {backendProducts, referenceProducts, timeProducts} from './kernels.js';
import {numpyEpochOnce, numpyEpochs} from './numpy.js';
import {measureDefaultRun, measureFreshEpochs, measureStartup} from './program.js';
import {ReferenceNetwork} from './reference.js';
import {type BenchReport, type EpochReport, type EpochSummary, type KernelTiming, printReport, type Setup} from './report.js';
import {measureDashboardRuns} from './terminal.js';

const warmupBatches = 8;
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
		// the default run in the dashboard, once for each seed from 1 to this
		seeds: {type: 'string', default: '3'},
		json: {type: 'boolean', default: false},
		'skip-run': {type: 'boolean', default: false},
		'skip-busy': {type: 'boolean', default: false},
		'skip-dashboard': {type: 'boolean', default: false},
		// the convolutional network's epochs (engine and numpy) and kernels: about a minute
		'skip-conv': {type: 'boolean', default: false},
	},
});
const batchSize = wholeNumber('batch-size', 1);
const seed = wholeNumber('seed', 0);
const repeat = wholeNumber('repeat', 1);
const requestedImages = wholeNumber('images', 1);
const dashboardSeeds = Array.from({length: wholeNumber('seeds', 1)}, (_, index) => index + 1);
const loadAtStart = loadavg()[0]!;

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

const setups: readonly Setup[] = [
	{sizes: [784, 128, 10], batchSize, optimizer: 'gd', learningRate: 0.1, reference: true},
	// the defaults' network, batch, optimizer and peak rate (held constant: the schedule is the program's, not the products')
	{
		sizes: [784, ...defaults.hidden, 10],
		batchSize: defaults.batchSize,
		optimizer: defaults.optimizer,
		learningRate: defaultLearningRates[defaults.optimizer],
		reference: false,
	},
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
const timeShape = (batch: number, inputs: number, outputs: number, x?: Float32Array): KernelTiming => ({
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
const epochs = setups.map((setup): EpochReport => {
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
			const result = network.trainBatch(x, labels, batch, 1 / batch, true);
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
		const images = heldImages(backend, data.images);
		const run = times(
			() => Network.create(sizes, new Rng(seed), backend),
			engineStep,
			network => (order, start, count) => network.packImages(images, order, start, count),
		);
		results[name] = run.summary;
		networks[name] = run.model;
	}
	const numpyNote = numpyEpochs(setup, results, gflop, {imagesFile, labelsFile, count, seed, repeat});
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

// 2b. the default convolutional network: an epoch on the same images, one thread and all, numpy beside it; its kernels' GFLOP/s
const conv = flags['skip-conv']
	? null
	: await measureConvBench({data, images: count, filters: cnnDefaults.filters, threads, seed, repeat, numpy: true});

// 3. the program as a user starts it: the first frame of `mnist-tui` in a terminal, a fresh process's first epoch, and the whole
// default run, in the dashboard (launch to the done frame, in a terminal) and with --json
const startup = await measureStartup();
// numpy's epoch on all threads after each fresh process, so that the machine's load falls on both alike
const numpyBeside: number[] = [];
const freshEpochs = measureFreshEpochs(setups[0]!, count, seed, 5, () => {
	const seconds = numpyEpochOnce(setups[0]!, {imagesFile, labelsFile, count, seed});
	if (typeof seconds === 'number') numpyBeside.push(seconds);
});
const dashboardRuns = flags['skip-run'] ? null : await measureDashboardRuns(dashboardSeeds);
const defaultRun = flags['skip-run'] ? null : await measureDefaultRun();
// 4. training while another process takes one core
// the busy machine's rows and the dashboard's cost move most from run to run here: their medians are of 5 runs
const noisyRuns = 5;
const busy = flags['skip-busy'] ? null : measureBusy({runs: noisyRuns});
// 5. the dashboard's cost to training, both networks (bench/dashboard.ts, `npm run bench:dashboard` alone)
const dashboard = flags['skip-dashboard'] ? null : await measureDashboard(['512', '128'], noisyRuns, {say: () => undefined});
const load = `load average ${loadAtStart.toFixed(1)} at the start, ${loadavg()[0]!.toFixed(1)} at the end, on ${availableParallelism()} cores`;

// the goals, in the issue's order: each part of the work adds its measurement to its row
const issueRows = [
	defaultRunRow(dashboardRuns),
	dashboardCostRow(dashboard && dashboardCosts(dashboard), noisyRuns),
	firstEpochRow(freshEpochs),
	numpyRow(freshEpochs, numpyBeside),
	firstFrameRow(startup),
	busyMachineRow(busy && busyChange(busy), noisyRuns),
];

const agree = epochs.every(
	epoch =>
		Object.values(epoch.differences).every(difference => agrees(difference)) &&
		variants.every(({name}) => Number.isFinite(epoch.results[name]!.loss)),
);
const report: BenchReport = {
	images: count,
	seed,
	repeat,
	threads,
	dataLoadSeconds,
	firstFrameMs: startup,
	freshEpochs,
	numpyBesideFresh: numpyBeside,
	defaultRun,
	dashboardRuns,
	issueRows,
	load,
	kernelShapes: kernels.map(({batch, inputs, outputs, input}) => `${batch}x${inputs}x${outputs}${input === 'MNIST' ? ' MNIST x' : ''}`),
	kernels,
	epochs,
	peakRssMegabytes: {afterLoad: rssAfterLoad, afterKernels: rssAfterKernels, afterEpochs: rssAfterEpochs},
};

// the convolutional mode's aims (issue 19)
const convRows = conv ? [convEpochRow(conv), convNumpyRow(conv)] : [];

if (flags.json) {
	console.log(JSON.stringify({...report, busy, dashboard, conv}));
} else {
	printReport(report, {fastest, kernelSeconds});
	if (conv) printConvBench(conv);
	if (busy) printBusy(busy);
	printIssueTable(issueRows, load);
	if (conv) printIssueTable(convRows, conv.load, "The convolutional mode's aims");
}
if (!agree) {
	console.error(
		`\n!!! BACKENDS AND REFERENCE DISAGREE: epoch losses differ by more than ${lossTolerance * 100}%: ` +
			`${JSON.stringify(epochs.map(epoch => epoch.differences))} !!!\n`,
	);
	process.exitCode = 1;
}

function wholeNumber(flag: 'images' | 'batch-size' | 'seed' | 'repeat' | 'seeds', least: number): number {
	const value = Number(flags[flag]);
	if (Number.isInteger(value) && value >= least) return value;
	console.error(`bench: --${flag} takes a whole number of at least ${least}, not ${flags[flag]}`);
	process.exit(2);
}

function peakRssMegabytes(): number {
	return Math.round(process.resourceUsage().maxRSS / 1024);
}
