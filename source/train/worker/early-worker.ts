import type {TrainConfig} from '../config.js';
import {startTrainingWorker, type TrainingWorker, type WorkerListener} from './worker-host.js';

/** A run started before anything listens to it: its events wait until a listener is attached. */
export interface EarlyWorker {
	/** The run, from now on told to `listener`, the events that came before first (after the caller returns). */
	attach(listener: WorkerListener): TrainingWorker;
}

/**
 * Starts the run in its worker at once, so the data loads while the main
 * thread is still busy (loading the dashboard's screens, say).
 */
export function startEarlyWorker(config: TrainConfig, probe?: {images: number; everyMs: number}): EarlyWorker {
	let listener: WorkerListener | undefined;
	const waiting: ((listener: WorkerListener) => void)[] = [];
	const relay = (tell: (listener: WorkerListener) => void) => (listener ? tell(listener) : waiting.push(tell));
	const worker = startTrainingWorker(
		config,
		{
			onEvent: event => relay(listener => listener.onEvent(event)),
			onError: error => relay(listener => listener.onError(error)),
			onExit: () => relay(listener => listener.onExit?.()),
		},
		probe,
	);
	return {
		attach(attached) {
			// the waiting events go out once the caller holds the worker; a message from the worker cannot come between
			queueMicrotask(() => {
				for (const tell of waiting.splice(0)) tell(attached);
				listener = attached;
			});
			return worker;
		},
	};
}
