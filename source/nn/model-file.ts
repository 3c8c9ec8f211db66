import {InputError} from '../errors.js';
import {scanJson} from '../files/json-scan.js';
import {excerpt, isPrintable} from '../files/printable.js';
import type {Backend, BackendChoice} from './backend/backend.js';
import {createBackend} from './backend/create-backend.js';
import {Dense} from './dense.js';
import {Network} from './network.js';

/**
 * The model file (JSON): format, version, class names and dense layers with
 * weights row-major [outputs, inputs] like the tutorial's W. Extra top-level
 * keys (training configuration, history, optimizer state) ride along.
 */
export const modelFormat = 'mnist-tui-model';
export const modelVersion = 1;
/** Wider layers than this are refused before anything is allocated. */
export const maxLayerWidth = 65_536;
/**
 * Weights and biases a network may have in all: with its gradients and
 * Adam's two moments 64 MB, and as a checkpoint about 90 MB of JSON, which
 * loads in well under a second. --hidden is held to it too.
 */
export const maxParameters = 4_194_304;
/** Weights and biases of a network of these layer sizes (inputs first). */
export const parameterCount = (sizes: readonly number[]): number =>
	sizes.slice(1).reduce((sum, size, index) => sum + sizes[index]! * size + size, 0);
/** Predictions are kept one byte an image. */
export const maxClasses = 256;
const maxClassName = 40;
/**
 * What a model file may hold before JSON.parse builds it: the longest
 * checkpoint fits (maxParameters numbers, the order of a million training
 * images, a hundred thousand epochs of history: 5.8 million values; the
 * optimizer's arrays are base64 strings, a few per layer), and nothing much
 * larger.
 */
const jsonLimits = {
	depth: 32,
	containers: 200_000,
	values: 6_000_000,
	strings: 10_000,
	keys: 1_000_000,
	members: 1_000,
	forbiddenKeys: new Set(['__proto__', 'constructor', 'prototype']),
};

export interface Model {
	readonly network: Network;
	readonly classes: readonly string[];
	/** Top-level keys other than the model itself. */
	readonly extra: Readonly<Record<string, unknown>>;
}

export function serializeModel(network: Network, classes: readonly string[], extra: Record<string, unknown> = {}): string {
	const layers = network.dense.map((layer, index) => ({
		type: 'dense',
		inputs: layer.inputs,
		outputs: layer.outputs,
		activation: index === network.dense.length - 1 ? 'softmax' : 'relu',
		weights: float32List(layer.weights),
		biases: float32List(layer.biases),
	}));
	// extra keys never replace the model's own; the format comes first so a tool can recognise the file from its first bytes
	const {format: _f, version: _v, classes: _c, layers: _l, ...rest} = extra;
	return `${JSON.stringify({format: modelFormat, version: modelVersion, classes, ...rest, layers})}\n`;
}

/** Parses and checks a model file's text; `file` names it in error messages. The network is built on `backend`. */
export function parseModel(text: string, file: string, backend: BackendChoice | Backend = 'auto'): Model {
	const fail = (what: string): never => {
		throw new InputError(`${file}: ${what}`);
	};
	const finding = scanJson(text, jsonLimits);
	if (finding && 'beyond' in finding) fail(`${finding.beyond}: larger than any model file`);
	if (finding && 'forbiddenKey' in finding) fail(`key "${finding.forbiddenKey}" is not allowed in a model file`);
	let root: unknown;
	try {
		root = JSON.parse(text);
	} catch (error) {
		fail(`not valid JSON (${excerpt((error as Error).message, 80)})`);
	}
	if (!isRecord(root)) return fail('expected a JSON object');
	if (root.format !== modelFormat) fail(`not an mnist-tui model (expected "format": "${modelFormat}")`);
	if (root.version !== modelVersion) fail(`unsupported model version ${shown(root.version)} (expected ${modelVersion})`);
	if (!Array.isArray(root.layers) || root.layers.length === 0) fail('expected "layers": a non-empty list');
	const layerList = root.layers as unknown[];
	// the shapes first, so that nothing is allocated for a network too large to hold
	const shapes = layerList.map((layer, index) => layerShape(layer, index, layerList.length, fail));
	shapes.forEach((shape, index) => {
		const previous = shapes[index - 1];
		if (previous && previous.outputs !== shape.inputs) {
			fail(`layer ${index + 1} has ${shape.inputs} inputs but layer ${index} has ${previous.outputs} outputs`);
		}
	});
	const parameters = parameterCount([shapes[0]!.inputs, ...shapes.map(shape => shape.outputs)]);
	if (parameters > maxParameters) {
		fail(
			`${parameters.toLocaleString('en-US')} weights and biases, more than the ${maxParameters.toLocaleString('en-US')} a network here may have`,
		);
	}
	const classCount = shapes.at(-1)!.outputs;
	if (classCount > maxClasses) fail(`${classCount} outputs, more than the ${maxClasses} classes a model may have`);
	const classes = classNames(root.classes, classCount, fail);
	const arrays = typeof backend === 'string' ? createBackend(backend) : backend;
	const dense = layerList.map((layer, index) => readLayer(layer as Record<string, unknown>, shapes[index]!, index, arrays, fail));
	const {format: _f, version: _v, classes: _c, layers: _l, ...extra} = root;
	return {network: new Network(dense), classes, extra};
}

interface LayerShape {
	readonly inputs: number;
	readonly outputs: number;
}

function layerShape(layer: unknown, index: number, count: number, fail: Fail): LayerShape {
	const where = `layer ${index + 1}`;
	if (!isRecord(layer)) return fail(`${where}: expected an object`);
	if (layer.type !== 'dense') fail(`${where}: type ${shown(layer.type)} is not supported (expected "dense")`);
	const {inputs, outputs} = layer;
	if (!isWidth(inputs)) return fail(`${where}: "inputs" must be a whole number from 1 to ${maxLayerWidth}`);
	if (!isWidth(outputs)) return fail(`${where}: "outputs" must be a whole number from 1 to ${maxLayerWidth}`);
	const activation = index === count - 1 ? 'softmax' : 'relu';
	if (layer.activation !== activation) fail(`${where}: expected "activation": "${activation}"`);
	return {inputs, outputs};
}

function readLayer(layer: Record<string, unknown>, {inputs, outputs}: LayerShape, index: number, backend: Backend, fail: Fail): Dense {
	const where = `layer ${index + 1}`;
	const weights = finiteFloats(layer.weights, outputs * inputs, `${where} weights (${outputs} outputs × ${inputs} inputs)`, fail);
	const biases = finiteFloats(layer.biases, outputs, `${where} biases`, fail);
	return new Dense(inputs, outputs, {backend, inputGradient: index > 0, weights, biases});
}

/** One name per output: 1 to 40 printable characters each, all different. */
function classNames(classes: unknown, count: number, fail: Fail): string[] {
	if (!Array.isArray(classes) || classes.length !== count || !classes.every(name => typeof name === 'string')) {
		return fail(`expected "classes": a list of ${count} names, one per output`);
	}
	const names = classes as string[];
	names.forEach((name, index) => {
		const length = Array.from(name).length;
		if (length < 1 || length > maxClassName || !isPrintable(name)) {
			fail(`class ${index + 1} ${shown(name)}: a class name is 1 to ${maxClassName} printable characters`);
		}
		if (names.indexOf(name) !== index) fail(`class ${index + 1} ${shown(name)}: the same name as class ${names.indexOf(name) + 1}`);
	});
	return names;
}

type Fail = (what: string) => never;

/** A value of the file in a message: as JSON, cut short. */
const shown = (value: unknown): string => excerpt(JSON.stringify(value) ?? String(value));

function finiteFloats(values: unknown, expected: number, what: string, fail: Fail): Float32Array {
	if (!Array.isArray(values)) return fail(`${what}: expected a list of ${expected} numbers`);
	if (values.length !== expected) fail(`${what}: expected ${expected} numbers, found ${values.length}`);
	const result = new Float32Array(expected);
	for (let i = 0; i < expected; i++) {
		const value: unknown = values[i];
		if (typeof value !== 'number' || !Number.isFinite(value) || !Number.isFinite(Math.fround(value))) {
			fail(`${what}: value ${i} is ${shown(value)}, expected a finite number`);
		}
		result[i] = value as number;
	}
	return result;
}

/** Nine significant digits bring a float32 back exactly, in fewer characters than its double. */
function float32List(values: Float32Array): number[] {
	return Array.from(values, value => Number(value.toPrecision(9)));
}

function isWidth(value: unknown): value is number {
	return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= maxLayerWidth;
}

/** A JSON object: not null, not a list. */
export function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
