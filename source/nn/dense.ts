import type {Backend, DenseProducts} from './backend/backend.js';
import type {Layer, Parameter} from './layer.js';
import {LayerArrays} from './layer-arrays.js';

/*
 * The tutorial's dense layer, Z = W·A + b, with activations as rows: a batch
 * A is [batch, inputs], W is [outputs, inputs] like the tutorial's W, so
 * Z = A · Wᵀ + b is [batch, outputs]. These three loops are its arithmetic,
 * one sum per result; a backend computes the same faster (js: register-tiled,
 * wasm: SIMD on threads), and the tests hold every backend to these loops.
 */

/** Z = A · Wᵀ + b: z[r][o] = Σ_i a[r][i]·w[o][i] + b[o]   a: [batch, inputs], w: [outputs, inputs] -> z: [batch, outputs] */
export function forwardLoops(
	a: Float32Array,
	w: Float32Array,
	b: Float32Array,
	z: Float32Array,
	batch: number,
	inputs: number,
	outputs: number,
): void {
	for (let r = 0; r < batch; r++) {
		for (let o = 0; o < outputs; o++) {
			let sum = 0;
			for (let i = 0; i < inputs; i++) sum += a[r * inputs + i]! * w[o * inputs + i]!;
			z[r * outputs + o] = sum + b[o]!;
		}
	}
}

/**
 * dW += dZᵀ · A and db += Σ_r dZ: dw[o][i] += Σ_r dz[r][o]·a[r][i]. The
 * tutorial's 1/m is already in dZ (softmax-cross-entropy.ts), and the sums
 * add to what is there, so a big batch can be accumulated in chunks.
 */
export function weightGradLoops(
	dz: Float32Array,
	a: Float32Array,
	dw: Float32Array,
	db: Float32Array,
	batch: number,
	inputs: number,
	outputs: number,
): void {
	for (let o = 0; o < outputs; o++) {
		for (let i = 0; i < inputs; i++) {
			let sum = 0;
			for (let r = 0; r < batch; r++) sum += dz[r * outputs + o]! * a[r * inputs + i]!;
			dw[o * inputs + i] = dw[o * inputs + i]! + sum;
		}
		let sum = 0;
		for (let r = 0; r < batch; r++) sum += dz[r * outputs + o]!;
		db[o] = db[o]! + sum;
	}
}

/** dA = dZ · W, the gradient the layer before receives: da[r][i] = Σ_o dz[r][o]·w[o][i]   -> da: [batch, inputs] */
export function inputGradLoops(dz: Float32Array, w: Float32Array, da: Float32Array, batch: number, inputs: number, outputs: number): void {
	for (let r = 0; r < batch; r++) {
		for (let i = 0; i < inputs; i++) {
			let sum = 0;
			for (let o = 0; o < outputs; o++) sum += dz[r * outputs + o]! * w[o * inputs + i]!;
			da[r * inputs + i] = sum;
		}
	}
}

const empty = new Float32Array(0);

export interface DenseOptions {
	/** Where the arrays live and which code runs the products. */
	readonly backend: Backend;
	/**
	 * false for the first layer: nothing uses the gradient with respect to the
	 * pixels, and it is a third of the work. Default true.
	 */
	readonly inputGradient?: boolean;
	/** Initial values, copied unless the backend can use them as they are; zeros without. */
	readonly weights?: Float32Array;
	readonly biases?: Float32Array;
}

/**
 * A dense layer whose products run on its backend. Every array lives where
 * the backend's products can use it in place (for wasm, in its memory); an
 * input from elsewhere is copied in first.
 */
export class Dense implements Layer {
	readonly backend: Backend;
	readonly needsInputGrad: boolean;
	readonly weights: Float32Array;
	readonly biases: Float32Array;
	readonly weightGrad: Float32Array;
	readonly biasGrad: Float32Array;
	private input: Float32Array = empty;
	private output: Float32Array = empty;
	private inputGradient: Float32Array = empty;
	private readonly arrays: LayerArrays;
	/** The first layer (no input gradient) reads pixels, mostly zeros: its products skip them where the backend can. */
	private readonly products: DenseProducts;

	constructor(
		readonly inputs: number,
		readonly outputs: number,
		{backend, inputGradient = true, weights, biases}: DenseOptions,
	) {
		this.backend = backend;
		this.arrays = new LayerArrays(backend);
		this.needsInputGrad = inputGradient;
		this.weights = this.arrays.adopt(weights, outputs * inputs);
		this.biases = this.arrays.adopt(biases, outputs);
		this.weightGrad = backend.allocate(outputs * inputs);
		this.biasGrad = backend.allocate(outputs);
		this.products = inputGradient ? backend : backend.sparseInput;
	}

	// A_prev: [batch, inputs] -> Z = A_prev · Wᵀ + b: [batch, outputs]   (forwardLoops)
	forward(input: Float32Array, batch: number): Float32Array {
		this.input = this.arrays.input(input, batch * this.inputs);
		this.output = this.arrays.grown(this.output, batch * this.outputs);
		this.products.denseForward(this.input, this.weights, this.biases, this.output, batch, this.inputs, this.outputs, false);
		return this.output;
	}

	// dZ: [batch, outputs] -> dA_prev = dZ · W: [batch, inputs]; dW += dZᵀ · A_prev, db += Σ dZ, or = with replace   (inputGradLoops, weightGradLoops)
	backward(outputGrad: Float32Array, batch: number, replace = false): Float32Array {
		const dz = this.arrays.gradient(outputGrad, batch * this.outputs);
		this.products.accumulateWeightGrad(dz, this.input, this.weightGrad, this.biasGrad, batch, this.inputs, this.outputs, replace);
		if (!this.needsInputGrad) return this.inputGradient;
		this.inputGradient = this.arrays.grown(this.inputGradient, batch * this.inputs);
		this.backend.inputGrad(dz, this.weights, this.inputGradient, batch, this.inputs, this.outputs);
		return this.inputGradient;
	}

	/** A [batch, inputs] array that `forward` reads without copying: fill it and pass it in. */
	inputBuffer(batch: number): Float32Array {
		return this.arrays.inputBuffer(batch * this.inputs);
	}

	parameters(): readonly Parameter[] {
		return this.arrays.parameters(this);
	}
}
