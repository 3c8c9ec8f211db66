import {Worker} from 'node:worker_threads';
import {DivergedError, InputError} from '../../errors.js';
import type {TrainConfig} from '../config.js';
import type {ControlRequest} from '../controls.js';
import type {FromWorker, ScreenAsks, ToWorker, WorkerFailure} from './protocol.js';

/** A training run in a worker thread, seen from the main thread. */
export interface TrainingWorker {
	pause(): void;
	resume(): void;
	/** Asks the run to stop after the current step; it saves and sends its done event. */
	stop(): void;
	/** A change to the learning rate or momentum, from the next step. */
	control(request: ControlRequest): void;
	/** While paused: one batch, then paused again. */
	step(): void;
	/** The screen has drawn the run's start: a run asked to wait for it begins training. */
	shown(): void;
	/** Ends the worker at once. */
	terminate(): Promise<void>;
}

export interface WorkerListener {
	/** Every event, in order. */
	onEvent(event: Exclude<FromWorker, WorkerFailure>): void;
	/** The run failed: an InputError, a DivergedError or another Error. */
	onError(error: Error): void;
	/** The worker has ended (after done, a failure or terminate). */
	onExit?(): void;
}

/** Starts the run in a worker so the main thread stays free for keys and frames. */
export function startTrainingWorker(
	config: TrainConfig,
	listener: WorkerListener,
	{probe, waitForScreen}: ScreenAsks = {},
): TrainingWorker {
	const worker = createWorker();
	const send = (message: ToWorker) => worker.postMessage(message);
	let finished = false;
	worker.on('message', (message: FromWorker) => {
		if (message.type === 'failure') {
			finished = true;
			listener.onError(rebuild(message));
			void worker.terminate();
			return;
		}
		listener.onEvent(message);
		if (message.type === 'epoch') send({type: 'received', epoch: message.epoch});
		if (message.type === 'done') {
			finished = true;
			void worker.terminate();
		}
	});
	worker.on('error', error => {
		finished = true;
		listener.onError(error);
	});
	worker.on('exit', () => {
		if (!finished) listener.onError(new Error('the training worker ended unexpectedly'));
		listener.onExit?.();
	});
	send({type: 'start', config, ...(probe ? {probe} : {}), ...(waitForScreen ? {waitForScreen} : {})});
	return {
		pause: () => send({type: 'pause'}),
		resume: () => send({type: 'resume'}),
		stop: () => send({type: 'stop'}),
		control: request => send({type: 'control', request}),
		step: () => send({type: 'step'}),
		shown: () => send({type: 'shown'}),
		terminate: async () => {
			finished = true;
			await worker.terminate();
		},
	};
}

function rebuild(failure: WorkerFailure): Error {
	switch (failure.kind) {
		case 'input':
			return new InputError(failure.message);
		case 'diverged':
			return new DivergedError(failure.message, failure.epoch ?? 0, failure.batch ?? 0);
		case 'unexpected': {
			const error = new Error(failure.message);
			if (failure.stack) error.stack = failure.stack;
			return error;
		}
	}
}

/** The worker beside this module; under tsx (the tests) both are TypeScript, and the worker registers tsx first. */
function createWorker(): Worker {
	if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./worker.js', import.meta.url));
	const tsx = import.meta.resolve('tsx/esm/api');
	const worker = new URL('./worker.ts', import.meta.url).href;
	return new Worker(`import(${JSON.stringify(tsx)}).then(api => { api.register(); return import(${JSON.stringify(worker)}); });`, {
		eval: true,
	});
}
