import {endianness} from 'node:os';
import {resolve} from 'node:path';
import {MAX_IMAGES} from '../../data/input-file.js';
import {InputError} from '../../errors.js';
import type {Architecture} from '../../nn/architecture.js';
import {isRecord, maxClasses, maxLayerWidth, maxParameters, parameterCount} from '../../nn/model-file.js';
import {type OptimizerState, optimizerNames} from '../../nn/optim/optimizer.js';
import {type Schedule, scheduleNames} from '../../nn/optim/schedule.js';
import {Rng} from '../../nn/rng.js';
import {classSets, settingRanges, type TrainConfig} from '../config.js';
import {type ControlValues, momentumRange} from '../controls.js';
import type {EpochSummary} from '../events.js';
import {archFields} from '../network-architecture.js';
import type {TrainerState} from '../trainer.js';

/**
 * The training state a --save file carries beside the model, so that
 * --resume continues the run as if it had never stopped: its settings, where
 * it stands (epoch, step, image order), the rng, the optimizer's state and
 * the history of its epochs. In the model file these are the extra
 * top-level keys "training" and "history". The optimizer's arrays are as big
 * as the model, so they are kept as base64 little-endian float32 bytes:
 * exact, and written in a fraction of the time numbers take.
 */
export interface Checkpoint {
	readonly settings: RunSettings;
	readonly state: TrainerState;
	readonly rng: Rng;
	readonly optimizer: OptimizerState;
	readonly history: readonly EpochSummary[];
	/** The learning rate and momentum in force, when changed while it trained; older checkpoints have none (the settings' lr, the default momentum). */
	readonly controls?: ControlValues;
}

/** The settings that shape a run: a resumed run keeps them. */
export type RunSettings = Pick<
	TrainConfig,
	'epochs' | 'batchSize' | 'learningRate' | 'schedule' | 'optimizer' | 'seed' | 'classes' | 'sources' | 'limit' | 'testLimit' | 'patience'
> & {
	/** [inputs, hidden…, classes]; for a cnn, its inputs and its dense layers */
	readonly layers: readonly number[];
	/** A cnn's: its kind and filter counts (checkpoints of dense networks, older ones too, have neither). */
	readonly arch?: 'cnn';
	readonly filters?: readonly number[];
};

/** The settings to keep, with the data paths made absolute so a resume from another folder finds the same files. */
export function runSettings(config: TrainConfig, layers: readonly number[], architecture?: Architecture): RunSettings {
	const {filters} = archFields(architecture ?? null);
	const {epochs, batchSize, learningRate, schedule, optimizer, seed, classes, limit, testLimit, patience} = config;
	const sources = Object.fromEntries(
		Object.entries(config.sources).flatMap(([key, value]) => (typeof value === 'string' ? [[key, resolve(value)]] : [])),
	);
	return {
		layers,
		...(filters === null ? {} : {arch: 'cnn' as const, filters}),
		epochs,
		batchSize,
		learningRate,
		...(schedule === undefined ? {} : {schedule}),
		optimizer,
		seed,
		classes,
		sources,
		...(limit === undefined ? {} : {limit}),
		...(testLimit === undefined ? {} : {testLimit}),
		...(patience === undefined ? {} : {patience}),
	};
}

/** The top-level keys a checkpoint adds to the model file. */
export function checkpointFields({settings, state, rng, optimizer, history, controls}: Checkpoint): Record<string, unknown> {
	const optimizerState = Object.fromEntries(
		Object.entries(optimizer).map(([key, value]) => [key, typeof value === 'number' ? value : value.map(float32Base64)]),
	);
	return {
		training: {
			config: settings,
			epochs: state.epoch - 1,
			batch: state.batch,
			epochSoFar: {loss: state.lossSum, correct: state.correct, seconds: state.seconds},
			rng: rng.state,
			order: Array.from(state.order),
			optimizerState,
			...(controls ? {controls} : {}),
		},
		history,
	};
}

/**
 * The checkpoint in a model file's extra keys; `file` names it in errors. A
 * model saved without training state, or with a damaged one, is an InputError.
 */
export function parseCheckpoint(extra: Readonly<Record<string, unknown>>, file: string): Checkpoint {
	const training = extra.training;
	if (!isRecord(training) || training.optimizerState === undefined || training.rng === undefined) {
		throw new InputError(
			`--resume ${file}: the model has no training state to resume (optimizer state, image order, epoch); use --model ${file} to start a new run from its weights`,
		);
	}
	const damaged = (what: string): never => {
		throw new InputError(`--resume ${file}: the training state is damaged: ${what}`);
	};
	const settings = parseSettings(training.config, damaged);
	const epochs = wholeNumber(training.epochs, [0, settingRanges.epochs[1]], 'training.epochs', damaged);
	const batch = wholeNumber(training.batch, [0, MAX_IMAGES], 'training.batch', damaged);
	const soFar = isRecord(training.epochSoFar) ? training.epochSoFar : damaged('training.epochSoFar: expected an object');
	const order = parseOrder(training.order, damaged);
	const rng = training.rng;
	if (
		!Array.isArray(rng) ||
		rng.length !== 4 ||
		!rng.every(word => Number.isInteger(word) && word >= 0 && word < 2 ** 32) ||
		rng.every(word => word === 0)
	) {
		damaged('training.rng: expected 4 whole numbers from 0 to 2^32-1, not all 0');
	}
	const state: TrainerState = {
		epoch: epochs + 1,
		batch,
		order,
		lossSum: atLeastZero(soFar.loss, 'training.epochSoFar.loss', damaged),
		correct: wholeNumber(soFar.correct, [0, order.length], 'training.epochSoFar.correct', damaged),
		seconds: atLeastZero(soFar.seconds, 'training.epochSoFar.seconds', damaged),
	};
	const history = parseHistory(extra.history, epochs, damaged);
	const optimizer = parseOptimizerState(training.optimizerState, damaged);
	const controls = training.controls === undefined ? undefined : parseControls(training.controls, settings, damaged);
	return {settings, state, rng: Rng.fromState(rng as number[]), optimizer, history, ...(controls ? {controls} : {})};
}

type Fail = (what: string) => never;

function parseSettings(config: unknown, fail: Fail): RunSettings {
	if (!isRecord(config)) return fail('training.config: expected an object');
	const where = (key: string) => `training.config.${key}`;
	const cnn = parseArch(config, fail);
	const layers = parseLayers(config.layers, where('layers'), cnn !== undefined, fail);
	const batchSize = config.batchSize === 'full' ? 'full' : wholeNumber(config.batchSize, settingRanges.batchSize, where('batchSize'), fail);
	const learningRate = finite(config.learningRate, where('learningRate'), fail);
	const [lowest, highest] = settingRanges.learningRate;
	if (!(learningRate > lowest && learningRate <= highest))
		fail(`${where('learningRate')}: expected a number above ${lowest}, at most ${highest}`);
	const optimizer =
		optimizerNames.find(name => name === config.optimizer) ?? fail(`${where('optimizer')}: expected one of ${optimizerNames.join(', ')}`);
	const classes =
		typeof config.classes === 'string' && Object.hasOwn(classSets, config.classes)
			? (config.classes as keyof typeof classSets)
			: fail(`${where('classes')}: expected one of ${Object.keys(classSets).join(', ')}`);
	const sources = isRecord(config.sources) ? config.sources : fail(`${where('sources')}: expected an object`);
	for (const key of ['data', 'train', 'test']) {
		const path = sources[key];
		// as a flag would give it: some text, no NUL byte, no longer than a path can be
		if (path !== undefined && !(typeof path === 'string' && path.length >= 1 && path.length <= 4096 && !path.includes('\0'))) {
			fail(`${where(`sources.${key}`)}: expected a file or folder name`);
		}
	}
	const limit = config.limit === undefined ? undefined : wholeNumber(config.limit, settingRanges.images, where('limit'), fail);
	const testLimit =
		config.testLimit === undefined ? undefined : wholeNumber(config.testLimit, settingRanges.images, where('testLimit'), fail);
	const patience = config.patience === undefined ? undefined : wholeNumber(config.patience, settingRanges.epochs, where('patience'), fail);
	// checkpoints from before schedules have none: their rate was constant
	const schedule = config.schedule === undefined ? undefined : parseSchedule(config.schedule, where('schedule'), fail);
	return {
		layers,
		...cnn,
		epochs: wholeNumber(config.epochs, settingRanges.epochs, where('epochs'), fail),
		batchSize,
		learningRate,
		...(schedule === undefined ? {} : {schedule}),
		optimizer,
		classes,
		seed: wholeNumber(config.seed, settingRanges.seed, where('seed'), fail),
		sources: sources as RunSettings['sources'],
		...(limit === undefined ? {} : {limit}),
		...(testLimit === undefined ? {} : {testLimit}),
		...(patience === undefined ? {} : {patience}),
	};
}

/** A schedule's name, and its warm-up share for onecycle. */
function parseSchedule(schedule: unknown, where: string, fail: Fail): Schedule {
	if (!isRecord(schedule)) return fail(`${where}: expected an object`);
	const name = scheduleNames.find(known => known === schedule.name) ?? fail(`${where}.name: expected one of ${scheduleNames.join(', ')}`);
	if (name !== 'onecycle') return {name};
	return {name, warmup: fraction(schedule.warmup, `${where}.warmup`, fail)};
}

/** The learning rate and momentum in force: within the ranges the controls keep to, a momentum only for an optimizer that has one. */
function parseControls(controls: unknown, settings: RunSettings, fail: Fail): ControlValues {
	if (!isRecord(controls)) return fail('training.controls: expected an object');
	const learningRate = finite(controls.learningRate, 'training.controls.learningRate', fail);
	const [lowest, highest] = settingRanges.learningRate;
	if (!(learningRate > lowest && learningRate <= highest))
		fail(`training.controls.learningRate: expected a number above ${lowest}, at most ${highest}`);
	if (settings.optimizer === 'gd') {
		if (controls.momentum !== null) fail('training.controls.momentum: expected null (gd has no momentum)');
		return {learningRate, momentum: null};
	}
	const momentum = finite(controls.momentum, 'training.controls.momentum', fail);
	if (!(momentum >= momentumRange[0] && momentum <= momentumRange[1]))
		fail(`training.controls.momentum: expected a number from ${momentumRange[0]} to ${momentumRange[1]}`);
	return {learningRate, momentum};
}

/** A cnn's kind and filter counts; undefined for a dense network's settings (which name neither). */
function parseArch(config: Readonly<Record<string, unknown>>, fail: Fail): {arch: 'cnn'; filters: number[]} | undefined {
	if (config.arch === undefined && config.filters === undefined) return undefined;
	if (config.arch !== 'cnn') return fail('training.config.arch: expected "cnn" (a dense network\'s settings have none)');
	const filters = config.filters;
	if (
		!Array.isArray(filters) ||
		filters.length === 0 ||
		!filters.every(count => Number.isInteger(count) && count >= 1 && count <= maxLayerWidth)
	)
		return fail(`training.config.filters: expected a list of filter counts from 1 to ${maxLayerWidth}`);
	return {arch: 'cnn', filters: filters as number[]};
}

/**
 * Layer sizes of a network the program can hold: widths a layer may have, weights and biases within the limit
 * (a cnn's are counted when its model is read: its first dense layer reads far fewer values than its inputs), classes a model may have.
 */
function parseLayers(layers: unknown, where: string, cnn: boolean, fail: Fail): number[] {
	if (!Array.isArray(layers) || layers.length < 2 || !layers.every(size => Number.isInteger(size) && size >= 1 && size <= maxLayerWidth)) {
		return fail(`${where}: expected a list of layer sizes from 1 to ${maxLayerWidth}`);
	}
	const sizes = layers as number[];
	if ((!cnn && parameterCount(sizes) > maxParameters) || sizes.at(-1)! > maxClasses)
		fail(`${where}: ${sizes.join('-')} is larger than a network here may be`);
	return sizes;
}

/** A permutation of 0 … n-1. */
function parseOrder(order: unknown, fail: Fail): Uint32Array {
	if (!Array.isArray(order) || order.length === 0 || order.length > MAX_IMAGES) {
		return fail(`training.order: expected the list of training image numbers (at most ${MAX_IMAGES})`);
	}
	const result = new Uint32Array(order.length);
	const seen = new Uint8Array(order.length);
	order.forEach((index: unknown, i) => {
		if (!Number.isInteger(index) || (index as number) < 0 || (index as number) >= order.length || seen[index as number]) {
			fail(`training.order: expected each number from 0 to ${order.length - 1} once`);
		}
		seen[index as number] = 1;
		result[i] = index as number;
	});
	return result;
}

function parseHistory(history: unknown, epochs: number, fail: Fail): EpochSummary[] {
	if (!Array.isArray(history) || history.length !== epochs)
		return fail(`history: expected one entry for each of the ${epochs} epochs done`);
	return history.map((entry: unknown, index) => {
		const where = `history entry ${index + 1}`;
		if (!isRecord(entry) || entry.epoch !== index + 1) return fail(`${where}: expected an object with "epoch": ${index + 1}`);
		const loss = (key: string) => atLeastZero(entry[key], `${where} ${key}`, fail);
		const accuracy = (key: string) => fraction(entry[key], `${where} ${key}`, fail);
		const testLoss = entry.testLoss === null ? null : loss('testLoss');
		const testAccuracy = entry.testAccuracy === null ? null : accuracy('testAccuracy');
		if ((testLoss === null) !== (testAccuracy === null)) fail(`${where}: a test loss and a test accuracy, or neither`);
		return {
			epoch: index + 1,
			trainLoss: loss('trainLoss'),
			trainAccuracy: accuracy('trainAccuracy'),
			testLoss,
			testAccuracy,
			seconds: loss('seconds'),
		};
	});
}

/** Counters stay numbers; lists of base64 float32 arrays become Float32Arrays (the optimizer checks their shapes). */
function parseOptimizerState(state: unknown, fail: Fail): OptimizerState {
	if (!isRecord(state)) return fail('training.optimizerState: expected an object');
	return Object.fromEntries(
		Object.entries(state).map(([key, value]) => {
			const where = `training.optimizerState.${key}`;
			if (typeof value === 'number') return [key, finite(value, where, fail)];
			if (!Array.isArray(value)) return fail(`${where}: expected a number or a list of base64 float32 arrays`);
			return [
				key,
				value.map((text: unknown, index) => {
					const array = typeof text === 'string' ? base64Float32(text) : undefined;
					if (!array?.every(Number.isFinite))
						return fail(`${where} ${index + 1}: expected base64 little-endian float32 bytes of finite numbers`);
					return array;
				}),
			];
		}),
	);
}

const bigEndian = endianness() === 'BE';

function float32Base64(values: Float32Array): string {
	const bytes = Buffer.from(values.buffer, values.byteOffset, values.byteLength);
	return (bigEndian ? Buffer.from(bytes).swap32() : bytes).toString('base64');
}

/** The float32 numbers in base64 text; undefined unless it is strict base64 of whole numbers. */
function base64Float32(text: string): Float32Array | undefined {
	const bytes = Buffer.from(text, 'base64');
	// Node skips characters outside the alphabet: only a faithful round trip is accepted
	if (bytes.length % 4 !== 0 || bytes.toString('base64') !== text) return undefined;
	if (bigEndian) bytes.swap32();
	const array = new Float32Array(bytes.length / 4);
	new Uint8Array(array.buffer).set(bytes);
	return array;
}

function wholeNumber(value: unknown, [least, most]: readonly [number, number], where: string, fail: Fail): number {
	if (!Number.isSafeInteger(value) || (value as number) < least || (value as number) > most)
		fail(`${where}: expected a whole number from ${least} to ${most}`);
	return value as number;
}

/** A loss or a time: finite, never negative. */
function atLeastZero(value: unknown, where: string, fail: Fail): number {
	if (!(finite(value, where, fail) >= 0)) fail(`${where}: expected a number from 0 up`);
	return value as number;
}

function fraction(value: unknown, where: string, fail: Fail): number {
	const number = finite(value, where, fail);
	if (!(number >= 0 && number <= 1)) fail(`${where}: expected a fraction from 0 to 1`);
	return number;
}

function finite(value: unknown, where: string, fail: Fail): number {
	if (typeof value !== 'number' || !Number.isFinite(value)) fail(`${where}: expected a finite number`);
	return value as number;
}
