import type {Backend} from './backend/backend.js';
import {Conv2d} from './conv2d.js';
import type {FeatureLayer} from './feature-layers.js';
import {Flatten} from './flatten.js';
import type {ImageShape} from './image-shape.js';
import {MaxPool2d} from './max-pool2d.js';

/**
 * A network's image layers as plain values, what a view of a convolutional
 * network is drawn from and what a copy of it is rebuilt from: each
 * convolution's weights [filters, channels, kernel, kernel] and biases, and
 * the shapes of the pools and the flatten between them.
 */
export type FeatureWeights =
	| {
			readonly type: 'conv2d';
			readonly input: ImageShape;
			readonly filters: number;
			readonly kernel: number;
			readonly weights: Float32Array;
			readonly biases: Float32Array;
	  }
	| {readonly type: 'maxpool2d'; readonly input: ImageShape}
	| {readonly type: 'flatten'; readonly input: ImageShape};

/** Copies of the image layers' numbers: nothing shared with the layers that go on training. */
export function featureWeightsOf(features: readonly FeatureLayer[]): FeatureWeights[] {
	return features.map(layer => {
		if (layer instanceof Conv2d) {
			const {filters, kernel} = layer.geometry;
			return {type: 'conv2d', input: layer.input, filters, kernel, weights: layer.weights.slice(), biases: layer.biases.slice()};
		}
		return {type: layer instanceof MaxPool2d ? 'maxpool2d' : 'flatten', input: layer.input};
	});
}

/** Image layers on `backend` from their numbers, every convolution keeping its input gradient (for a copy that explains its readings). */
export function featureLayersOf(weights: readonly FeatureWeights[], backend: Backend): FeatureLayer[] {
	return weights.map(layer => {
		if (layer.type === 'conv2d')
			return new Conv2d(layer.input, layer.filters, layer.kernel, {backend, weights: layer.weights, biases: layer.biases});
		return layer.type === 'maxpool2d' ? new MaxPool2d(layer.input, backend) : new Flatten(layer.input);
	});
}

/** The buffers of the convolutions' copies, to transfer rather than copy them to another thread. */
export const featureBuffers = (weights: readonly FeatureWeights[]): ArrayBuffer[] =>
	weights.flatMap(layer => (layer.type === 'conv2d' ? [layer.weights.buffer as ArrayBuffer, layer.biases.buffer as ArrayBuffer] : []));
