import {type Architecture, buildNetwork} from '../nn/architecture.js';
import type {Backend} from '../nn/backend/backend.js';
import {Network} from '../nn/network.js';
import {createOptimizer} from '../nn/optim/create-optimizer.js';
import type {OptimizerName} from '../nn/optim/optimizer.js';
import {Rng} from '../nn/rng.js';

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

/**
 * Trains a small throwaway network for a few steps on made-up images, one
 * step each turn of the event loop, then runs the code that shares the
 * products among the backend's threads once they run, so that it all runs
 * while the files load: the run's first epoch then starts with the code
 * optimised and the partner threads running. It stops early once `loaded`
 * is aborted (after at least one step), so it never holds up a run whose
 * files came quickly, nor a slow backend's. It touches nothing of the run:
 * its own seed, its own arrays, no events. Its arrays are given back to the
 * backend at the end (`release`), so the run's network takes the same
 * memory, already handed over by the system: its first step pays no page
 * faults. Nothing else may allocate from the backend while it runs.
 * A run of a convolutional network warms one of its own `architecture`
 * (the convolution and pooling code) on smaller batches.
 */
export async function warmUp(backend: Backend, optimizer: OptimizerName, loaded: AbortSignal, architecture?: Architecture): Promise<void> {
	const mark = backend.mark?.();
	try {
		await warmSteps(backend, optimizer, loaded, architecture);
		await warmThreads(backend, loaded);
	} finally {
		if (mark !== undefined) backend.release?.(mark);
	}
	await backend.ready?.();
}

async function warmSteps(backend: Backend, optimizer: OptimizerName, loaded: AbortSignal, architecture?: Architecture): Promise<void> {
	const rng = new Rng(1);
	const network = architecture ? buildNetwork(architecture, rng, backend) : Network.create(warmSizes, rng, backend);
	const warmBatch = architecture ? convBatch : denseBatch;
	const stepper = createOptimizer(optimizer, 0.01);
	const inputs = network.sizes[0]!;
	// mostly zero pixels, as in a digit
	const images = Uint8Array.from({length: warmBatch * inputs}, () => (rng.next() < 0.2 ? rng.int(256) : 0));
	const labels = Uint8Array.from({length: warmBatch}, () => rng.int(10));
	for (let step = 0; step < stepsAtMost && (step === 0 || !loaded.aborted); step++) {
		network.zeroGradients();
		network.trainBatch(network.packImages(images, null, 0, warmBatch), labels, warmBatch, 1 / warmBatch);
		stepper.step(network.parameters());
		network.hasFiniteWeights();
		network.predict(network.packImages(images, null, 0, warmBatch), warmBatch);
		await new Promise(resolve => setImmediate(resolve));
	}
}

/**
 * Turns of the event loop that run the code sharing the products among
 * threads, 2 ms each: with 8, the partner's loop was still being compiled
 * as the run started; with 20 (5,000 calls), it was ready in 3 runs of 3.
 */
const threadTurns = 20;

/**
 * Once the backend's threads run, and while the files load, runs the code
 * that shares the products among them (see WasmBackend.warmThreads), a
 * slice each turn of the event loop.
 */
async function warmThreads(backend: Backend, loaded: AbortSignal): Promise<void> {
	if (!backend.warmThreads) return;
	await backend.ready?.();
	for (let turn = 0; turn < threadTurns && !loaded.aborted; turn++) {
		backend.warmThreads();
		await new Promise(resolve => setImmediate(resolve));
	}
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
