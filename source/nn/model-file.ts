import {InputError} from '../errors.js';
import {scanJson} from '../files/json-scan.js';
import {excerpt, isPrintable} from '../files/printable.js';
import type {Backend, BackendChoice} from './backend/backend.js';
import {createBackend} from './backend/create-backend.js';
import {Dense} from './dense.js';
import type {FeatureLayer} from './feature-layers.js';
import {shapeText} from './image-shape.js';
import {type Fail, finiteFloats, float32List, isRecord, isWidth, maxLayerWidth, shown} from './model-file-values.js';
import {
	type ImageLayerShape,
	imageLayerJson,
	imageLayerShape,
	imageLayerTypes,
	isImageLayerType,
	readImageLayer,
} from './model-image-layers.js';
import {Network} from './network.js';

export {isRecord, maxLayerWidth};

/**
 * The model file (JSON): format, version, class names and layers, dense
 * ones with weights row-major [outputs, inputs] like the tutorial's W.
 * Extra top-level keys (training configuration, history, optimizer state)
 * ride along. Version 1 has dense layers only; version 2 adds the image
 * layers conv2d, maxpool2d and flatten in front of them
 * (model-image-layers.ts). A dense network is still written as version 1,
 * which every version of the program reads.
 */
export const modelFormat = 'mnist-tui-model';
export const modelVersion = 2;
const denseOnlyVersion = 1;
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
	const dense = network.dense.map((layer, index) => ({
		type: 'dense',
		inputs: layer.inputs,
		outputs: layer.outputs,
		activation: index === network.dense.length - 1 ? 'softmax' : 'relu',
		weights: float32List(layer.weights),
		biases: float32List(layer.biases),
	}));
	// extra keys never replace the model's own; the format comes first so a tool can recognise the file from its first bytes
	const layers = [...network.features.map(imageLayerJson), ...dense];
	const version = network.features.length > 0 ? modelVersion : denseOnlyVersion;
	const {format: _f, version: _v, classes: _c, layers: _l, ...rest} = extra;
	return `${JSON.stringify({format: modelFormat, version, classes, ...rest, layers})}\n`;
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
	const version = root.version;
	if (version !== denseOnlyVersion && version !== modelVersion) {
		const newer = Number.isInteger(version) && (version as number) > modelVersion ? ', written by a newer mnist-tui' : '';
		fail(`unsupported model version ${shown(version)} (expected 1 or 2${newer})`);
	}
	if (!Array.isArray(root.layers) || root.layers.length === 0) fail('expected "layers": a non-empty list');
	const layerList = root.layers as unknown[];
	// the shapes first, so that nothing is allocated for a network too large to hold
	const shapes = layerList.map((layer, index) => layerShape(layer, index, layerList.length, version === modelVersion, fail));
	for (const [index, shape] of shapes.entries()) chainCheck(shapes[index - 1], shape, index, fail);
	const parameters = shapes.reduce((sum, shape) => sum + shape.parameters, 0);
	if (parameters > maxParameters) {
		fail(
			`${parameters.toLocaleString('en-US')} weights and biases, more than the ${maxParameters.toLocaleString('en-US')} a network here may have`,
		);
	}
	const classCount = shapes.at(-1)!.outputs;
	if (classCount > maxClasses) fail(`${classCount} outputs, more than the ${maxClasses} classes a model may have`);
	const classes = classNames(root.classes, classCount, fail);
	const arrays = typeof backend === 'string' ? createBackend(backend) : backend;
	const features: FeatureLayer[] = [];
	const dense: Dense[] = [];
	shapes.forEach((shape, index) => {
		const layer = layerList[index] as Record<string, unknown>;
		if (shape.type === 'dense') dense.push(readLayer(layer, shape, index, arrays, fail));
		else features.push(readImageLayer(layer, shape, index, arrays, fail));
	});
	const {format: _f, version: _v, classes: _c, layers: _l, ...extra} = root;
	return {network: new Network(dense, features), classes, extra};
}

interface DenseShape {
	readonly type: 'dense';
	readonly inputs: number;
	readonly outputs: number;
	readonly parameters: number;
}

type LayerShape = DenseShape | ImageLayerShape;

function layerShape(layer: unknown, index: number, count: number, imageLayers: boolean, fail: Fail): LayerShape {
	const where = `layer ${index + 1}`;
	if (!isRecord(layer)) return fail(`${where}: expected an object`);
	if (imageLayers && isImageLayerType(layer.type)) {
		if (index === count - 1) fail(`${where}: the last layer is a dense layer with "activation": "softmax"`);
		return imageLayerShape(layer, layer.type, where, fail);
	}
	if (layer.type !== 'dense') {
		if (isImageLayerType(layer.type)) fail(`${where}: type ${shown(layer.type)} needs model version 2`);
		const expected = imageLayers ? [...imageLayerTypes, 'dense'].map(type => `"${type}"`).join(', ') : '"dense"';
		fail(`${where}: type ${shown(layer.type)} is not supported (expected ${expected})`);
	}
	const {inputs, outputs} = layer;
	if (!isWidth(inputs)) return fail(`${where}: "inputs" must be a whole number from 1 to ${maxLayerWidth}`);
	if (!isWidth(outputs)) return fail(`${where}: "outputs" must be a whole number from 1 to ${maxLayerWidth}`);
	const activation = index === count - 1 ? 'softmax' : 'relu';
	if (layer.activation !== activation) fail(`${where}: expected "activation": "${activation}"`);
	return {type: 'dense', inputs, outputs, parameters: inputs * outputs + outputs};
}

/**
 * Whether a layer reads what the one before gives: image layers the same
 * C×H×W, first a convolution, and a flatten between them and the dense
 * layers; a dense layer as many inputs as the values before it.
 */
function chainCheck(previous: LayerShape | undefined, shape: LayerShape, index: number, fail: Fail): void {
	const where = `layer ${index + 1}`;
	if (!previous) {
		if (shape.type === 'maxpool2d' || shape.type === 'flatten') fail(`${where}: the first layer is a conv2d or dense layer`);
		return;
	}
	if (previous.type === 'dense' && shape.type !== 'dense') fail(`${where}: a ${shape.type} layer cannot follow a dense layer`);
	if (previous.type === 'flatten' && shape.type !== 'dense') fail(`${where}: a flatten layer is followed by a dense layer`);
	if (previous.type !== 'dense' && previous.type !== 'flatten' && shape.type === 'dense') {
		fail(`${where}: a dense layer after a ${previous.type} layer needs a flatten layer between them`);
	}
	if (previous.type !== 'dense' && shape.type !== 'dense') {
		const [gives, reads] = [previous.output, shape.input];
		if (gives.channels !== reads.channels || gives.height !== reads.height || gives.width !== reads.width) {
			fail(`${where} reads ${shapeText(reads)} but layer ${index} gives ${shapeText(gives)}`);
		}
	} else if (previous.outputs !== shape.inputs) {
		fail(`${where} has ${shape.inputs} inputs but layer ${index} has ${previous.outputs} outputs`);
	}
}

function readLayer(layer: Record<string, unknown>, {inputs, outputs}: DenseShape, index: number, backend: Backend, fail: Fail): Dense {
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
