import {InputError} from '../errors.js';
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
const forbiddenKeys = new Set(['__proto__', 'constructor', 'prototype']);

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
	let root: unknown;
	try {
		root = JSON.parse(text, (key, value: unknown) => {
			if (forbiddenKeys.has(key)) fail(`key "${key}" is not allowed in a model file`);
			return value;
		});
	} catch (error) {
		if (error instanceof InputError) throw error;
		// the reviver walks the parsed value recursively: a deep nest overflows the stack
		if (error instanceof RangeError) fail('nested too deeply to read');
		fail(`not valid JSON (${(error as Error).message})`);
	}
	if (!isRecord(root)) return fail('expected a JSON object');
	if (root.format !== modelFormat) fail(`not an mnist-tui model (expected "format": "${modelFormat}")`);
	if (root.version !== modelVersion) fail(`unsupported model version ${JSON.stringify(root.version)} (expected ${modelVersion})`);
	if (!Array.isArray(root.layers) || root.layers.length === 0) fail('expected "layers": a non-empty list');
	const layerList = root.layers as unknown[];
	const arrays = typeof backend === 'string' ? createBackend(backend) : backend;
	const dense = layerList.map((layer, index) => parseLayer(layer, index, layerList.length, arrays, fail));
	dense.forEach((layer, index) => {
		const previous = dense[index - 1];
		if (previous && previous.outputs !== layer.inputs) {
			fail(`layer ${index + 1} has ${layer.inputs} inputs but layer ${index} has ${previous.outputs} outputs`);
		}
	});
	const classCount = dense[dense.length - 1]!.outputs;
	const classes = root.classes;
	if (!Array.isArray(classes) || classes.length !== classCount || !classes.every(name => typeof name === 'string')) {
		fail(`expected "classes": a list of ${classCount} names, one per output`);
	}
	const {format: _f, version: _v, classes: _c, layers: _l, ...extra} = root;
	return {network: new Network(dense), classes: classes as string[], extra};
}

function parseLayer(layer: unknown, index: number, count: number, backend: Backend, fail: (what: string) => never): Dense {
	const where = `layer ${index + 1}`;
	if (!isRecord(layer)) return fail(`${where}: expected an object`);
	if (layer.type !== 'dense') fail(`${where}: type ${JSON.stringify(layer.type)} is not supported (expected "dense")`);
	const inputs = layer.inputs,
		outputs = layer.outputs;
	if (!isWidth(inputs)) return fail(`${where}: "inputs" must be a whole number from 1 to ${maxLayerWidth}`);
	if (!isWidth(outputs)) return fail(`${where}: "outputs" must be a whole number from 1 to ${maxLayerWidth}`);
	const activation = index === count - 1 ? 'softmax' : 'relu';
	if (layer.activation !== activation) fail(`${where}: expected "activation": "${activation}"`);
	const weights = finiteFloats(layer.weights, outputs * inputs, `${where} weights (${outputs} outputs × ${inputs} inputs)`, fail);
	const biases = finiteFloats(layer.biases, outputs, `${where} biases`, fail);
	return new Dense(inputs, outputs, {backend, inputGradient: index > 0, weights, biases});
}

function finiteFloats(values: unknown, expected: number, what: string, fail: (what: string) => never): Float32Array {
	if (!Array.isArray(values)) return fail(`${what}: expected a list of ${expected} numbers`);
	if (values.length !== expected) fail(`${what}: expected ${expected} numbers, found ${values.length}`);
	const result = new Float32Array(expected);
	for (let i = 0; i < expected; i++) {
		const value: unknown = values[i];
		if (typeof value !== 'number' || !Number.isFinite(value) || !Number.isFinite(Math.fround(value))) {
			fail(`${what}: value ${i} is ${JSON.stringify(value)}, expected a finite number`);
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
