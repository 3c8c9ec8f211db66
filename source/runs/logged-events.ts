/**
 * The events of a --log file that a run is rebuilt from (start, epoch,
 * control, done), read field by field from parsed JSON. Fields that earlier versions
 * did not write (an epoch's confusion and step losses, the backend, the
 * class names) are optional; a field that every version wrote is required.
 * A problem is a string saying what is wrong; the reader adds file and line.
 */

import type {Architecture, LayerSpec} from '../nn/architecture.js';
import {type Schedule, scheduleNames} from '../nn/optim/schedule.js';
import type {Confusion} from '../train/metrics.js';

export interface LoggedStart {
	readonly layers: readonly number[];
	/** The network's layers, convolutions included; null in logs before it was written (dense networks). */
	readonly architecture: Architecture | null;
	readonly epochs: number;
	readonly batchSize: number | 'full';
	readonly learningRate: number;
	readonly optimizer: string;
	readonly seed: number;
	readonly classes: readonly string[];
	readonly train: string;
	readonly test: string;
	readonly limit: number | null;
	readonly testLimit: number | null;
	readonly trainCount: number;
	readonly testCount: number;
	/** The --patience rule, or null (logs before it existed have none). */
	readonly patience: number | null;
	/** The learning-rate schedule, or null: logs before schedules (a constant rate), or a schedule this version does not know. */
	readonly schedule: Schedule | null;
	/** The learning rate and momentum in force as a resumed run started, when they had been changed before it stopped. */
	readonly controls: LoggedValues | null;
	/** A run continued with --resume: after how many epochs, and those epochs. */
	readonly resumed: {readonly epochs: number; readonly history: readonly LoggedEpoch[]} | null;
}

export interface LoggedEpoch {
	readonly epoch: number;
	readonly epochs: number;
	readonly trainLoss: number;
	readonly trainAccuracy: number;
	readonly testLoss: number | null;
	readonly testAccuracy: number | null;
	readonly seconds: number;
	readonly samplesPerSecond: number | null;
	/** Null in logs written before epochs carried them. */
	readonly confusion: Confusion | null;
	readonly stepLosses: readonly number[] | null;
}

export interface LoggedValues {
	readonly learningRate: number;
	readonly momentum: number | null;
}

/** A change made from the dashboard while the run trained: it holds from step `step` of epoch `epoch`. */
export interface LoggedControl {
	readonly epoch: number;
	readonly step: number;
	readonly setting: 'learningRate' | 'momentum';
	readonly from: number;
	readonly values: LoggedValues;
}

export interface LoggedDone {
	readonly epochs: number;
	readonly testAccuracy: number | null;
	readonly testLoss: number | null;
	readonly seconds: number;
	readonly confusion: Confusion | null;
	readonly savedTo: string | null;
	readonly interrupted: boolean;
	/** Why it ended before its last epoch, when the log says. */
	readonly stopped: 'patience' | 'interrupted' | null;
	/** With --patience or --save-best: the epoch with the lowest test loss. */
	readonly best: {readonly epoch: number; readonly testLoss: number; readonly testAccuracy: number} | null;
}

type Fields = Readonly<Record<string, unknown>>;

/** A field that is not what it should be: what the reader reports. */
export class FieldProblem extends Error {}

const digits = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
const maxClasses = 1000;

/** A schedule as logged; one it cannot draw is left out (the header then shows the base rate), never an error. */
function loggedSchedule(value: unknown): Schedule | null {
	if (typeof value !== 'object' || value === null) return null;
	const {name, warmup} = value as Record<string, unknown>;
	const known = scheduleNames.find(known => known === name);
	if (known !== 'onecycle') return known ? {name: known} : null;
	return typeof warmup === 'number' && warmup >= 0 && warmup <= 1 ? {name: known, warmup} : null;
}

/** The layers as logged (conv2d, maxpool2d, dense); one this version cannot read is left out (the sizes are shown), never an error. */
function loggedArchitecture(value: unknown): Architecture | null {
	if (typeof value !== 'object' || value === null) return null;
	const {input, layers} = value as Record<string, unknown>;
	const count = (number: unknown): number is number => Number.isSafeInteger(number) && (number as number) >= 1;
	if (!Array.isArray(input) || input.length !== 3 || !input.every(count) || !Array.isArray(layers)) return null;
	const specs = layers.map((layer: unknown): LayerSpec | null => {
		if (typeof layer !== 'object' || layer === null) return null;
		const {type, filters, kernel, outputs} = layer as Record<string, unknown>;
		if (type === 'conv2d') return count(filters) && count(kernel) ? {kind: 'conv', filters, kernel} : null;
		if (type === 'maxpool2d') return {kind: 'pool'};
		return type === 'dense' && count(outputs) ? {kind: 'dense', units: outputs} : null;
	});
	if (specs.length === 0 || specs.some(spec => spec === null)) return null;
	const [channels, height, width] = input as number[];
	return {input: {channels: channels!, height: height!, width: width!}, layers: specs as LayerSpec[]};
}

export function loggedStart(event: Fields): LoggedStart {
	const config = object(event, 'config');
	const at = (name: string) => `config.${name}`;
	const classes = config.classes === undefined ? digits : strings(config.classes, at('classes'));
	const resumed = event.resumed === undefined || event.resumed === null ? null : object(event, 'resumed');
	return {
		layers: wholeNumbers(config.layers, at('layers')),
		architecture: loggedArchitecture(config.architecture),
		epochs: whole(config.epochs, at('epochs'), 1),
		batchSize: config.batchSize === 'full' ? 'full' : whole(config.batchSize, at('batchSize'), 1),
		learningRate: finite(config.learningRate, at('learningRate')),
		optimizer: text(config.optimizer, at('optimizer')),
		seed: whole(config.seed, at('seed'), 0),
		classes,
		train: config.train === undefined ? '?' : text(config.train, at('train')),
		test: config.test === undefined ? '?' : text(config.test, at('test')),
		limit: config.limit === undefined || config.limit === null ? null : whole(config.limit, at('limit'), 1),
		testLimit: config.testLimit === undefined || config.testLimit === null ? null : whole(config.testLimit, at('testLimit'), 1),
		trainCount: whole(event.trainCount, 'trainCount', 0),
		testCount: whole(event.testCount, 'testCount', 0),
		patience: config.patience === undefined || config.patience === null ? null : whole(config.patience, at('patience'), 1),
		schedule: loggedSchedule(config.schedule),
		controls: event.controls === undefined || event.controls === null ? null : values(object(event, 'controls'), 'controls.'),
		resumed:
			resumed === null
				? null
				: {
						epochs: whole(resumed.epochs, 'resumed.epochs', 0),
						history: list(resumed.history, 'resumed.history').map((entry, index) =>
							loggedEpoch(fields(entry, `resumed.history[${index}]`), classes.length, `resumed.history[${index}].`),
						),
					},
	};
}

export function loggedEpoch(event: Fields, classes: number, prefix = ''): LoggedEpoch {
	const at = (name: string) => `${prefix}${name}`;
	return {
		epoch: whole(event.epoch, at('epoch'), 1),
		epochs: event.epochs === undefined && prefix ? 0 : whole(event.epochs, at('epochs'), 1),
		trainLoss: finite(event.trainLoss, at('trainLoss')),
		trainAccuracy: fraction(event.trainAccuracy, at('trainAccuracy')),
		testLoss: nullable(event.testLoss, at('testLoss'), finite),
		testAccuracy: nullable(event.testAccuracy, at('testAccuracy'), fraction),
		seconds: nonNegative(event.seconds, at('seconds')),
		samplesPerSecond: event.samplesPerSecond === undefined ? null : nonNegative(event.samplesPerSecond, at('samplesPerSecond')),
		confusion:
			event.confusion === undefined ? null : nullable(event.confusion, at('confusion'), (value, name) => confusion(value, name, classes)),
		stepLosses:
			event.stepLosses === undefined
				? null
				: list(event.stepLosses, at('stepLosses')).map((loss, i) => finite(loss, `${at('stepLosses')}[${i}]`)),
	};
}

export function loggedDone(event: Fields, classes: number): LoggedDone {
	return {
		epochs: whole(event.epochs, 'epochs', 0),
		testAccuracy: nullable(event.testAccuracy, 'testAccuracy', fraction),
		testLoss: nullable(event.testLoss, 'testLoss', finite),
		seconds: nonNegative(event.seconds, 'seconds'),
		confusion:
			event.confusion === undefined ? null : nullable(event.confusion, 'confusion', (value, name) => confusion(value, name, classes)),
		savedTo: event.savedTo === undefined || event.savedTo === null ? null : text(event.savedTo, 'savedTo'),
		interrupted: event.interrupted === true,
		stopped: event.stopped === 'patience' || event.stopped === 'interrupted' ? event.stopped : null,
		best: event.best === undefined || event.best === null ? null : lowest(object(event, 'best')),
	};
}

export function loggedControl(event: Fields): LoggedControl {
	const changed = text(event.changed, 'changed');
	if (changed !== 'lr' && changed !== 'momentum') throw problem('changed', `is "${changed}", expected "lr" or "momentum"`);
	return {
		epoch: whole(event.epoch, 'epoch', 1),
		step: whole(event.step, 'step', 1),
		setting: changed === 'lr' ? 'learningRate' : 'momentum',
		from: finite(event.previous, 'previous'),
		values: values(event, ''),
	};
}

const values = (event: Fields, prefix: string): LoggedValues => ({
	learningRate: finite(event.lr, `${prefix}lr`),
	momentum: nullable(event.momentum, `${prefix}momentum`, finite),
});

const lowest = (best: Fields): NonNullable<LoggedDone['best']> => ({
	epoch: whole(best.epoch, 'best.epoch', 1),
	testLoss: finite(best.testLoss, 'best.testLoss'),
	testAccuracy: fraction(best.testAccuracy, 'best.testAccuracy'),
});

const problem = (name: string, expected: string): FieldProblem => new FieldProblem(`"${name}" ${expected}`);

function fields(value: unknown, name: string): Fields {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) throw problem(name, 'is missing or not an object');
	return value as Fields;
}

const object = (event: Fields, name: string): Fields => fields(event[name], name);

function list(value: unknown, name: string): readonly unknown[] {
	if (!Array.isArray(value)) throw problem(name, 'is missing or not a list');
	return value;
}

function finite(value: unknown, name: string): number {
	if (typeof value !== 'number' || !Number.isFinite(value)) throw problem(name, 'is missing or not a number');
	return value;
}

function nonNegative(value: unknown, name: string): number {
	const number = finite(value, name);
	if (number < 0) throw problem(name, `is ${number}, expected 0 or more`);
	return number;
}

function whole(value: unknown, name: string, least: number): number {
	const number = finite(value, name);
	if (!Number.isSafeInteger(number) || number < least) throw problem(name, `is ${number}, expected a whole number from ${least}`);
	return number;
}

function fraction(value: unknown, name: string): number {
	const number = finite(value, name);
	if (number < 0 || number > 1) throw problem(name, `is ${number}, expected a fraction from 0 to 1`);
	return number;
}

function nullable<T>(value: unknown, name: string, read: (value: unknown, name: string) => T): T | null {
	if (value === undefined) throw problem(name, 'is missing');
	return value === null ? null : read(value, name);
}

function text(value: unknown, name: string): string {
	if (typeof value !== 'string') throw problem(name, 'is missing or not a string');
	return value;
}

function strings(value: unknown, name: string): string[] {
	const names = list(value, name).map((entry, i) => text(entry, `${name}[${i}]`));
	if (names.length < 2 || names.length > maxClasses) throw problem(name, `has ${names.length} names, expected 2 to ${maxClasses}`);
	return names;
}

function wholeNumbers(value: unknown, name: string): number[] {
	const numbers = list(value, name).map((entry, i) => whole(entry, `${name}[${i}]`, 1));
	if (numbers.length < 2) throw problem(name, 'has fewer than 2 layer sizes');
	return numbers;
}

function confusion(value: unknown, name: string, classes: number): Confusion {
	const rows = list(value, name);
	if (rows.length !== classes) throw problem(name, `has ${rows.length} rows, expected ${classes} (one per class)`);
	return rows.map((row, r) => {
		const cells = list(row, `${name}[${r}]`);
		if (cells.length !== classes) throw problem(`${name}[${r}]`, `has ${cells.length} counts, expected ${classes}`);
		return cells.map((cell, c) => whole(cell, `${name}[${r}][${c}]`, 0));
	});
}
