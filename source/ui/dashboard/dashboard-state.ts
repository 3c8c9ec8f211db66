import type {FeatureWeights} from '../../nn/feature-weights.js';
import type {LayerWeights} from '../../nn/network.js';
import {significant} from '../../text/format.js';
import {resumedPlace} from '../../text/stopped-early.js';
import {type ControlValues, startingControls} from '../../train/controls.js';
import type {ControlChange, ControlRefused, EpochSummary, PatienceStanding, ProbeResult, RunDone, RunStart} from '../../train/events.js';
import {type BestEpoch, bestEpoch, type Rising, testLossRising} from '../../train/history.js';
import type {Confusion} from '../../train/metrics.js';
import {patienceStanding} from '../../train/patience.js';
import type {FromWorker, Progress} from '../../train/worker/protocol.js';
import {type PauseClock, pauseClock, pausedNow} from './pause-clock.js';
import {measured, type TrainingRate, unmeasured} from './training-rate.js';

/**
 * Everything the dashboard shows, rebuilt from the worker's events by a pure
 * reducer. Steps arrive sampled (a progress message carries every step's
 * loss), and the step-loss and epoch histories are compacted so they stay
 * bounded however long the run (the full history is in --log and the model file).
 */
export interface DashboardState extends PauseClock {
	readonly phase: 'loading' | 'training' | 'done' | 'failed';
	readonly paused: boolean;
	readonly start: RunStart | null;
	readonly progress: Omit<Progress, 'type' | 'losses'> | null;
	/** How many progress messages have arrived: turns the spinner. */
	readonly progressUpdates: number;
	/** Training images per second in the current epoch (training time only). */
	readonly samplesPerSecond: number | null;
	/** The smoothed speed the ETA is taken from. */
	readonly rate: TrainingRate;
	/**
	 * When the first step's progress arrived, less the time paused before it (Date.now(); null when not
	 * known): the wall time since, pauses left out, over the training time in it is what the ETA scales by.
	 */
	readonly trainingSince: number | null;
	/** Step losses, each point the mean of `stepsPerPoint` consecutive steps. */
	readonly stepLosses: readonly number[];
	readonly stepsPerPoint: number;
	/** Steps waiting to fill the next point. */
	readonly pendingLosses: readonly number[];
	/** The epoch charts' points: each the mean of `epochsPerPoint` consecutive epochs, labelled with the last of them. */
	readonly history: readonly EpochSummary[];
	readonly epochsPerPoint: number;
	/** Epochs waiting to fill the next point. */
	readonly pendingEpochs: readonly EpochSummary[];
	/** The latest finished epoch, how many have finished, the best so far and a rising test loss. */
	readonly lastEpoch: EpochSummary | null;
	readonly epochCount: number;
	readonly best: BestEpoch | null;
	readonly rising: Rising | null;
	/** The lowest test loss so far and the epochs since that did not beat it (what --patience counts). */
	readonly lowestLoss: PatienceStanding | null;
	/**
	 * The matrix on screen: the latest full test pass once there is one ("epoch 3"); before
	 * that, the latest probe's, an estimate ("estimate from 1,000 test images"). A probe never
	 * replaces a full pass, so the counts and the accuracy do not jump between the two.
	 */
	readonly confusion: Confusion | null;
	readonly confusionSource: string | null;
	/** The matrix is a probe's estimate. */
	readonly confusionEstimate: boolean;
	/** The latest probe of the epoch in progress (none once that epoch's full results arrive). */
	readonly probe: ProbeEstimate | null;
	/** The latest finished epoch's test predictions [count] and probabilities [count, classes]. */
	readonly predictions: Uint8Array | null;
	readonly probabilities: Float32Array | null;
	/** The predictions of the epoch before, to show what changed. */
	readonly previousPredictions: Uint8Array | null;
	readonly savedTo: string | null;
	readonly done: RunDone | null;
	readonly error: string | null;
	/** The latest weights (at the start, each probe, each epoch), and when they were taken: "epoch 3", "epoch 4, batch 120" (the header's words). */
	readonly weights: readonly LayerWeights[] | null;
	readonly weightsSource: string | null;
	/** The weights the latest finished epoch's predictions come from. */
	readonly epochWeights: readonly LayerWeights[] | null;
	/** A convolutional network's image layers beside `weights` and `epochWeights`; null for a dense network. */
	readonly features: readonly FeatureWeights[] | null;
	readonly epochFeatures: readonly FeatureWeights[] | null;
	/** Each hidden unit's mean activation on the test set at the latest finished epoch. */
	readonly activity: readonly Float32Array[] | null;
	/** The learning rate and momentum in force, and the latest change made or refused (for the event line). */
	readonly controls: ControlValues | null;
	readonly control: ControlChange | Pick<ControlRefused, 'type' | 'reason'> | null;
}

/** A probe: the network on a fixed slice of the test set during an epoch, an estimate of the next full test pass. */
export type ProbeEstimate = Pick<ProbeResult, 'epoch' | 'batch' | 'images' | 'accuracy'>;

export const initialDashboard: DashboardState = {
	phase: 'loading',
	paused: false,
	start: null,
	progress: null,
	progressUpdates: 0,
	samplesPerSecond: null,
	rate: unmeasured,
	trainingSince: null,
	pausedMs: 0,
	pausedAt: null,
	stepLosses: [],
	stepsPerPoint: 1,
	pendingLosses: [],
	history: [],
	epochsPerPoint: 1,
	pendingEpochs: [],
	lastEpoch: null,
	epochCount: 0,
	best: null,
	rising: null,
	lowestLoss: null,
	confusion: null,
	confusionSource: null,
	confusionEstimate: false,
	probe: null,
	predictions: null,
	probabilities: null,
	previousPredictions: null,
	savedTo: null,
	done: null,
	error: null,
	weights: null,
	weightsSource: null,
	epochWeights: null,
	features: null,
	epochFeatures: null,
	activity: null,
	controls: null,
	control: null,
};

/** The step-loss history never holds more points than this. */
export const maxLossPoints = 2048;
/** Nor the epoch history: wider than any chart, which spreads it over its columns. */
export const maxEpochPoints = 1024;

export type DashboardAction =
	| Exclude<FromWorker, {type: 'failure' | 'progress'}>
	/** `at`: when it arrived, by Date.now() (a replay's has none). */
	| (Progress & {at?: number})
	/** `at`: when, by Date.now(), for the clock that leaves pauses out (a replay, whose clock is the log's, has none). */
	| {type: 'paused'; paused: boolean; at?: number}
	/** A key that changed nothing, and why (n while not paused). */
	| Pick<ControlRefused, 'type' | 'reason'>
	| {type: 'failed'; message: string};

export function dashboardReducer(state: DashboardState, action: DashboardAction): DashboardState {
	switch (action.type) {
		case 'loading':
			return {...state, phase: 'loading'};
		case 'start':
			// a resumed run starts with its earlier epochs: in the charts, the count, the best
			return (action.resumed?.history ?? []).reduce(withEpoch, {
				...state,
				phase: 'training',
				start: action,
				controls: action.controls ?? startingControls(action.config.optimizer, action.config.learningRate),
				...(action.weights
					? {
							weights: action.weights,
							features: action.features ?? null,
							weightsSource: action.resumed ? `resumed ${resumedPlace(action.resumed)}` : 'initial weights',
						}
					: {}),
			});
		case 'progress': {
			const {type: _type, losses, at, ...progress} = action;
			// the first message of a session (a resumed run's epoch may be part done) only sets where the counting starts
			const previous = state.progress;
			const sameEpoch = previous !== null && previous.epoch === progress.epoch;
			const rate =
				previous === null
					? state.rate
					: measured(
							state.rate,
							progress.images - (sameEpoch ? previous.images : 0),
							progress.seconds - (sameEpoch ? previous.seconds : 0),
						);
			return {
				...state,
				...appendLosses(state, losses),
				progress,
				rate,
				trainingSince: state.trainingSince ?? (at === undefined ? null : at - state.pausedMs - pausedNow(state, at)),
				progressUpdates: state.progressUpdates + 1,
				samplesPerSecond: progress.seconds > 0 ? progress.images / progress.seconds : state.samplesPerSecond,
			};
		}
		case 'probe': {
			if (state.lastEpoch !== null && state.lastEpoch.epoch >= action.epoch) return state;
			const {epoch, batch, images, accuracy} = action;
			const fullPass = state.confusion !== null && !state.confusionEstimate;
			return {
				...state,
				probe: {epoch, batch, images, accuracy},
				...(fullPass
					? {}
					: {
							confusion: action.confusion,
							confusionSource: `estimate from ${images.toLocaleString('en-US')} test images`,
							confusionEstimate: true,
						}),
				...(action.weights
					? {weights: action.weights, features: action.features ?? null, weightsSource: `epoch ${epoch}, batch ${batch}`}
					: {}),
			};
		}
		case 'epoch': {
			const summary: EpochSummary = {
				epoch: action.epoch,
				trainLoss: significant(action.trainLoss),
				trainAccuracy: action.trainAccuracy,
				testLoss: action.testLoss === null ? null : significant(action.testLoss),
				testAccuracy: action.testAccuracy,
				seconds: action.seconds,
			};
			return {
				...withEpoch(state, summary),
				...(action.test.confusion
					? {confusion: action.test.confusion, confusionSource: `epoch ${action.epoch}`, confusionEstimate: false}
					: {}),
				probe: null,
				previousPredictions: state.predictions,
				predictions: action.test.predictions,
				probabilities: action.test.probabilities,
				samplesPerSecond: action.samplesPerSecond,
				activity: action.test.meanActivations,
				...(action.weights
					? {
							weights: action.weights,
							features: action.features ?? null,
							weightsSource: `epoch ${action.epoch}`,
							epochWeights: action.weights,
							epochFeatures: action.features ?? null,
						}
					: {}),
			};
		}
		case 'saved':
			return {...state, savedTo: action.path};
		case 'control':
			return {...state, controls: action.values, control: action};
		case 'control-refused':
			return {...state, control: action};
		case 'done':
			return {...state, phase: 'done', paused: false, done: action, savedTo: action.savedTo ?? state.savedTo};
		case 'paused':
			return state.phase === 'done' || state.phase === 'failed' ? state : {...state, paused: action.paused, ...pauseClock(state, action)};
		case 'failed':
			return {...state, phase: 'failed', paused: false, error: action.message};
	}
}

/** The epoch history, the latest, the count, the best and a rising test loss, with one more finished epoch. */
function withEpoch(state: DashboardState, summary: EpochSummary): DashboardState {
	return {
		...state,
		...appendEpoch(state, summary),
		lastEpoch: summary,
		epochCount: state.epochCount + 1,
		best: bestEpoch(state.best ? [state.best, summary] : [summary]),
		rising: nextRising(state, summary),
		lowestLoss: patienceStanding(state.lowestLoss ? [state.lowestLoss, summary] : [summary]),
	};
}

/**
 * The epoch chart's points, with the epochs still filling the next point as a
 * point of their own. The chart's title names the first point's epoch and the
 * last one's, so the first point is labelled with the first epoch it holds.
 */
export function epochPoints({
	history,
	pendingEpochs,
	epochsPerPoint,
}: Pick<DashboardState, 'history' | 'pendingEpochs' | 'epochsPerPoint'>): readonly EpochSummary[] {
	const points = pendingEpochs.length === 0 ? history.slice() : [...history, meanEpoch(pendingEpochs)];
	const first = history[0];
	if (first && epochsPerPoint > 1) points[0] = {...first, epoch: first.epoch - epochsPerPoint + 1};
	return points;
}

/** Adds an epoch to the chart's points, averaging pairs of points whenever they would grow past their bound. */
function appendEpoch(state: DashboardState, summary: EpochSummary): Pick<DashboardState, 'history' | 'epochsPerPoint' | 'pendingEpochs'> {
	const pending = [...state.pendingEpochs, summary];
	if (pending.length < state.epochsPerPoint) return {history: state.history, epochsPerPoint: state.epochsPerPoint, pendingEpochs: pending};
	const history = [...state.history, meanEpoch(pending)];
	if (history.length < maxEpochPoints) return {history, epochsPerPoint: state.epochsPerPoint, pendingEpochs: []};
	const halved = Array.from({length: history.length / 2}, (_, j) => meanEpoch([history[2 * j]!, history[2 * j + 1]!]));
	return {history: halved, epochsPerPoint: state.epochsPerPoint * 2, pendingEpochs: []};
}

/** Epochs as one point: mean losses and accuracies, the total time, the last epoch's number. */
function meanEpoch(epochs: readonly EpochSummary[]): EpochSummary {
	if (epochs.length === 1) return epochs[0]!;
	const mean = (value: (epoch: EpochSummary) => number | null): number | null => {
		let sum = 0;
		for (const epoch of epochs) {
			const v = value(epoch);
			if (v === null) return null;
			sum += v;
		}
		return sum / epochs.length;
	};
	return {
		epoch: epochs.at(-1)!.epoch,
		trainLoss: mean(epoch => epoch.trainLoss)!,
		trainAccuracy: mean(epoch => epoch.trainAccuracy)!,
		testLoss: mean(epoch => epoch.testLoss),
		testAccuracy: mean(epoch => epoch.testAccuracy),
		seconds: epochs.reduce((sum, epoch) => sum + epoch.seconds, 0),
	};
}

/** The rise of the test loss, carried on from the epoch before. */
function nextRising(state: DashboardState, summary: EpochSummary): Rising | null {
	if (!state.lastEpoch) return null;
	if (!testLossRising([state.lastEpoch, summary])) return null;
	return {since: state.rising?.since ?? state.lastEpoch.epoch, epochs: (state.rising?.epochs ?? 0) + 1};
}

/** Adds step losses, averaging pairs of points whenever the history would grow past its bound. */
function appendLosses(
	state: DashboardState,
	losses: ArrayLike<number>,
): Pick<DashboardState, 'stepLosses' | 'stepsPerPoint' | 'pendingLosses'> {
	let points = state.stepLosses.slice();
	let stepsPerPoint = state.stepsPerPoint;
	let pending = state.pendingLosses.slice();
	for (let i = 0; i < losses.length; i++) {
		pending.push(significant(losses[i]!));
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
