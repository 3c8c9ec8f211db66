import {Conv2d} from './conv2d.js';
import {Flatten} from './flatten.js';
import {type ImageShape, shapeText} from './image-shape.js';
import type {Layer} from './layer.js';
import type {MaxPool2d} from './max-pool2d.js';
import {Relu} from './relu.js';

/** The image-shaped layers in front of a network's dense ones: convolutions and pools, then a flatten. */
export type FeatureLayer = Conv2d | MaxPool2d | Flatten;

const sameShape = (a: ImageShape, b: ImageShape): boolean => a.channels === b.channels && a.height === b.height && a.width === b.width;

/**
 * The layers that run for these features, a ReLU after each convolution,
 * once their shapes are checked: a convolution first (it holds the input
 * buffer), each layer reading the shape the one before gives, and one
 * flatten at the end giving the first dense layer its inputs.
 */
export function featureStack(features: readonly FeatureLayer[], denseInputs: number): Layer[] {
	if (features.length === 0) return [];
	if (!(features[0] instanceof Conv2d)) throw new Error('image layers start with a convolution');
	const last = features.at(-1)!;
	if (!(last instanceof Flatten)) throw new Error('image layers end with a flatten');
	if (last.outputs !== denseInputs) throw new Error(`the flatten gives ${last.outputs} values but the dense layer takes ${denseInputs}`);
	const layers: Layer[] = [];
	features.forEach((layer, index) => {
		const previous = features[index - 1];
		if (previous instanceof Flatten) throw new Error('a flatten comes last among the image layers');
		if (previous && !sameShape(previous.output, layer.input)) {
			throw new Error(`layer ${index + 1} reads ${shapeText(layer.input)} but layer ${index} gives ${shapeText(previous.output)}`);
		}
		layers.push(layer);
		if (layer instanceof Conv2d) layers.push(new Relu(layer.outputs, layer.backend));
	});
	return layers;
}
