import type {Backend} from './backend/backend.js';
import {type ConvGeometry, type ImageShape, imageSize} from './image-shape.js';
import type {Layer, Parameter} from './layer.js';
import {LayerArrays} from './layer-arrays.js';

/*
 * A convolution with valid padding and stride 1: F filters of C×K×K weights
 * slide over a C×H×W input and give F maps of (H−K+1)×(W−K+1), each plus its
 * filter's bias. Like every framework it is a cross-correlation (the kernel
 * is not flipped). Weights are [filters, channels, kernel, kernel]. These
 * three loops are the arithmetic, one sum per result, as dense.ts's are.
 */

export type {ConvGeometry};

const outputSide = (side: number, kernel: number): number => side - kernel + 1;

/** Values in one image's output: F·OH·OW. */
export const convOutputs = ({height, width, filters, kernel}: ConvGeometry): number =>
	filters * outputSide(height, kernel) * outputSide(width, kernel);

/** z[r][f][y][x] = b[f] + Σ_c Σ_i Σ_j a[r][c][y+i][x+j]·w[f][c][i][j]   a: [batch, C·H·W] -> z: [batch, F·OH·OW] */
export function convForwardLoops(a: Float32Array, w: Float32Array, b: Float32Array, z: Float32Array, batch: number, g: ConvGeometry): void {
	const {channels, height, width, filters, kernel} = g;
	const oh = outputSide(height, kernel),
		ow = outputSide(width, kernel);
	const inSize = channels * height * width,
		outSize = filters * oh * ow;
	for (let r = 0; r < batch; r++) {
		for (let f = 0; f < filters; f++) {
			for (let y = 0; y < oh; y++) {
				for (let x = 0; x < ow; x++) {
					let sum = 0;
					for (let c = 0; c < channels; c++) {
						for (let i = 0; i < kernel; i++) {
							const row = r * inSize + (c * height + y + i) * width + x;
							const weights = ((f * channels + c) * kernel + i) * kernel;
							for (let j = 0; j < kernel; j++) sum += a[row + j]! * w[weights + j]!;
						}
					}
					z[r * outSize + (f * oh + y) * ow + x] = sum + b[f]!;
				}
			}
		}
	}
}

/**
 * dw[f][c][i][j] += Σ_r Σ_y Σ_x dz[r][f][y][x]·a[r][c][y+i][x+j] and
 * db[f] += Σ_r Σ_y Σ_x dz[r][f][y][x]: added to what is there, like dense.ts's.
 */
export function convWeightGradLoops(
	dz: Float32Array,
	a: Float32Array,
	dw: Float32Array,
	db: Float32Array,
	batch: number,
	g: ConvGeometry,
): void {
	const {channels, height, width, filters, kernel} = g;
	const oh = outputSide(height, kernel),
		ow = outputSide(width, kernel);
	const inSize = channels * height * width,
		outSize = filters * oh * ow;
	for (let f = 0; f < filters; f++) {
		for (let c = 0; c < channels; c++) {
			for (let i = 0; i < kernel; i++) {
				for (let j = 0; j < kernel; j++) {
					let sum = 0;
					for (let r = 0; r < batch; r++) {
						for (let y = 0; y < oh; y++) {
							const grads = r * outSize + (f * oh + y) * ow;
							const row = r * inSize + (c * height + y + i) * width + j;
							for (let x = 0; x < ow; x++) sum += dz[grads + x]! * a[row + x]!;
						}
					}
					const at = ((f * channels + c) * kernel + i) * kernel + j;
					dw[at] = dw[at]! + sum;
				}
			}
		}
		let sum = 0;
		for (let r = 0; r < batch; r++) for (let k = 0; k < oh * ow; k++) sum += dz[r * outSize + f * oh * ow + k]!;
		db[f] = db[f]! + sum;
	}
}

/**
 * da[r][c][p][q] = Σ_f Σ_i Σ_j dz[r][f][p−i][q−j]·w[f][c][i][j] over the
 * outputs (p−i, q−j) that exist: each output's gradient spread back over the
 * window it read. Written over what is there.
 */
export function convInputGradLoops(dz: Float32Array, w: Float32Array, da: Float32Array, batch: number, g: ConvGeometry): void {
	const {channels, height, width, filters, kernel} = g;
	const oh = outputSide(height, kernel),
		ow = outputSide(width, kernel);
	const inSize = channels * height * width,
		outSize = filters * oh * ow;
	da.fill(0, 0, batch * inSize);
	for (let r = 0; r < batch; r++) {
		for (let f = 0; f < filters; f++) {
			for (let y = 0; y < oh; y++) {
				for (let x = 0; x < ow; x++) {
					const grad = dz[r * outSize + (f * oh + y) * ow + x]!;
					for (let c = 0; c < channels; c++) {
						for (let i = 0; i < kernel; i++) {
							const row = r * inSize + (c * height + y + i) * width + x;
							const weights = ((f * channels + c) * kernel + i) * kernel;
							for (let j = 0; j < kernel; j++) da[row + j] = da[row + j]! + grad * w[weights + j]!;
						}
					}
				}
			}
		}
	}
}

const empty = new Float32Array(0);

export interface Conv2dOptions {
	/** Where the arrays live: the optimizers update the parameters there, and the next layers read the output in place. */
	readonly backend: Backend;
	/** false for the first layer: nothing uses the gradient with respect to the pixels. Default true. */
	readonly inputGradient?: boolean;
	/** Initial values [filters, channels, kernel, kernel] and [filters], copied unless the backend can use them as they are; zeros without. */
	readonly weights?: Float32Array;
	readonly biases?: Float32Array;
}

/**
 * A convolution layer whose arithmetic runs on its backend (js: the loops
 * above; wasm: SIMD kernels shared by its threads, scripts/wasm/conv-wat.ts). Every array
 * lives where the backend's kernels can use it in place; an input or output
 * gradient from elsewhere is copied in first.
 */
export class Conv2d implements Layer {
	readonly backend: Backend;
	readonly needsInputGrad: boolean;
	readonly input: ImageShape;
	readonly output: ImageShape;
	readonly geometry: ConvGeometry;
	readonly weights: Float32Array;
	readonly biases: Float32Array;
	readonly weightGrad: Float32Array;
	readonly biasGrad: Float32Array;
	private activation: Float32Array = empty;
	private result: Float32Array = empty;
	private inputGradient: Float32Array = empty;
	private readonly arrays: LayerArrays;

	constructor(input: ImageShape, filters: number, kernel: number, {backend, inputGradient = true, weights, biases}: Conv2dOptions) {
		if (kernel < 1 || kernel > input.height || kernel > input.width) throw new Error(`a ${kernel}×${kernel} kernel does not fit the input`);
		this.backend = backend;
		this.arrays = new LayerArrays(backend);
		this.needsInputGrad = inputGradient;
		this.input = input;
		this.output = {channels: filters, height: outputSide(input.height, kernel), width: outputSide(input.width, kernel)};
		this.geometry = {...input, filters, kernel};
		const weightCount = filters * input.channels * kernel * kernel;
		this.weights = this.arrays.adopt(weights, weightCount);
		this.biases = this.arrays.adopt(biases, filters);
		this.weightGrad = backend.allocate(weightCount);
		this.biasGrad = backend.allocate(filters);
	}

	get inputs(): number {
		return imageSize(this.input);
	}

	get outputs(): number {
		return imageSize(this.output);
	}

	/** Weights each output reads: the fan-in of He initialisation. */
	get fanIn(): number {
		return this.input.channels * this.geometry.kernel * this.geometry.kernel;
	}

	// a: [batch, C·H·W] -> z: [batch, F·OH·OW]   (convForwardLoops)
	forward(input: Float32Array, batch: number): Float32Array {
		this.activation = this.arrays.input(input, batch * this.inputs);
		this.result = this.arrays.grown(this.result, batch * this.outputs);
		this.backend.convForward(this.activation, this.weights, this.biases, this.result, batch, this.geometry, false);
		return this.result;
	}

	// dz: [batch, F·OH·OW] -> da: [batch, C·H·W]; dw += Σ dz ⋆ a, db += Σ dz, or = with replace   (convInputGradLoops, convWeightGradLoops)
	backward(outputGrad: Float32Array, batch: number, replace = false): Float32Array {
		const dz = this.arrays.gradient(outputGrad, batch * this.outputs);
		if (replace) for (const {grad} of this.parameters()) this.backend.fillZero(grad);
		this.backend.convWeightGrad(dz, this.activation, this.weightGrad, this.biasGrad, batch, this.geometry);
		if (!this.needsInputGrad) return this.inputGradient;
		this.inputGradient = this.arrays.grown(this.inputGradient, batch * this.inputs);
		this.backend.convInputGrad(dz, this.weights, this.inputGradient, batch, this.geometry);
		return this.inputGradient;
	}

	/** A [batch, C·H·W] array on the backend to fill and pass to `forward`, for the first layer. */
	inputBuffer(batch: number): Float32Array {
		return this.arrays.inputBuffer(batch * this.inputs);
	}

	parameters(): readonly Parameter[] {
		return this.arrays.parameters(this);
	}
}
