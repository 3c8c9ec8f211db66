import type {Backend} from './backend/backend.js';
import {Conv2d} from './conv2d.js';
import type {FeatureLayer} from './feature-layers.js';
import {Flatten} from './flatten.js';
import {type ImageShape, imageSize} from './image-shape.js';
import {MaxPool2d, pooledShape, poolSize} from './max-pool2d.js';
import {type Fail, finiteFloats, float32List, isWidth, maxLayerWidth} from './model-file-values.js';

/*
 * The image layers of a version-2 model file, in front of the dense ones:
 *   {"type":"conv2d","input":[channels,height,width],"filters":F,"kernel":K,"activation":"relu",
 *    "weights":[…F·C·K·K numbers: weights[((f·C + c)·K + i)·K + j]…],"biases":[…F…]}
 *   {"type":"maxpool2d","input":[C,H,W],"size":2}
 *   {"type":"flatten","input":[C,H,W]}
 * Every image layer states the shape it reads, so a file can be checked
 * layer by layer and written by hand elsewhere.
 */

export const imageLayerTypes = ['conv2d', 'maxpool2d', 'flatten'] as const;
type ImageLayerType = (typeof imageLayerTypes)[number];

export const isImageLayerType = (type: unknown): type is ImageLayerType => imageLayerTypes.includes(type as ImageLayerType);

/** An image layer's shape as the file gives it, checked before anything is allocated. */
export interface ImageLayerShape {
	readonly type: ImageLayerType;
	readonly input: ImageShape;
	/** What the next layer reads: for a flatten, the same values, as a dense layer's inputs. */
	readonly output: ImageShape;
	readonly inputs: number;
	readonly outputs: number;
	readonly parameters: number;
	readonly filters: number;
	readonly kernel: number;
}

export function imageLayerShape(layer: Record<string, unknown>, type: ImageLayerType, where: string, fail: Fail): ImageLayerShape {
	const input = imageShape(layer.input, `${where}: "input"`, fail);
	const inputs = imageSize(input);
	if (type === 'flatten') return {type, input, output: input, inputs, outputs: inputs, parameters: 0, filters: 0, kernel: 0};
	if (type === 'maxpool2d') {
		if (layer.size !== poolSize) fail(`${where}: expected "size": ${poolSize} (2×2 windows, stride 2)`);
		if (input.height < poolSize || input.width < poolSize) fail(`${where}: a 2×2 pool needs maps of at least 2×2`);
		const output = pooledShape(input);
		return {type, input, output, inputs, outputs: imageSize(output), parameters: 0, filters: 0, kernel: 0};
	}
	const {filters, kernel} = layer;
	if (!isWidth(filters)) return fail(`${where}: "filters" must be a whole number from 1 to ${maxLayerWidth}`);
	const side = Math.min(input.height, input.width);
	if (!(Number.isInteger(kernel) && (kernel as number) >= 1 && (kernel as number) <= side)) {
		return fail(`${where}: "kernel" must be a whole number from 1 to ${side}, the input's smaller side`);
	}
	const k = kernel as number;
	const output = {channels: filters, height: input.height - k + 1, width: input.width - k + 1};
	if (imageSize(output) > maxLayerWidth) fail(`${where}: ${imageSize(output)} outputs, more than ${maxLayerWidth}`);
	if (layer.activation !== 'relu') fail(`${where}: expected "activation": "relu"`);
	return {type, input, output, inputs, outputs: imageSize(output), parameters: filters * (input.channels * k * k + 1), filters, kernel: k};
}

/** [channels, height, width], at most maxLayerWidth values in all. */
function imageShape(value: unknown, what: string, fail: Fail): ImageShape {
	const sides = Array.isArray(value) && value.length === 3 && value.every(isWidth) ? (value as number[]) : [];
	const [channels = 0, height = 0, width = 0] = sides;
	if (sides.length === 0 || channels * height * width > maxLayerWidth) {
		fail(`${what} must be [channels, height, width]: whole numbers, at most ${maxLayerWidth} values in all`);
	}
	return {channels, height, width};
}

/** The layer, its weights read and checked; the first layer of a network keeps no input gradient. */
export function readImageLayer(
	layer: Record<string, unknown>,
	shape: ImageLayerShape,
	index: number,
	backend: Backend,
	fail: Fail,
): FeatureLayer {
	if (shape.type === 'flatten') return new Flatten(shape.input);
	if (shape.type === 'maxpool2d') return new MaxPool2d(shape.input, backend);
	const where = `layer ${index + 1}`;
	const {channels} = shape.input;
	const {filters, kernel} = shape;
	const size = `${filters} filters × ${channels} channels × ${kernel}×${kernel}`;
	const weights = finiteFloats(layer.weights, filters * channels * kernel * kernel, `${where} weights (${size})`, fail);
	const biases = finiteFloats(layer.biases, filters, `${where} biases`, fail);
	return new Conv2d(shape.input, filters, kernel, {backend, inputGradient: index > 0, weights, biases});
}

const shapeList = ({channels, height, width}: ImageShape): number[] => [channels, height, width];

/** The layer as the file writes it. */
export function imageLayerJson(layer: FeatureLayer): Record<string, unknown> {
	const input = shapeList(layer.input);
	if (layer instanceof Flatten) return {type: 'flatten', input};
	if (layer instanceof MaxPool2d) return {type: 'maxpool2d', input, size: poolSize};
	const {filters, kernel} = layer.geometry;
	return {
		type: 'conv2d',
		input,
		filters,
		kernel,
		activation: 'relu',
		weights: float32List(layer.weights),
		biases: float32List(layer.biases),
	};
}
