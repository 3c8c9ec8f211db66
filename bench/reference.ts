/**
 * The benchmark's baseline: the engine's network and math (He init, ReLU,
 * softmax cross-entropy, dZ_L = (A_L − Y)/m, dW = dZᵀ·A_prev, SGD) written
 * the most straightforward way, independently of source/nn. Every matrix
 * product is a plain triple loop computing each output element as one dot
 * product (no tiling, no unrolling); buffers are allocated once, so a batch
 * costs only its arithmetic. Only the seeded Rng is shared, for the same init.
 */
import type {Rng} from '../source/nn/rng.js';

/** out[r][o] = Σ_i x[r][i]·w[o][i] + b[o]   x: [batch, inputs], w: [outputs, inputs] -> out: [batch, outputs] */
export function naiveForward(
	x: Float32Array, w: Float32Array, b: Float32Array, out: Float32Array,
	batch: number, inputs: number, outputs: number,
): void {
	for (let r = 0; r < batch; r++) {
		for (let o = 0; o < outputs; o++) {
			let sum = 0;
			for (let i = 0; i < inputs; i++) sum += x[r * inputs + i]! * w[o * inputs + i]!;
			out[r * outputs + o] = sum + b[o]!;
		}
	}
}

/** dw[o][i] = Σ_r dz[r][o]·x[r][i], db[o] = Σ_r dz[r][o]   dz: [batch, outputs], x: [batch, inputs] */
export function naiveWeightGrad(
	dz: Float32Array, x: Float32Array, dw: Float32Array, db: Float32Array,
	batch: number, inputs: number, outputs: number,
): void {
	for (let o = 0; o < outputs; o++) {
		for (let i = 0; i < inputs; i++) {
			let sum = 0;
			for (let r = 0; r < batch; r++) sum += dz[r * outputs + o]! * x[r * inputs + i]!;
			dw[o * inputs + i] = sum;
		}
		let sum = 0;
		for (let r = 0; r < batch; r++) sum += dz[r * outputs + o]!;
		db[o] = sum;
	}
}

/** dx[r][i] = Σ_o dz[r][o]·w[o][i]   dz: [batch, outputs], w: [outputs, inputs] -> dx: [batch, inputs] */
export function naiveInputGrad(
	dz: Float32Array, w: Float32Array, dx: Float32Array,
	batch: number, inputs: number, outputs: number,
): void {
	for (let r = 0; r < batch; r++) {
		for (let i = 0; i < inputs; i++) {
			let sum = 0;
			for (let o = 0; o < outputs; o++) sum += dz[r * outputs + o]! * w[o * inputs + i]!;
			dx[r * inputs + i] = sum;
		}
	}
}

/** inputs → hidden (ReLU) → classes (softmax), trained by plain gradient descent. */
export class ReferenceNetwork {
	readonly w1: Float32Array;
	readonly b1: Float32Array;
	readonly w2: Float32Array;
	readonly b2: Float32Array;
	private readonly z1: Float32Array;
	private readonly a1: Float32Array;
	private readonly z2: Float32Array;
	private readonly dz2: Float32Array;
	private readonly da1: Float32Array;
	private readonly dz1: Float32Array;
	private readonly dw1: Float32Array;
	private readonly db1: Float32Array;
	private readonly dw2: Float32Array;
	private readonly db2: Float32Array;
	private readonly result = {loss: 0, correct: 0};

	constructor(readonly inputs: number, readonly hidden: number, readonly classes: number, maxBatch: number, rng: Rng) {
		this.w1 = new Float32Array(hidden * inputs);
		this.b1 = new Float32Array(hidden);
		this.w2 = new Float32Array(classes * hidden);
		this.b2 = new Float32Array(classes);
		// He init, W1 then W2, drawing normals in the same order as the engine
		for (let k = 0; k < this.w1.length; k++) this.w1[k] = rng.normal() * Math.sqrt(2 / inputs);
		for (let k = 0; k < this.w2.length; k++) this.w2[k] = rng.normal() * Math.sqrt(2 / hidden);
		this.z1 = new Float32Array(maxBatch * hidden);
		this.a1 = new Float32Array(maxBatch * hidden);
		this.z2 = new Float32Array(maxBatch * classes);
		this.dz2 = new Float32Array(maxBatch * classes);
		this.da1 = new Float32Array(maxBatch * hidden);
		this.dz1 = new Float32Array(maxBatch * hidden);
		this.dw1 = new Float32Array(hidden * inputs);
		this.db1 = new Float32Array(hidden);
		this.dw2 = new Float32Array(classes * hidden);
		this.db2 = new Float32Array(classes);
	}

	/** One gradient-descent step on a batch; returns the summed cross-entropy and the number of correct argmaxes. */
	trainBatch(x: Float32Array, labels: Uint8Array, batch: number, learningRate: number): Readonly<{loss: number; correct: number}> {
		const {inputs, hidden, classes} = this;
		naiveForward(x, this.w1, this.b1, this.z1, batch, inputs, hidden);
		for (let k = 0; k < batch * hidden; k++) this.a1[k] = this.z1[k]! > 0 ? this.z1[k]! : 0;
		naiveForward(this.a1, this.w2, this.b2, this.z2, batch, hidden, classes);

		let loss = 0;
		let correct = 0;
		for (let r = 0; r < batch; r++) {
			const label = labels[r]!;
			let max = -Infinity;
			let best = 0;
			for (let c = 0; c < classes; c++) {
				if (this.z2[r * classes + c]! > max) {
					max = this.z2[r * classes + c]!;
					best = c;
				}
			}
			if (best === label) correct++;
			let sum = 0;
			for (let c = 0; c < classes; c++) sum += Math.exp(this.z2[r * classes + c]! - max);
			loss += Math.log(sum) - (this.z2[r * classes + label]! - max);
			for (let c = 0; c < classes; c++) {
				const probability = Math.exp(this.z2[r * classes + c]! - max) / sum;
				this.dz2[r * classes + c] = (probability - (c === label ? 1 : 0)) / batch;
			}
		}

		naiveWeightGrad(this.dz2, this.a1, this.dw2, this.db2, batch, hidden, classes);
		naiveInputGrad(this.dz2, this.w2, this.da1, batch, hidden, classes);
		for (let k = 0; k < batch * hidden; k++) this.dz1[k] = this.z1[k]! > 0 ? this.da1[k]! : 0;
		naiveWeightGrad(this.dz1, x, this.dw1, this.db1, batch, inputs, hidden);

		for (let k = 0; k < this.w1.length; k++) this.w1[k] = this.w1[k]! - learningRate * this.dw1[k]!;
		for (let k = 0; k < this.b1.length; k++) this.b1[k] = this.b1[k]! - learningRate * this.db1[k]!;
		for (let k = 0; k < this.w2.length; k++) this.w2[k] = this.w2[k]! - learningRate * this.dw2[k]!;
		for (let k = 0; k < this.b2.length; k++) this.b2[k] = this.b2[k]! - learningRate * this.db2[k]!;
		this.result.loss = loss;
		this.result.correct = correct;
		return this.result;
	}
}
