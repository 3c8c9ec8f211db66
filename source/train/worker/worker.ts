import {parentPort} from 'node:worker_threads';
import {DivergedError, InputError} from '../../errors.js';
import type {ControlRequest} from '../controls.js';
import type {BatchProgress, RunEvent} from '../events.js';
import {runTraining} from '../run.js';
import {snapshotBuffers} from '../weights-snapshot.js';
import type {FromWorker, ToWorker, WorkerFailure} from './protocol.js';

/**
 * The training worker: runs one training run and posts its events. Steps are
 * sampled into a progress message at most every `progressEveryMs`, carrying
 * every step's loss; the test predictions of each epoch are transferred.
 * Each message means a frame, and a frame takes the main thread from the
 * training threads, which share the cores with it: 2.5 times a second is
 * the dashboard's pace while training (ui/dashboard-session.tsx draws the
 * run's news at most that often).
 */
const progressEveryMs = 400;
/**
 * Epochs posted that the main thread has not taken in yet, at most: a tiny
 * network can train faster than the dashboard draws, and without a bound the
 * messages (each with the test set's probabilities) would pile up in memory.
 */
const maxEpochsAhead = 16;
/**
 * A run asked to wait for the screen begins training once the screen has
 * drawn its start, or after this long (ms) if it never says so. That frame
 * (the training screen built) had taken the main thread up to 30 ms into
 * the first steps, which lost their cores to it: in 16 runs of 784-128-10,
 * steps held up 23.6 ms of a 2-epoch run before, 16.2 ms after.
 */
const screenWaitMs = 1000;

const port = parentPort;
if (!port) throw new Error('worker.ts runs as a worker thread');

/**
 * The first buffer a thread hands over (here the start event's weight
 * copies) has V8 throw away every piece of code it optimised assuming that
 * no buffer is ever detached (its "ArrayBufferDetaching" protector): all of
 * the training code that reads typed arrays, optimised during the warm-up,
 * was compiled again in the run's first epoch, beside its steps (a 2-epoch
 * run of 784-128-10's first epoch 10% slower than under --json, which hands
 * nothing over). One empty buffer handed over now, before any code is
 * optimised, makes that the assumption from the start.
 */
const nothing = new ArrayBuffer(0);
structuredClone(nothing, {transfer: [nothing]});

let stopRequested = false;
let resume: (() => void) | undefined;
let paused: Promise<void> | undefined;
let postedEpoch = 0;
let receivedEpoch = 0;
let caughtUp: Promise<void> | undefined;
let catchUp: (() => void) | undefined;
let requests: ControlRequest[] = [];
let stepsAsked = 0;
/** Settles the wait for the screen to draw the run's start. */
let screenShown = () => {};
/** Posts the steps sampled since the last progress message. */
let flushProgress = () => {};

const post = (message: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

/** While paused, or while the main thread is too many epochs behind: a promise settled when training may go on. */
function hold(): Promise<void> | undefined {
	if (paused) {
		// the screen shows the step the run stopped at (a single step's too), not the last one sampled
		flushProgress();
		return paused;
	}
	if (stopRequested || postedEpoch - receivedEpoch <= maxEpochsAhead) return undefined;
	return (caughtUp ??= new Promise(resolve => (catchUp = resolve)));
}

port.on('message', (message: ToWorker) => {
	switch (message.type) {
		case 'start':
			void train(message);
			break;
		case 'pause':
			paused ??= new Promise(resolve => (resume = resolve));
			break;
		case 'resume':
			resume?.();
			paused = resume = undefined;
			stepsAsked = 0;
			break;
		case 'control':
			requests.push(message.request);
			wake();
			break;
		case 'step':
			if (!paused) break;
			stepsAsked++;
			wake();
			break;
		case 'received':
			receivedEpoch = message.epoch;
			if (postedEpoch - receivedEpoch <= maxEpochsAhead) {
				catchUp?.();
				caughtUp = catchUp = undefined;
			}
			break;
		case 'shown':
			screenShown();
			break;
		case 'stop':
			stopRequested = true;
			screenShown();
			catchUp?.();
			caughtUp = catchUp = undefined;
			resume?.();
			paused = resume = undefined;
			break;
	}
});

/** While paused: lets the run take in a change or a step, and stay paused. */
function wake(): void {
	if (!paused) return;
	const woken = resume;
	paused = new Promise(resolve => (resume = resolve));
	woken?.();
}

function takeRequests(): ControlRequest[] {
	const taken = requests;
	requests = [];
	return taken;
}

function takeStep(): boolean {
	if (stepsAsked === 0) return false;
	stepsAsked--;
	return true;
}

async function train(start: Extract<ToWorker, {type: 'start'}>): Promise<void> {
	let losses: number[] = [];
	let last: BatchProgress | undefined;
	let lastPost = 0;
	const flush = () => {
		if (!last) return;
		const batch = Float32Array.from(losses);
		const {type: _type, ...progress} = last;
		post({type: 'progress', ...progress, losses: batch}, [batch.buffer]);
		losses = [];
		last = undefined;
		lastPost = performance.now();
	};
	flushProgress = flush;
	try {
		const control = {
			stopRequested: () => stopRequested,
			whilePaused: hold,
			requests: takeRequests,
			takeStep,
			weights: true,
			...(start.probe ? {probe: start.probe} : {}),
		};
		for await (const event of runTraining(start.config, control)) {
			if (event.type === 'batch') {
				losses.push(event.loss);
				last = event;
				if (performance.now() - lastPost >= progressEveryMs) flush();
				continue;
			}
			flush();
			if (event.type === 'epoch') {
				post(event, [event.test.predictions.buffer as ArrayBuffer, event.test.probabilities.buffer as ArrayBuffer, ...buffersOf(event)]);
				postedEpoch = event.epoch;
			} else if (event.type === 'start') {
				const shown = start.waitForScreen ? screenDrawn() : undefined;
				post({...event, test: {...event.test, images: shared(event.test.images)}}, buffersOf(event));
				// the first step comes when the run's generator is asked for the next event
				await shown;
			} else {
				post(event, buffersOf(event));
			}
		}
	} catch (error) {
		flush();
		post(failure(error));
	}
}

/** Settles when the screen has drawn the run's start, when the run is to stop, or after `screenWaitMs`. */
function screenDrawn(): Promise<void> {
	return new Promise(resolve => {
		const timer = setTimeout(resolve, screenWaitMs);
		screenShown = () => {
			clearTimeout(timer);
			resolve();
		};
	});
}

/**
 * The test images (for the browser) in memory both threads can read, so
 * that they reach the main thread without a copy there, which took it tens
 * of milliseconds just as training began. A run reads an IDX test file
 * there already; images from elsewhere (a CSV) are copied here once. Such a
 * copy of MNIST's, into fresh memory just before the first step, took 25 ms
 * of page faults, and the same copy in a --json run slowed its first epoch
 * by 4-7%.
 */
function shared(images: Uint8Array): Uint8Array {
	if (images.buffer instanceof SharedArrayBuffer) return images;
	const copy = new Uint8Array(new SharedArrayBuffer(images.byteLength));
	copy.set(images);
	return copy;
}

/** The weight copies an event carries, moved to the main thread rather than copied again. */
const buffersOf = (event: RunEvent): ArrayBuffer[] => ('weights' in event ? snapshotBuffers(event) : []);

function failure(error: unknown): WorkerFailure {
	if (error instanceof InputError) return {type: 'failure', kind: 'input', message: error.message};
	if (error instanceof DivergedError) {
		return {type: 'failure', kind: 'diverged', message: error.message, epoch: error.epoch, batch: error.batch};
	}
	const message = error instanceof Error ? error.message : String(error);
	return {type: 'failure', kind: 'unexpected', message, ...(error instanceof Error && error.stack ? {stack: error.stack} : {})};
}
