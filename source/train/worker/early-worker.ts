import type {TrainConfig} from '../config.js';
import type {ScreenAsks} from './protocol.js';
import {startTrainingWorker, type TrainingWorker, type WorkerListener} from './worker-host.js';

/** A run started before anything listens to it: its events wait until a listener is attached. */
export interface EarlyWorker {
	/** The run, from now on told to `listener`, the events that came before first (after the caller returns). */
	attach(listener: WorkerListener): TrainingWorker;
}

/** A run whose worker starts when told to: what is asked of it before then (pause, stop…) is sent once it has started. */
export interface PendingWorker extends EarlyWorker {
	/** Starts the worker, once; nothing happens after the run was terminated. */
	start(): void;
}

/**
 * A run in a training worker that starts when told to, held by its listener
 * from the first: the dashboard draws its first frame with the cores to
 * itself, then starts the run. Events that come before a listener is
 * attached wait for it.
 */
export function pendingWorker(config: TrainConfig, asks: ScreenAsks = {}): PendingWorker {
	let listener: WorkerListener | undefined;
	const waiting: ((listener: WorkerListener) => void)[] = [];
	const relay = (tell: (listener: WorkerListener) => void) => (listener ? tell(listener) : waiting.push(tell));
	let worker: TrainingWorker | undefined;
	let terminated = false;
	const asked: ((worker: TrainingWorker) => void)[] = [];
	const ask = (request: (worker: TrainingWorker) => void) => (worker ? request(worker) : asked.push(request));
	const held: TrainingWorker = {
		pause: () => ask(worker => worker.pause()),
		resume: () => ask(worker => worker.resume()),
		stop: () => ask(worker => worker.stop()),
		control: request => ask(worker => worker.control(request)),
		step: () => ask(worker => worker.step()),
		shown: () => ask(worker => worker.shown()),
		terminate: async () => {
			terminated = true;
			await worker?.terminate();
		},
	};
	return {
		start() {
			if (worker || terminated) return;
			worker = startTrainingWorker(
				config,
				{
					onEvent: event => relay(listener => listener.onEvent(event)),
					onError: error => relay(listener => listener.onError(error)),
					onExit: () => relay(listener => listener.onExit?.()),
				},
				asks,
			);
			for (const request of asked.splice(0)) request(worker);
		},
		attach(attached) {
			// the waiting events go out once the caller holds the worker; a message from the worker cannot come between
			queueMicrotask(() => {
				for (const tell of waiting.splice(0)) tell(attached);
				listener = attached;
			});
			return held;
		},
	};
}
