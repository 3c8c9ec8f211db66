import type {FileKind} from '../files/written-files.js';
import {constantSchedule} from '../nn/optim/schedule.js';
import {significant} from '../text/format.js';
import {startingControls} from '../train/controls.js';
import type {ControlChange, RunEvent, RunStart} from '../train/events.js';
import {archFields} from '../train/network-architecture.js';
import type {Progress} from '../train/worker/protocol.js';

/**
 * The JSON Lines of one run, as --json prints them and --log appends them:
 * each epoch's line carries the loss of every step of that epoch (gathered
 * from the steps or progress messages before it), so `replay` can draw the
 * step-loss chart the run drew.
 */
export function jsonLines(): (event: RunEvent | Progress) => string | undefined {
	let stepLosses: number[] = [];
	return event => {
		if (event.type === 'batch') stepLosses.push(event.loss);
		else if (event.type === 'progress') for (const loss of event.losses) stepLosses.push(loss);
		else if (event.type === 'start') stepLosses = [];
		if (event.type !== 'epoch') return jsonLine(event);
		const line = jsonLine(event, stepLosses);
		stepLosses = [];
		return line;
	};
}

/**
 * The JSON Lines contract (README, "JSON Lines"): start, one line per epoch,
 * done. Other events have no line. Accuracies are fractions in [0, 1].
 */
function jsonLine(event: RunEvent | Progress, stepLosses: readonly number[] = []): string | undefined {
	switch (event.type) {
		case 'start': {
			const {config} = event;
			return JSON.stringify({
				event: 'start',
				config: {
					layers: event.layers,
					...architectureFields(event),
					epochs: config.epochs,
					batchSize: config.batchSize,
					learningRate: config.learningRate,
					schedule: config.schedule ?? constantSchedule,
					optimizer: config.optimizer,
					seed: config.seed,
					backend: event.backend,
					threads: event.threads,
					classes: event.classes,
					train: event.trainSource,
					test: event.testSource,
					limit: config.limit ?? null,
					testLimit: config.testLimit ?? null,
					model: config.model ?? null,
					save: config.save ?? null,
					patience: config.patience ?? null,
					saveBest: config.saveBest ?? null,
				},
				trainCount: event.trainCount,
				testCount: event.testCount,
				...(event.resumed ? {resumed: event.resumed} : {}),
				...resumedControls(event),
			});
		}
		case 'epoch':
			return JSON.stringify({
				event: 'epoch',
				epoch: event.epoch,
				epochs: event.epochs,
				trainLoss: significant(event.trainLoss),
				trainAccuracy: event.trainAccuracy,
				testLoss: event.testLoss === null ? null : significant(event.testLoss),
				testAccuracy: event.testAccuracy,
				seconds: round(event.seconds, 3),
				samplesPerSecond: Math.round(event.samplesPerSecond),
				// what replay draws: the epoch's test confusion matrix and its step losses
				confusion: event.test.confusion,
				stepLosses: stepLosses.map(significant),
			});
		case 'done':
			return JSON.stringify({
				event: 'done',
				epochs: event.epochs,
				testAccuracy: event.testAccuracy,
				testLoss: event.testLoss === null ? null : significant(event.testLoss),
				seconds: round(event.seconds, 3),
				confusion: event.confusion,
				savedTo: event.savedTo,
				...(event.interrupted ? {interrupted: true} : {}),
				...(event.stopped ? {stopped: event.stopped} : {}),
				...(event.best
					? {best: {epoch: event.best.epoch, testLoss: significant(event.best.testLoss), testAccuracy: event.best.testAccuracy}}
					: {}),
				...(event.bestSavedTo === undefined ? {} : {bestSavedTo: event.bestSavedTo}),
				...(event.stoppedIn ? {stoppedIn: event.stoppedIn} : {}),
			});
		case 'control':
			return controlLine(event);
		default:
			return undefined;
	}
}

/**
 * What the network is: `arch` (mlp or cnn), a cnn's `filters` (null for
 * mlp), and `architecture`, its layers as the model file names them
 * (conv2d, maxpool2d, dense), with the image shape it reads. `layers` stays
 * [inputs, dense layers…]: for a cnn, its inputs and the dense layers after
 * the convolutions.
 */
function architectureFields({layers, architecture}: RunStart) {
	const {input, layers: specs} = architecture ?? {
		input: {channels: 1, height: 1, width: layers[0]!},
		layers: layers.slice(1).map(units => ({kind: 'dense', units}) as const),
	};
	return {
		...archFields({input, layers: specs}),
		architecture: {
			input: [input.channels, input.height, input.width],
			layers: specs.map(layer =>
				layer.kind === 'conv'
					? {type: 'conv2d', filters: layer.filters, kernel: layer.kernel}
					: layer.kind === 'pool'
						? {type: 'maxpool2d', size: 2}
						: {type: 'dense', outputs: layer.units},
			),
		},
	};
}

/** A resumed run goes on with the learning rate and momentum in force when it stopped: said when they differ from --lr and the default. */
function resumedControls({resumed, controls, config}: RunStart): {controls?: {lr: number; momentum: number | null}} {
	const started = startingControls(config.optimizer, config.learningRate);
	if (!resumed || !controls || (controls.learningRate === started.learningRate && controls.momentum === started.momentum)) return {};
	return {controls: {lr: controls.learningRate, momentum: controls.momentum}};
}

/**
 * A change made while training: `lr` is the new base rate (what --lr sets),
 * `momentum` the momentum in force (Adam's β1; null for gd), `changed` which
 * of them changed and `previous` its value before. It holds from step `step`
 * of epoch `epoch` on, steps numbered within the epoch from 1, as the
 * dashboard's header counts them.
 */
function controlLine(event: ControlChange): string {
	return JSON.stringify({event: 'control', ...controlFields(event)});
}

/** A change's fields as the control line names them (compare --json lists a run's changes the same way). */
export function controlFields({epoch, step, setting, from, values}: Pick<ControlChange, 'epoch' | 'step' | 'setting' | 'from' | 'values'>) {
	return {
		epoch,
		step,
		lr: values.learningRate,
		momentum: values.momentum,
		changed: setting === 'learningRate' ? 'lr' : 'momentum',
		previous: from,
	};
}

function round(value: number, digits: number): number {
	return Number(value.toFixed(digits));
}

/**
 * What --log appends to: JSON Lines, one object per line (these events, or
 * any other tool's). An existing file is one when it ends with a newline and
 * every whole line at its start and its end is a JSON object; anything else
 * (a CSV, notes, a model) is not appended to.
 */
export const eventLogKind: FileKind = {
	name: 'a JSON Lines file',
	streams: true,
	appends: true,
	recognise(head, tail) {
		if (!tail.endsWith('\n')) return false;
		// the head's last piece and the tail's first may be cut mid-line
		const lines = [...head.split('\n').slice(0, -1), ...(tail === head ? [] : tail.split('\n').slice(1, -1))];
		return lines.length > 0 && lines.every(isObjectLine);
	},
};

function isObjectLine(line: string): boolean {
	try {
		const value: unknown = JSON.parse(line);
		return typeof value === 'object' && value !== null && !Array.isArray(value);
	} catch {
		return false;
	}
}
