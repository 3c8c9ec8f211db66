import {createBackend, type Backend, type SparseInputProducts} from './backend/backend.js';
import type {Layer, Parameter} from './layer.js';

const empty = new Float32Array(0);

/**
 * Z = A_prev · Wᵀ + b, with W shaped [outputs, inputs] like the tutorial's W.
 * Every array lives where the backend's products can use it in place
 * (for wasm, in its memory); an input from elsewhere is copied in first.
 */
export class Dense implements Layer {
	readonly weights: Float32Array;
	readonly biases: Float32Array;
	readonly weightGrad: Float32Array;
	readonly biasGrad: Float32Array;
	private input: Float32Array = empty;
	private output: Float32Array = empty;
	private inputGradient: Float32Array = empty;
	/** Where an input or output gradient from outside the backend is copied. */
	private stagedInput: Float32Array = empty;
	private stagedGradient: Float32Array = empty;
	/** The first layer (no input gradient) reads pixels, mostly zeros: its products skip them where the backend can. */
	private readonly products: SparseInputProducts;

	/**
	 * @param needsInputGrad false for the first layer: nothing uses the
	 * gradient with respect to the pixels, and it is a third of the work.
	 * @param weights, biases initial values, copied unless the backend can use them as they are.
	 */
	constructor(
		readonly inputs: number,
		readonly outputs: number,
		readonly needsInputGrad = true,
		weights?: Float32Array,
		biases?: Float32Array,
		readonly backend: Backend = createBackend('auto'),
	) {
		this.weights = this.adopt(weights, outputs * inputs);
		this.biases = this.adopt(biases, outputs);
		this.weightGrad = backend.allocate(outputs * inputs);
		this.biasGrad = backend.allocate(outputs);
		this.products = (!needsInputGrad && backend.sparseInput) || backend;
	}

	// x: [batch, inputs] -> [batch, outputs]
	forward(input: Float32Array, batch: number): Float32Array {
		this.input = this.backend.owns(input) ? input : this.stage(input, batch * this.inputs, 'stagedInput');
		this.output = this.ensure(this.output, batch * this.outputs);
		this.products.denseForward(this.input, this.weights, this.biases, this.output, batch, this.inputs, this.outputs, false);
		return this.output;
	}

	// dZ: [batch, outputs] -> dA_prev: [batch, inputs]; dW += dZᵀ·A_prev, db += Σ dZ
	backward(outputGrad: Float32Array, batch: number): Float32Array {
		const dz = this.backend.owns(outputGrad) ? outputGrad : this.stage(outputGrad, batch * this.outputs, 'stagedGradient');
		this.products.accumulateWeightGrad(dz, this.input, this.weightGrad, this.biasGrad, batch, this.inputs, this.outputs);
		if (!this.needsInputGrad) return this.inputGradient;
		this.inputGradient = this.ensure(this.inputGradient, batch * this.inputs);
		this.backend.inputGrad(dz, this.weights, this.inputGradient, batch, this.inputs, this.outputs);
		return this.inputGradient;
	}

	/** A [batch, inputs] array that `forward` reads without copying: fill it and pass it in. */
	inputBuffer(batch: number): Float32Array {
		this.stagedInput = this.ensure(this.stagedInput, batch * this.inputs);
		return this.stagedInput.subarray(0, batch * this.inputs);
	}

	parameters(): readonly Parameter[] {
		const backend = this.backend;
		return [{value: this.weights, grad: this.weightGrad, backend}, {value: this.biases, grad: this.biasGrad, backend}];
	}

	private adopt(values: Float32Array | undefined, length: number): Float32Array {
		if (values && this.backend.owns(values)) return values;
		const array = this.backend.allocate(length);
		if (values) array.set(values);
		return array;
	}

	/** The old buffer while it is big enough; backends never free, so it grows only for a larger batch. */
	private ensure(buffer: Float32Array, length: number): Float32Array {
		return buffer.length >= length ? buffer : this.backend.allocate(length);
	}

	private stage(values: Float32Array, length: number, slot: 'stagedInput' | 'stagedGradient'): Float32Array {
		const staged = (this[slot] = this.ensure(this[slot], length));
		staged.set(values.subarray(0, length));
		return staged;
	}
}
