import {type ImageShape, imageSize} from './image-shape.js';
import type {Layer, Parameter} from './layer.js';

/**
 * Where the image-shaped layers end and the dense ones begin. Activations
 * are already flat rows [batch, C·H·W] in channel-major order, the order a
 * dense layer reads its inputs, so flattening moves no value: forward and
 * backward hand their array on as it is. The layer is there so that a
 * network and its model file say where the shape is dropped, and which
 * C×H×W the next dense layer's inputs are.
 */
export class Flatten implements Layer {
	constructor(readonly input: ImageShape) {}

	get inputs(): number {
		return imageSize(this.input);
	}

	get outputs(): number {
		return imageSize(this.input);
	}

	// a: [batch, C·H·W] -> the same array, read as [batch, C·H·W] inputs
	forward(input: Float32Array, _batch: number): Float32Array {
		return input;
	}

	// d(loss)/d(output) is d(loss)/d(input): the same array
	backward(outputGrad: Float32Array, _batch: number): Float32Array {
		return outputGrad;
	}

	parameters(): readonly Parameter[] {
		return [];
	}
}
