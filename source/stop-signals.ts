/**
 * SIGINT, SIGTERM and SIGHUP in every mode. The first one asks the running
 * mode to stop the way `q` does (save, restore the terminal, print the
 * summary) and the exit code says which signal it was; a second one, or one
 * that comes while no mode can stop yet, ends the process at once through
 * `exitNow` (the terminal is restored by its exit handler).
 */
export const signalExitCodes = {SIGINT: 130, SIGTERM: 143, SIGHUP: 129} as const;

export type StopSignal = keyof typeof signalExitCodes;

export interface StopSignals {
	/** From now on the first signal calls `stop` instead of exiting (one that came before is passed on at once). */
	onStop(stop: (signal: StopSignal) => void): void;
	/** The first signal received, if any. */
	received(): StopSignal | undefined;
}

export function watchStopSignals(exitNow: (code: number) => void): StopSignals {
	let received: StopSignal | undefined;
	let stop: ((signal: StopSignal) => void) | undefined;
	for (const signal of Object.keys(signalExitCodes) as StopSignal[]) {
		process.on(signal, () => {
			if (received !== undefined || stop === undefined) {
				exitNow(signalExitCodes[received ?? signal]);
				return;
			}
			received = signal;
			stop(signal);
		});
	}
	return {
		onStop(handler) {
			stop = handler;
			if (received !== undefined) handler(received);
		},
		received: () => received,
	};
}
