/**
 * A logged run as the dashboard's actions, in the order and at the pace the
 * live run produced them: start, then for each epoch its steps in progress
 * messages a quarter of a logged second apart (with the step losses the
 * epoch logged), the changes made from the dashboard after the step they
 * followed, the epoch's results, and done. The dashboard's reducer
 * folds these exactly as it folds the worker's messages.
 */
import type {BackendName} from '../../nn/backend/backend.js';
import type {OptimizerName} from '../../nn/optim/optimizer.js';
import type {LoggedControl, LoggedEpoch} from '../../runs/logged-events.js';
import type {LoggedRun} from '../../runs/run-log.js';
import type {ControlChange, EpochSummary, RunStart} from '../../train/events.js';
import type {DashboardAction} from '../dashboard/dashboard-state.js';

export interface ReplayStep {
	/** Logged seconds between the step before and this one. */
	readonly wait: number;
	readonly action: DashboardAction;
}

/** How much logged time one progress message covers: the live dashboard draws a few times a second too. */
const progressSeconds = 0.25;

export function replaySteps(run: LoggedRun): ReplayStep[] {
	const start = startAction(run);
	const steps: ReplayStep[] = [{wait: 0, action: start}];
	const batchSize = start.config.batchSize === 'full' ? Math.max(1, start.trainCount) : start.config.batchSize;
	const batches = Math.max(1, Math.ceil(start.trainCount / batchSize));
	// an older log has no epoch confusion: its done event's matrix is the last epoch's
	const lastConfusion = run.done?.confusion ?? null;
	const controls = [...run.controls];
	/** The changes not yet replayed that were made once `batch` steps of `epoch` were done (or before a later epoch): the log's order is the order made. */
	const changesUpTo = (epoch: number, batch: number): ReplayStep[] => {
		const later = controls.findIndex(change => change.epoch > epoch || (change.epoch === epoch && change.step - 1 > batch));
		const due = controls.splice(0, later === -1 ? controls.length : later);
		return due.map(change => ({wait: 0, action: controlAction(change)}));
	};
	run.epochs.forEach((epoch, index) => {
		const last = index === run.epochs.length - 1;
		const progress = progressSteps(epoch, batches, batchSize, start.trainCount);
		const first = progress[0]?.action.type === 'progress' ? progress[0].action.batch - 1 : 0;
		steps.push(...changesUpTo(epoch.epoch, Math.max(0, first)));
		for (const step of progress) {
			steps.push(step);
			if (step.action.type === 'progress') steps.push(...changesUpTo(epoch.epoch, step.action.batch));
		}
		steps.push({wait: 0, action: epochAction(epoch, last && epoch.confusion === null ? lastConfusion : epoch.confusion)});
	});
	steps.push(...changesUpTo(Number.POSITIVE_INFINITY, 0));
	const {done} = run;
	if (done) {
		const history: EpochSummary[] = [...(run.start.resumed?.history ?? []), ...run.epochs].map(summary);
		const {stopped, best, ...rest} = done;
		steps.push({
			wait: 0,
			action: {
				type: 'done',
				...rest,
				classes: run.start.classes,
				history,
				...(stopped ? {stopped} : {}),
				// the epochs after the lowest test loss did not beat it: that is what the best's count says
				...(best ? {best: {...best, epochsWithout: done.epochs - best.epoch}} : {}),
			},
		});
	}
	return steps;
}

function controlAction(change: LoggedControl): ControlChange {
	const to = change.setting === 'learningRate' ? change.values.learningRate : (change.values.momentum ?? change.from);
	return {type: 'control', epoch: change.epoch, step: change.step, setting: change.setting, from: change.from, to, values: change.values};
}

/** The epoch's steps in chunks, each chunk's wait its share of the epoch's training seconds. */
function progressSteps(epoch: LoggedEpoch, batches: number, batchSize: number, trainCount: number): ReplayStep[] {
	const losses = epoch.stepLosses ?? [];
	const steps = losses.length > 0 ? losses.length : batches;
	const chunks = Math.max(1, Math.min(steps, Math.ceil(epoch.seconds / progressSeconds)));
	const first = batches - steps;
	let done = 0;
	const result: ReplayStep[] = [];
	for (let chunk = 1; chunk <= chunks; chunk++) {
		const end = Math.round((steps * chunk) / chunks);
		const batch = first + end;
		result.push({
			wait: (epoch.seconds * (end - done)) / steps,
			action: {
				type: 'progress',
				epoch: epoch.epoch,
				epochs: epoch.epochs,
				batch,
				batches,
				images: batch === batches ? trainCount : Math.min(trainCount, batch * batchSize),
				loss: losses[end - 1] ?? 0,
				seconds: (epoch.seconds * end) / steps,
				losses: Float32Array.from(losses.slice(done, end)),
			},
		});
		done = end;
	}
	return result;
}

function epochAction(epoch: LoggedEpoch, confusion: LoggedEpoch['confusion']): DashboardAction {
	return {
		type: 'epoch',
		...summary(epoch),
		epochs: epoch.epochs,
		samplesPerSecond: epoch.samplesPerSecond ?? 0,
		// the log holds no predictions or weights: the views that need them are not offered
		test: {
			loss: epoch.testLoss,
			accuracy: epoch.testAccuracy,
			confusion,
			predictions: new Uint8Array(0),
			probabilities: new Float32Array(0),
			meanActivations: [],
		},
	};
}

const summary = ({epoch, trainLoss, trainAccuracy, testLoss, testAccuracy, seconds}: LoggedEpoch): EpochSummary => ({
	epoch,
	trainLoss,
	trainAccuracy,
	testLoss,
	testAccuracy,
	seconds,
});

function startAction(run: LoggedRun): RunStart {
	const {start} = run;
	return {
		type: 'start',
		config: {
			epochs: start.epochs,
			batchSize: start.batchSize,
			learningRate: start.learningRate,
			// shown as logged: a log of a later version may name an optimizer this one lacks
			optimizer: start.optimizer as OptimizerName,
			seed: start.seed,
			sources: {},
			classes: 'digits',
			backend: 'auto',
			...(start.limit === null ? {} : {limit: start.limit}),
			...(start.testLimit === null ? {} : {testLimit: start.testLimit}),
			...(start.patience === null ? {} : {patience: start.patience}),
			...(start.schedule === null ? {} : {schedule: start.schedule}),
		},
		layers: start.layers,
		...(start.architecture ? {architecture: start.architecture} : {}),
		classes: start.classes,
		trainCount: start.trainCount,
		testCount: start.testCount,
		trainSource: start.train,
		testSource: start.test,
		backend: 'js' as BackendName,
		threads: 1,
		test: {images: new Uint8Array(0), labels: null, count: 0},
		...(start.controls ? {controls: start.controls} : {}),
		...(start.resumed
			? {resumed: {file: run.file, epochs: start.resumed.epochs, batch: 0, history: start.resumed.history.map(summary)}}
			: {}),
	};
}

/** Logged seconds so far: the finished epochs' training time and the current epoch's: the replay's clock. */
export function loggedElapsed(state: {
	readonly history: readonly EpochSummary[];
	readonly pendingEpochs: readonly EpochSummary[];
	readonly lastEpoch: EpochSummary | null;
	readonly progress: {readonly epoch: number; readonly seconds: number} | null;
}): number {
	const finished = [...state.history, ...state.pendingEpochs].reduce((sum, epoch) => sum + epoch.seconds, 0);
	const current = state.progress && state.progress.epoch > (state.lastEpoch?.epoch ?? 0) ? state.progress.seconds : 0;
	return finished + current;
}
