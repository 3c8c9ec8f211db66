/**
 * The benchmark's baseline: the network trained the most straightforward
 * way, on the engine's reference loops (nn/dense.ts: each product element one
 * dot product, no tiling, no unrolling; nn/relu.ts) and the tutorial's other
 * formulas written out here: He init, softmax cross-entropy, dZ_L = (A_L − Y)/m,
 * gradient descent. Buffers are allocated once, so a batch costs only its
 * arithmetic. It draws its initial weights from the same seeded Rng as the
 * engine, in the same order, so the two can be compared number by number.
 */
import {forwardLoops, inputGradLoops, weightGradLoops} from '../source/nn/dense.js';
import {relu, reluGrad} from '../source/nn/relu.js';
import type {Rng} from '../source/nn/rng.js';

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

	constructor(
		readonly inputs: number,
		readonly hidden: number,
		readonly classes: number,
		maxBatch: number,
		rng: Rng,
	) {
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
		forwardLoops(x, this.w1, this.b1, this.z1, batch, inputs, hidden);
		const a1 = this.a1.subarray(0, batch * hidden);
		a1.set(this.z1.subarray(0, batch * hidden));
		relu(a1);
		forwardLoops(this.a1, this.w2, this.b2, this.z2, batch, hidden, classes);

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

		for (const gradient of [this.dw1, this.db1, this.dw2, this.db2]) gradient.fill(0);
		weightGradLoops(this.dz2, this.a1, this.dw2, this.db2, batch, hidden, classes);
		inputGradLoops(this.dz2, this.w2, this.da1, batch, hidden, classes);
		const dz1 = this.dz1.subarray(0, batch * hidden);
		dz1.set(this.da1.subarray(0, batch * hidden));
		reluGrad(dz1, a1);
		weightGradLoops(this.dz1, x, this.dw1, this.db1, batch, inputs, hidden);

		for (let k = 0; k < this.w1.length; k++) this.w1[k] = this.w1[k]! - learningRate * this.dw1[k]!;
		for (let k = 0; k < this.b1.length; k++) this.b1[k] = this.b1[k]! - learningRate * this.db1[k]!;
		for (let k = 0; k < this.w2.length; k++) this.w2[k] = this.w2[k]! - learningRate * this.dw2[k]!;
		for (let k = 0; k < this.b2.length; k++) this.b2[k] = this.b2[k]! - learningRate * this.db2[k]!;
		this.result.loss = loss;
		this.result.correct = correct;
		return this.result;
	}
}
