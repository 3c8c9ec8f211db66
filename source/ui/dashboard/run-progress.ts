import type {DashboardState} from './dashboard-state.js';
import {trustedEta} from './training-rate.js';

/** Where the run is, derived from the dashboard state for the header and the bars. */
export interface RunProgress {
	readonly epoch: number;
	readonly epochs: number;
	/** Steps done in this epoch, and per epoch. */
	readonly batch: number;
	readonly batches: number;
	/** Share of this epoch's images trained on, and of the whole run's. */
	readonly epochFraction: number;
	readonly runFraction: number;
	/** The last step of the epoch is done and its test pass is running. */
	readonly testing: boolean;
	/** Seconds of training left at the recent speed, or null until that speed can be trusted (see training-rate.ts). */
	readonly etaSeconds: number | null;
}

export function runProgress(state: DashboardState): RunProgress | null {
	const {start, progress, lastEpoch} = state;
	if (!start) return null;
	const trainCount = Math.max(1, start.trainCount);
	const epochs = progress?.epochs ?? start.config.epochs;
	const lastDone = lastEpoch?.epoch ?? 0;
	const batchSize = start.config.batchSize === 'full' ? trainCount : start.config.batchSize;
	const finished = state.phase === 'done' && !state.done?.interrupted;
	// before the first step of an epoch, the previous one is complete
	const epoch = progress?.epoch ?? Math.max(1, lastDone);
	const images = finished ? trainCount : (progress?.images ?? (lastDone > 0 ? trainCount : 0));
	const batches = progress?.batches ?? Math.ceil(trainCount / batchSize);
	const batch = finished ? batches : (progress?.batch ?? (lastDone > 0 ? batches : 0));
	const remaining = Math.max(0, (epochs - epoch) * trainCount + (trainCount - images));
	return {
		epoch,
		epochs,
		batch,
		batches,
		epochFraction: images / trainCount,
		runFraction: finished ? 1 : Math.min(1, ((epoch - 1) * trainCount + images) / (epochs * trainCount)),
		testing: state.phase === 'training' && images >= trainCount && lastDone < epoch,
		etaSeconds: state.phase === 'training' ? trustedEta(state.rate, remaining, epochs * trainCount) : null,
	};
}
