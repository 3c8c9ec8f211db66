import type {Confusion} from '../train/metrics.js';
import type {FromWorker, Progress} from '../train/protocol.js';
import type {EpochSummary, RunDone, RunStart} from '../train/run.js';

/**
 * Everything the dashboard shows, rebuilt from the worker's events by a pure
 * reducer. Steps arrive sampled (a progress message carries every step's
 * loss), and the step-loss history is compacted so it stays bounded however
 * long the run.
 */
export interface DashboardState {
	readonly phase: 'loading' | 'training' | 'done' | 'failed';
	readonly paused: boolean;
	readonly start: RunStart | null;
	readonly progress: Omit<Progress, 'type' | 'losses'> | null;
	/** How many progress messages have arrived: turns the spinner. */
	readonly progressUpdates: number;
	/** Training images per second in the current epoch (training time only). */
	readonly samplesPerSecond: number | null;
	/** Step losses, each point the mean of `stepsPerPoint` consecutive steps. */
	readonly stepLosses: readonly number[];
	readonly stepsPerPoint: number;
	/** Steps waiting to fill the next point. */
	readonly pendingLosses: readonly number[];
	readonly history: readonly EpochSummary[];
	readonly confusion: Confusion | null;
	/** Where the confusion matrix comes from: "epoch 3" or "probe: 1,000 test images, epoch 4". */
	readonly confusionSource: string | null;
	/** The latest finished epoch's test predictions [count] and probabilities [count, classes]. */
	readonly predictions: Uint8Array | null;
	readonly probabilities: Float32Array | null;
	/** The predictions of the epoch before, to show what changed. */
	readonly previousPredictions: Uint8Array | null;
	readonly savedTo: string | null;
	readonly done: RunDone | null;
	readonly error: string | null;
}

export const initialDashboard: DashboardState = {
	phase: 'loading', paused: false, start: null, progress: null, progressUpdates: 0, samplesPerSecond: null,
	stepLosses: [], stepsPerPoint: 1, pendingLosses: [], history: [],
	confusion: null, confusionSource: null, predictions: null, probabilities: null, previousPredictions: null,
	savedTo: null, done: null, error: null,
};

/** The step-loss history never holds more points than this. */
export const maxLossPoints = 2048;

export type DashboardAction = Exclude<FromWorker, {type: 'failure'}> | {type: 'paused'; paused: boolean} | {type: 'failed'; message: string};

export function dashboardReducer(state: DashboardState, action: DashboardAction): DashboardState {
	switch (action.type) {
		case 'loading':
			return {...state, phase: 'loading'};
		case 'start':
			// a resumed run's charts start with its earlier epochs
			return {...state, phase: 'training', start: action, history: action.resumed?.history ?? state.history};
		case 'progress': {
			const {type: _type, losses, ...progress} = action;
			return {
				...state,
				...appendLosses(state, losses),
				progress,
				progressUpdates: state.progressUpdates + 1,
				samplesPerSecond: progress.seconds > 0 ? progress.images / progress.seconds : state.samplesPerSecond,
			};
		}
		case 'probe':
			return state.history.length > 0 && state.history.at(-1)!.epoch >= action.epoch
				? state
				: {...state, confusion: action.confusion, confusionSource: `probe: ${action.images.toLocaleString('en-US')} test images, epoch ${action.epoch}`};
		case 'epoch': {
			const summary: EpochSummary = {
				epoch: action.epoch, trainLoss: action.trainLoss, trainAccuracy: action.trainAccuracy,
				testLoss: action.testLoss, testAccuracy: action.testAccuracy, seconds: action.seconds,
			};
			return {
				...state,
				history: [...state.history, summary],
				confusion: action.test.confusion ?? state.confusion,
				confusionSource: action.test.confusion ? `epoch ${action.epoch}` : state.confusionSource,
				previousPredictions: state.predictions,
				predictions: action.test.predictions,
				probabilities: action.test.probabilities,
				samplesPerSecond: action.samplesPerSecond,
			};
		}
		case 'saved':
			return {...state, savedTo: action.path};
		case 'done':
			return {...state, phase: 'done', paused: false, done: action, savedTo: action.savedTo ?? state.savedTo};
		case 'paused':
			return state.phase === 'done' || state.phase === 'failed' ? state : {...state, paused: action.paused};
		case 'failed':
			return {...state, phase: 'failed', paused: false, error: action.message};
	}
}

/** Adds step losses, averaging pairs of points whenever the history would grow past its bound. */
function appendLosses(state: DashboardState, losses: ArrayLike<number>): Pick<DashboardState, 'stepLosses' | 'stepsPerPoint' | 'pendingLosses'> {
	let points = state.stepLosses.slice();
	let stepsPerPoint = state.stepsPerPoint;
	let pending = state.pendingLosses.slice();
	for (let i = 0; i < losses.length; i++) {
		pending.push(losses[i]!);
		if (pending.length < stepsPerPoint) continue;
		points.push(pending.reduce((sum, value) => sum + value, 0) / pending.length);
		pending = [];
		if (points.length >= maxLossPoints) {
			points = Array.from({length: points.length / 2}, (_, j) => (points[2 * j]! + points[2 * j + 1]!) / 2);
			stepsPerPoint *= 2;
		}
	}
	return {stepLosses: points, stepsPerPoint, pendingLosses: pending};
}
