import type {TrainConfig} from '../config.js';
import type {ControlRequest} from '../controls.js';
import type {BatchProgress, RunEvent} from '../events.js';
import type {Probe} from '../run.js';

/** Messages from the main thread to the training worker. */
export type ToWorker =
	| {readonly type: 'start'; readonly config: TrainConfig; readonly probe?: Probe; readonly waitForScreen?: boolean}
	/** The screen has drawn the run's start: a run started with waitForScreen begins training. */
	| {readonly type: 'shown'}
	| {readonly type: 'pause'}
	| {readonly type: 'resume'}
	| {readonly type: 'stop'}
	/** A change to the learning rate or momentum, made before the next step (while paused too). */
	| {readonly type: 'control'; readonly request: ControlRequest}
	/** While paused: train one batch, then stay paused. */
	| {readonly type: 'step'}
	/** The main thread has taken in this epoch's results (the worker stays at most a few epochs ahead). */
	| {readonly type: 'received'; readonly epoch: number};

/**
 * What a screen asks of the run: a probe, and to wait for the screen to draw
 * the run's start (`shown`) before the first step, so that the frame does
 * not take a core from the first steps.
 */
export interface ScreenAsks {
	readonly probe?: Probe;
	readonly waitForScreen?: boolean;
}

/** The latest step, with the losses of every step since the previous message. */
export interface Progress extends Omit<BatchProgress, 'type'> {
	readonly type: 'progress';
	/** The mean loss of each step since the last progress message, oldest first. */
	readonly losses: Float32Array;
}

/** A failure, rebuilt as the same kind of error on the main thread. */
export interface WorkerFailure {
	readonly type: 'failure';
	readonly kind: 'input' | 'diverged' | 'unexpected';
	readonly message: string;
	readonly stack?: string;
	readonly epoch?: number;
	readonly batch?: number;
}

/** Messages from the worker: run events (steps sampled into progress), and failures. */
export type FromWorker = Exclude<RunEvent, BatchProgress> | Progress | WorkerFailure;
