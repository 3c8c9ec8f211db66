/**
 * The run's events: what a training run tells its consumers (the JSON Lines,
 * plain and dashboard modes, the worker's messages). A run yields them in
 * this order: loading, start, then batch progress and probes within each
 * epoch, an epoch result (and a saved event) after each, and done.
 */
import type {Dataset} from '../data/dataset.js';
import type {Architecture} from '../nn/architecture.js';
import type {BackendName} from '../nn/backend/backend.js';
import type {FeatureWeights} from '../nn/feature-weights.js';
import type {LayerWeights} from '../nn/network.js';
import type {TrainConfig} from './config.js';
import type {ControlSetting, ControlValues} from './controls.js';
import type {Evaluation} from './evaluate.js';
import type {Confusion} from './metrics.js';

/** What a run is about to do, once its data and network are ready. */
export interface RunStart {
	readonly type: 'start';
	readonly config: TrainConfig;
	/** [inputs, hidden…, classes] of the network being trained: for a cnn, its inputs and its dense layers after the convolutions. */
	readonly layers: readonly number[];
	/** The network's layers, convolutions and pools included; unset (a run rebuilt from an earlier version's log): dense layers of `layers`. */
	readonly architecture?: Architecture;
	readonly classes: readonly string[];
	readonly trainCount: number;
	readonly testCount: number;
	readonly trainSource: string;
	readonly testSource: string;
	/** Where the matrix products run. */
	readonly backend: BackendName;
	/** Threads sharing the products (1 on the js backend). */
	readonly threads: number;
	/** The test images and labels, for the prediction browser. */
	readonly test: Pick<Dataset, 'images' | 'labels' | 'count'>;
	/** A run continued with --resume: from which file, after how many epochs (and steps of the next), and its epochs so far. */
	readonly resumed?: {readonly file: string; readonly epochs: number; readonly batch: number; readonly history: readonly EpochSummary[]};
	/** The network's weights as it starts (with RunControl.weights). */
	readonly weights?: readonly LayerWeights[];
	/** A convolutional network's image layers, with the weights. */
	readonly features?: readonly FeatureWeights[];
	/** The learning rate and momentum in force as it starts (a resumed run's may have been changed while it trained); unset: the config's. */
	readonly controls?: ControlValues;
}

/** Progress inside an epoch, after each optimizer step. */
export interface BatchProgress {
	readonly type: 'batch';
	readonly epoch: number;
	readonly epochs: number;
	readonly batch: number;
	readonly batches: number;
	/** Images trained on so far in this epoch. */
	readonly images: number;
	/** Mean cross-entropy of this step's images. */
	readonly loss: number;
	/** Training time of this epoch so far. */
	readonly seconds: number;
}

/** The end of an epoch: the tutorial's train and test cost, and the test predictions. */
export interface EpochResult {
	readonly type: 'epoch';
	readonly epoch: number;
	readonly epochs: number;
	/** Mean cross-entropy and accuracy over the epoch's batches, as measured while training. */
	readonly trainLoss: number;
	readonly trainAccuracy: number;
	readonly testLoss: number | null;
	readonly testAccuracy: number | null;
	/** Training time of this epoch: no data loading, no evaluation. */
	readonly seconds: number;
	readonly samplesPerSecond: number;
	readonly test: Evaluation;
	/** The weights the test results come from (with RunControl.weights). */
	readonly weights?: readonly LayerWeights[];
	/** A convolutional network's image layers, with the weights. */
	readonly features?: readonly FeatureWeights[];
}

export type TrainerEvent = BatchProgress | EpochResult;

/** One line of the training history, as the charts and the model file keep it. */
export type EpochSummary = Pick<EpochResult, 'epoch' | 'trainLoss' | 'trainAccuracy' | 'testLoss' | 'testAccuracy' | 'seconds'>;

/** The network on a fixed slice of the test set, during an epoch. */
export interface ProbeResult {
	readonly type: 'probe';
	readonly epoch: number;
	readonly batch: number;
	readonly images: number;
	readonly accuracy: number;
	readonly confusion: Confusion;
	/** The weights at the probe (with RunControl.weights). */
	readonly weights?: readonly LayerWeights[];
	/** A convolutional network's image layers, with the weights. */
	readonly features?: readonly FeatureWeights[];
}

/** The epoch with the lowest test loss so far: the model --save-best keeps. */
export interface LowestTestLoss {
	readonly epoch: number;
	readonly testLoss: number;
	readonly testAccuracy: number;
}

/** Where a run stands for --patience: its lowest test loss and the epochs since that have not beaten it. */
export interface PatienceStanding extends LowestTestLoss {
	/** Epochs in a row, after the best one, whose test loss was not strictly lower. */
	readonly epochsWithout: number;
}

export interface RunDone {
	readonly type: 'done';
	/** Epochs completed. */
	readonly epochs: number;
	readonly testAccuracy: number | null;
	readonly testLoss: number | null;
	/** Wall time of the whole run, data loading and evaluation included. */
	readonly seconds: number;
	readonly confusion: Confusion | null;
	/** The names of the confusion matrix's rows and columns. */
	readonly classes: readonly string[];
	readonly savedTo: string | null;
	/** True when the run was stopped before its last epoch. */
	readonly interrupted: boolean;
	readonly history: readonly EpochSummary[];
	/** Why the run ended before its last epoch: the --patience rule, or a stop (a key, a signal); absent when it ran every epoch. */
	readonly stopped?: 'patience' | 'interrupted';
	/** With --patience or --save-best: the epoch with the lowest test loss, and the epochs since that did not beat it. */
	readonly best?: PatienceStanding;
	/** With --save-best: where the best epoch's model went (null while no epoch has been written there). */
	readonly bestSavedTo?: string | null;
	/** An interrupted run: where it stopped. */
	readonly stoppedIn?: StoppedIn;
}

/** The epoch a stopped run was in (of `epochs`) and the batches of it done: 0 when it stopped between two epochs. */
export interface StoppedIn {
	readonly epoch: number;
	readonly epochs: number;
	readonly batch: number;
	readonly batches: number;
}

/**
 * A setting changed while the run trains (RunControl.requests): it holds from
 * step `step` of epoch `epoch` on, the step numbered as the header counts
 * them (1 is an epoch's first).
 */
export interface ControlChange {
	readonly type: 'control';
	readonly epoch: number;
	readonly step: number;
	readonly setting: ControlSetting;
	readonly from: number;
	readonly to: number;
	/** Every value in force from then on. */
	readonly values: ControlValues;
}

/** A change that was not made, and why: a bound, or no momentum to change. */
export interface ControlRefused {
	readonly type: 'control-refused';
	readonly setting: ControlSetting;
	readonly reason: string;
}

export type RunEvent =
	| {readonly type: 'loading'}
	| RunStart
	| TrainerEvent
	| ProbeResult
	| {readonly type: 'saved'; readonly path: string; readonly epoch: number}
	| ControlChange
	| ControlRefused
	| RunDone;
