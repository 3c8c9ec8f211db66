import {accumulateWeightGrad, denseForward, inputGrad} from './kernels.js';
import {ensureLength, type Layer, type Parameter} from './layer.js';

/** Z = A_prev · Wᵀ + b, with W shaped [outputs, inputs] like the tutorial's W. */
export class Dense implements Layer {
	readonly weights: Float32Array;
	readonly biases: Float32Array;
	readonly weightGrad: Float32Array;
	readonly biasGrad: Float32Array;
	private input: Float32Array = new Float32Array(0);
	private output: Float32Array = new Float32Array(0);
	private inputGradient: Float32Array = new Float32Array(0);

	/**
	 * @param needsInputGrad false for the first layer: nothing uses the
	 * gradient with respect to the pixels, and it is a third of the work.
	 */
	constructor(
		readonly inputs: number,
		readonly outputs: number,
		readonly needsInputGrad = true,
		weights?: Float32Array,
		biases?: Float32Array,
	) {
		this.weights = weights ?? new Float32Array(outputs * inputs);
		this.biases = biases ?? new Float32Array(outputs);
		this.weightGrad = new Float32Array(outputs * inputs);
		this.biasGrad = new Float32Array(outputs);
	}

	// x: [batch, inputs] -> [batch, outputs]
	forward(input: Float32Array, batch: number): Float32Array {
		this.input = input;
		this.output = ensureLength(this.output, batch * this.outputs);
		denseForward(input, this.weights, this.biases, this.output, batch, this.inputs, this.outputs);
		return this.output;
	}

	// dZ: [batch, outputs] -> dA_prev: [batch, inputs]; dW += dZᵀ·A_prev, db += Σ dZ
	backward(outputGrad: Float32Array, batch: number): Float32Array {
		accumulateWeightGrad(outputGrad, this.input, this.weightGrad, this.biasGrad, batch, this.inputs, this.outputs);
		if (!this.needsInputGrad) return this.inputGradient;
		this.inputGradient = ensureLength(this.inputGradient, batch * this.inputs);
		inputGrad(outputGrad, this.weights, this.inputGradient, batch, this.inputs, this.outputs);
		return this.inputGradient;
	}

	parameters(): readonly Parameter[] {
		return [{value: this.weights, grad: this.weightGrad}, {value: this.biases, grad: this.biasGrad}];
	}
}
