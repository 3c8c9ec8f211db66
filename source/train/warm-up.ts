import {type Dataset, datasetOf} from '../data/dataset.js';
import {type Architecture, buildNetwork} from '../nn/architecture.js';
import type {Backend} from '../nn/backend/backend.js';
import {Network} from '../nn/network.js';
import {createOptimizer} from '../nn/optim/create-optimizer.js';
import type {OptimizerName} from '../nn/optim/optimizer.js';
import {Rng} from '../nn/rng.js';
import {trainer} from './trainer.js';

/** The throwaway network: a first layer over MNIST-sized images (the sparse products) and a second one (the dense products). */
const warmSizes = [784, 128, 10];
const denseBatch = 128;
/** A convolutional network's steps cost tens of times a dense one's: fewer images a step run the same code. */
const convBatch = 16;
/**
 * Steps on the throwaway network. The first calls of a kernel run code that
 * is compiled quickly and runs slowly; the ones that have run long enough
 * are compiled again, optimised, in the background, and so is the
 * JavaScript around them. A dozen steps is several times what that needs.
 */
const stepsAtMost = 12;
/** The small network's steps, over two epochs (two shuffles, two test passes). */
const quickSizes = [784, 16, 10];
const quickSteps = 48;
const quickEpochs = 2;
/** The made-up test set: one of evaluate's batches for a dense network, a few images for a convolutional one. */
const denseTestImages = 1000;
const convTestImages = 32;

/**
 * Turns of the event loop that run the code sharing the products among
 * threads, 2 ms each: with 8, the partner's loop was still being compiled
 * as the run started; with 20 (5,000 calls), it was ready in 3 runs of 3.
 */
const threadTurns = 20;

/**
 * Trains a small throwaway network for a few steps on made-up images, one
 * step each turn of the event loop, and, once the backend's threads run,
 * runs the code that shares the products among them in the same turns, so
 * that it all runs while the training images load: the run's first epoch starts
 * with the code optimised and the partner threads running. It stops early
 * once `loaded` is aborted (after at least one step), so it never holds up
 * a run whose files came quickly, nor a slow backend's. It touches nothing
 * of the run: its own seed, its own arrays, no events. Its arrays are given
 * back to the backend at the end (`release`), so the run's network takes
 * the same memory, already handed over by the system: its first step pays
 * no page faults. Nothing else may allocate from the backend while it runs.
 * A run of a convolutional network warms one of its own `architecture`
 * (the convolution and pooling code) on smaller batches.
 */
export async function warmUp(backend: Backend, optimizer: OptimizerName, loaded: AbortSignal, architecture?: Architecture): Promise<void> {
	const mark = backend.mark?.();
	try {
		const steps = throwawaySteps(backend, optimizer, architecture, mark);
		const sliceTurns = backend.warmThreads ? threadTurns : 0;
		let stepping = true;
		let slices = 0;
		for (let turn = 0; (stepping || slices < sliceTurns) && (turn === 0 || !loaded.aborted); turn++) {
			if (stepping) stepping = !steps.next().done;
			// the steps done, the turns left are the threads', once they run
			else await backend.ready?.();
			if (backend.warmThreads?.()) slices++;
			await new Promise(resolve => setImmediate(resolve));
		}
	} finally {
		if (mark !== undefined) backend.release?.(mark);
	}
	await backend.ready?.();
}

/**
 * The steps are the run's own code: the trainer over a made-up training set
 * (shuffled, packed, stepped and checked as a run's), then, when the files
 * take long enough, its test pass over a made-up test set. Code the warm-up
 * left out, or ran with other kinds of values (no order, whole numbers
 * only), V8 compiled again in the run's first epoch, 30-70 ms of a core.
 * A dense run's warm-up goes on with a network small enough to take little
 * time (784-16-10): the code around the products, called once a step, is
 * compiled only after about a hundred steps, which the small network runs
 * in a few ms. Compiled in the first epoch instead, each function
 * took one of the two cores from a training thread for a few ms.
 */
function* throwawaySteps(
	backend: Backend,
	optimizer: OptimizerName,
	architecture: Architecture | undefined,
	mark: number | undefined,
): Generator<unknown, void, undefined> {
	const rng = new Rng(1);
	const place = backend.imageBytes?.bind(backend);
	if (architecture) {
		const network = buildNetwork(architecture, rng, backend);
		yield* throwawayRun(network, optimizer, rng, {batchSize: convBatch, steps: stepsAtMost, testImages: convTestImages, epochs: 1}, place);
		return;
	}
	const runSized = Network.create(warmSizes, rng, backend);
	yield* throwawayRun(runSized, optimizer, rng, {batchSize: denseBatch, steps: stepsAtMost, testImages: denseTestImages, epochs: 1}, place);
	// Everything given back, as the run will find it: the backend's own working arrays are taken again now, by code
	// that has run long enough to record what it sees. Taken again only in the run, they cost its first epoch
	// the output step's optimised code (a branch it had no feedback for) and packPixels' and the team's (fields
	// V8 had taken for constants), each compiled again meanwhile: 40 interleaved runs, first epoch 5% faster so.
	if (mark !== undefined) backend.release?.(mark);
	const quick = Network.create(quickSizes, rng, backend);
	yield* throwawayRun(
		quick,
		optimizer,
		rng,
		{batchSize: denseBatch, steps: quickSteps, testImages: denseTestImages, epochs: quickEpochs},
		place,
	);
}

/** How long a throwaway run is: `epochs` epochs of `steps` batches of made-up images, and a test pass of `testImages` after each. */
interface ThrowawayLength {
	readonly batchSize: number;
	readonly steps: number;
	readonly testImages: number;
	readonly epochs: number;
}

/** The trainer's events for a throwaway run of `network`. */
function throwawayRun(
	network: Network,
	optimizer: OptimizerName,
	rng: Rng,
	{batchSize, steps, testImages, epochs}: ThrowawayLength,
	place: ((length: number) => Uint8Array) | undefined,
): Generator<unknown, void, undefined> {
	const inputs = network.sizes[0]!;
	return trainer({
		network,
		optimizer: createOptimizer(optimizer, 0.01),
		// the training images in the backend's memory, as a run's are read there (loadTrain's room), the test images elsewhere
		train: madeUpImages(rng, batchSize * steps, inputs, place),
		test: madeUpImages(rng, testImages, inputs),
		epochs,
		batchSize,
		rng,
		learningRate: (step, all) => 0.01 * (1 - step / all),
	});
}

/** Distinct made-up images, repeated to make up a set: making each of them costs a random number a pixel. */
const distinctImages = 128;

/** `count` made-up images of `inputs` pixels, mostly zeros as in a digit, with labels; their bytes from `place` where given. */
function madeUpImages(rng: Rng, count: number, inputs: number, place?: (length: number) => Uint8Array): Dataset {
	const distinct = Math.min(count, distinctImages) * inputs;
	const images = place?.(count * inputs) ?? new Uint8Array(count * inputs);
	for (let at = 0; at < distinct; at++) images[at] = rng.next() < 0.2 ? rng.int(256) : 0;
	for (let at = distinct; at < images.length; at += distinct) images.copyWithin(at, 0, Math.min(distinct, images.length - at));
	const side = Math.round(Math.sqrt(inputs));
	const labels = Uint8Array.from({length: count}, () => rng.int(10));
	return datasetOf({images, labels, count, rows: side, columns: inputs / side, source: 'made up'});
}

/** Pages read each turn of the event loop: about a millisecond's worth of first touches. */
const pagesPerTurn = 256;
const pageSize = 4096;

/**
 * Reads one byte of every page of freshly loaded images, a few hundred
 * pages each turn of the event loop so the test set loads meanwhile. The
 * first read of a page the loader filled costs the system a few µs (tens of
 * ms for the training set), which the first epoch would otherwise pay in
 * its first batches. Returns the sum of the bytes read, which keeps the
 * reads from being optimised away.
 */
export async function touchPages(bytes: Uint8Array): Promise<number> {
	let sum = 0;
	for (let page = 0; page < bytes.length; page += pageSize * pagesPerTurn) {
		const end = Math.min(bytes.length, page + pageSize * pagesPerTurn);
		for (let at = page; at < end; at += pageSize) sum += bytes[at]!;
		await new Promise(resolve => setImmediate(resolve));
	}
	return sum;
}
