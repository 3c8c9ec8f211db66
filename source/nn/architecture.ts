import type {Backend, BackendChoice} from './backend/backend.js';
import {createBackend} from './backend/create-backend.js';
import {Conv2d} from './conv2d.js';
import {Dense} from './dense.js';
import type {FeatureLayer} from './feature-layers.js';
import {Flatten} from './flatten.js';
import {type ImageShape, imageSize} from './image-shape.js';
import {heInit} from './init.js';
import {MaxPool2d, pooledShape} from './max-pool2d.js';
import {Network} from './network.js';
import type {Rng} from './rng.js';

/** One step of a network as a user describes it. */
export type LayerSpec =
	/** `filters` maps from kernel×kernel windows, valid padding, stride 1, then ReLU */
	| {readonly kind: 'conv'; readonly filters: number; readonly kernel: number}
	/** 2×2 max-pool, stride 2 */
	| {readonly kind: 'pool'}
	/** `units` outputs; ReLU after it unless it is the last layer, whose outputs are the classes (softmax) */
	| {readonly kind: 'dense'; readonly units: number};

/**
 * A network as a list of layers on an input shape. Convolutions and pools
 * come first, the dense layers after them (a flatten goes between by
 * itself), and the last layer is the dense layer of the classes.
 * [{kind: 'dense', units: 128}, {kind: 'dense', units: 10}] on 1×28×28 is
 * the dense network of sizes [784, 128, 10].
 */
export interface Architecture {
	readonly input: ImageShape;
	readonly layers: readonly LayerSpec[];
}

/**
 * A LeNet-like network: per filter count a 5×5 (or `kernel`) convolution,
 * ReLU and a 2×2 max-pool, then the hidden dense layers and the classes.
 */
export function convArchitecture(
	input: ImageShape,
	{filters, hidden = [], classes, kernel = 5}: {filters: readonly number[]; hidden?: readonly number[]; classes: number; kernel?: number},
): Architecture {
	const layers: LayerSpec[] = filters.flatMap(count => [{kind: 'conv', filters: count, kernel} as const, {kind: 'pool'} as const]);
	for (const units of [...hidden, classes]) layers.push({kind: 'dense', units});
	return {input, layers};
}

/** What is wrong with an architecture, in a line, or null: the shapes must fit and the order be image layers, then dense. */
export function architectureProblem({input, layers}: Architecture): string | null {
	if (layers.length === 0 || layers.at(-1)!.kind !== 'dense') return 'the last layer is the dense layer of the classes';
	let shape = input;
	for (const [index, layer] of layers.entries()) {
		const where = `layer ${index + 1}`;
		if (layer.kind === 'dense') {
			if (!(Number.isInteger(layer.units) && layer.units >= 1)) return `${where}: a dense layer has 1 or more units`;
			continue;
		}
		if (layers.slice(0, index).some(before => before.kind === 'dense'))
			return `${where}: a ${layer.kind} layer comes before the dense layers`;
		if (index === 0 && layer.kind === 'pool') return `${where}: the first image layer is a convolution`;
		if (layer.kind === 'pool') {
			if (shape.height < 2 || shape.width < 2) return `${where}: a 2×2 pool needs maps of at least 2×2, not ${shape.height}×${shape.width}`;
			shape = pooledShape(shape);
			continue;
		}
		if (!(Number.isInteger(layer.filters) && layer.filters >= 1)) return `${where}: a convolution has 1 or more filters`;
		if (!(Number.isInteger(layer.kernel) && layer.kernel >= 1 && layer.kernel <= Math.min(shape.height, shape.width))) {
			return `${where}: a ${layer.kernel}×${layer.kernel} kernel does not fit maps of ${shape.height}×${shape.width}`;
		}
		shape = {channels: layer.filters, height: shape.height - layer.kernel + 1, width: shape.width - layer.kernel + 1};
	}
	return null;
}

/** Weights and biases of a network of this architecture. */
export function architectureParameters({input, layers}: Architecture): number {
	let shape = input,
		inputs = imageSize(input),
		count = 0;
	for (const layer of layers) {
		if (layer.kind === 'conv') {
			count += layer.filters * (shape.channels * layer.kernel * layer.kernel + 1);
			shape = {channels: layer.filters, height: shape.height - layer.kernel + 1, width: shape.width - layer.kernel + 1};
			inputs = imageSize(shape);
		} else if (layer.kind === 'pool') {
			shape = pooledShape(shape);
			inputs = imageSize(shape);
		} else {
			count += (inputs + 1) * layer.units;
			inputs = layer.units;
		}
	}
	return count;
}

/**
 * A new network of this architecture with He-initialised weights (fan-in
 * channels·kernel² for a convolution, inputs for a dense layer) and zero
 * biases, drawn layer by layer in order: a dense-only architecture gives
 * the very weights of Network.create with the same sizes and generator.
 */
export function buildNetwork(architecture: Architecture, rng: Rng, backend: BackendChoice | Backend = 'auto'): Network {
	const problem = architectureProblem(architecture);
	if (problem) throw new Error(problem);
	const shared = typeof backend === 'string' ? createBackend(backend) : backend;
	const features: FeatureLayer[] = [];
	const dense: Dense[] = [];
	let shape = architecture.input;
	for (const layer of architecture.layers) {
		const first = features.length === 0 && dense.length === 0;
		if (layer.kind === 'conv') {
			const conv = new Conv2d(shape, layer.filters, layer.kernel, {backend: shared, inputGradient: !first});
			heInit(conv.weights, conv.fanIn, rng);
			features.push(conv);
			shape = conv.output;
		} else if (layer.kind === 'pool') {
			const pool = new MaxPool2d(shape, shared);
			features.push(pool);
			shape = pool.output;
		} else {
			if (features.length > 0 && dense.length === 0) features.push(new Flatten(shape));
			const inputs = dense.at(-1)?.outputs ?? imageSize(shape);
			const layerDense = new Dense(inputs, layer.units, {backend: shared, inputGradient: !first});
			heInit(layerDense.weights, inputs, rng);
			dense.push(layerDense);
		}
	}
	return new Network(dense, features);
}
