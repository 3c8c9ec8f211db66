import type {Backend, BackendChoice, BackendName} from './backend/backend.js';
import {createBackend} from './backend/create-backend.js';
import {Conv2d} from './conv2d.js';
import {Dense} from './dense.js';
import {type FeatureLayer, featureStack} from './feature-layers.js';
import {type FeatureWeights, featureWeightsOf} from './feature-weights.js';
import type {ImageShape} from './image-shape.js';
import {heInit} from './init.js';
import type {Layer, Parameter} from './layer.js';
import {MaxPool2d} from './max-pool2d.js';
import {Relu} from './relu.js';
import type {Rng} from './rng.js';
import {type BatchResult, softmax} from './softmax-cross-entropy.js';

/** One dense layer's numbers, W as [outputs, inputs] row-major: what a view of the network is drawn from. */
export interface LayerWeights {
	readonly inputs: number;
	readonly outputs: number;
	readonly weights: Float32Array;
	readonly biases: Float32Array;
}

/** One image layer's maps of the last forward pass: what a convolution (after its ReLU) or a max-pool made of the batch. */
export interface FeatureMaps {
	readonly kind: 'conv' | 'pool';
	/** One image's maps: channels (one per filter) of height × width. */
	readonly shape: ImageShape;
	/** [batch, C·H·W], channel-major. */
	readonly values: Float32Array;
}

/**
 * A stack of dense layers with ReLU between them and softmax cross-entropy
 * at the end: sizes [784, 128, 10] is 784 → 128 (ReLU) → 10 (softmax).
 * A convolutional network has image layers in front (features: conv, each
 * followed by ReLU, max-pool, …, flatten), built from an architecture
 * (architecture.ts); its dense layers are the same stack.
 */
export class Network {
	readonly dense: readonly Dense[];
	/** The image layers in front of the dense ones, none for a dense network. */
	readonly features: readonly FeatureLayer[];
	private readonly layers: readonly Layer[];
	/** The layer that reads the input: it holds the input buffer. */
	private readonly first: Conv2d | Dense;
	private readonly result: BatchResult = {loss: 0, correct: 0};
	/** What each layer gave in the last forward pass: the buffers themselves, for the feature maps. */
	private readonly outputs: Float32Array[] = [];

	constructor(dense: readonly Dense[], features: readonly FeatureLayer[] = []) {
		if (dense.length === 0) throw new Error('a network needs at least one layer');
		this.dense = dense;
		this.features = features;
		const layers: Layer[] = featureStack(features, dense[0]!.inputs);
		this.first = (features[0] as Conv2d | undefined) ?? dense[0]!;
		dense.forEach((layer, index) => {
			if (index > 0 && layer.inputs !== dense[index - 1]!.outputs) throw new Error('layer sizes do not chain');
			layers.push(layer);
			if (index < dense.length - 1) layers.push(new Relu(layer.outputs, layer.backend));
		});
		this.layers = layers;
	}

	/**
	 * A new network with He-initialised weights and zero biases, its arrays
	 * on the given backend ('auto': wasm where the runtime can run it).
	 */
	static create(sizes: readonly number[], rng: Rng, backend: BackendChoice | Backend = 'auto'): Network {
		const shared = typeof backend === 'string' ? createBackend(backend) : backend;
		const dense: Dense[] = [];
		for (let l = 1; l < sizes.length; l++) {
			const layer = new Dense(sizes[l - 1]!, sizes[l]!, {backend: shared, inputGradient: l > 1});
			heInit(layer.weights, layer.inputs, rng);
			dense.push(layer);
		}
		return new Network(dense);
	}

	/** [inputs, hidden…, classes]; with image layers, the network's inputs and its dense layers' widths. */
	get sizes(): number[] {
		return [this.first.inputs, ...this.dense.map(layer => layer.outputs)];
	}

	get classes(): number {
		return this.dense[this.dense.length - 1]!.outputs;
	}

	/** Which code runs the matrix products. */
	get backend(): BackendName {
		return this.dense[0]!.backend.name;
	}

	/**
	 * A [batch, inputs] array that `trainBatch` and `predict` read without
	 * copying (on wasm it lies in the kernels' memory): pack a batch into it
	 * and pass it as the input. Valid until a call with a larger batch.
	 */
	inputBuffer(batch: number): Float32Array {
		return this.first.inputBuffer(batch);
	}

	/**
	 * Packs images order[start … start+count) (start + r without an order) of
	 * `images`, one byte a pixel, into the input buffer as pixel / 255, and
	 * returns it for `trainBatch` or `predict`; on wasm that is one copy of the
	 * bytes and a SIMD pass, no other copy.
	 */
	packImages(images: Uint8Array, order: ArrayLike<number> | null, start: number, count: number): Float32Array {
		const x = this.inputBuffer(count);
		this.first.backend.packPixels(images, order, start, count, this.first.inputs, x);
		return x;
	}

	parameters(): Parameter[] {
		return this.layers.flatMap(layer => layer.parameters());
	}

	/** True while every weight and bias is a finite number: a diverged network is never saved. */
	hasFiniteWeights(): boolean {
		return this.parameters().every(({value, backend}) => backend.allFinite(value));
	}

	zeroGradients(): void {
		for (const {grad, backend} of this.parameters()) backend.fillZero(grad);
	}

	/** Class probabilities for a batch: x: [batch, inputs] -> [batch, classes], a buffer reused by the next call. */
	predict(input: Float32Array, batch: number): Float32Array {
		const logits = this.forward(input, batch);
		softmax(logits, logits, batch, this.classes);
		return logits;
	}

	/**
	 * Forward and backward on one batch, adding dW and db into the gradients,
	 * or with `replace` writing them over what the gradients held (a step's
	 * first batch, which then needs no zeroGradients); an optimizer's step
	 * then updates the weights. scale is 1/m for the m images of the whole
	 * step, so a full-batch step can be accumulated from several smaller batches.
	 */
	trainBatch(input: Float32Array, labels: ArrayLike<number>, batch: number, scale: number, replace = false): Readonly<BatchResult> {
		const classes = this.classes;
		// forward: Z1 = W1·X + b1, A1 = ReLU(Z1), …, Z_L = W_L·A_(L-1) + b_L
		const logits = this.forward(input, batch);
		// A_L = softmax(Z_L), the cross-entropy cost −Σ log A_L[label], and dZ_L = (A_L − Y) / m
		this.first.backend.softmaxCrossEntropyStep(logits, labels, batch, classes, scale, this.result);
		// backward, last layer first: dW = dZ·A_prevᵀ, db = Σ dZ, dA_prev = Wᵀ·dZ, dZ_prev = dA_prev · (Z_prev > 0)
		let grad = logits;
		for (let l = this.layers.length - 1; l >= 0; l--) grad = this.layers[l]!.backward(grad, batch, replace);
		return this.result;
	}

	/** The hidden dense layers' activations A_1 … A_(L-1) of the last forward pass, [batch, units] each: views, valid until the next pass. */
	hiddenActivations(batch: number): Float32Array[] {
		return this.layers
			.filter((layer, l) => layer instanceof Relu && this.layers[l - 1] instanceof Dense)
			.map(layer => (layer as Relu).activations(batch));
	}

	/**
	 * The image layers' maps of the last forward pass, in order: each
	 * convolution's after its ReLU, each max-pool's. Views, valid until the
	 * next pass; none for a dense network.
	 */
	featureActivations(batch: number): FeatureMaps[] {
		const maps: FeatureMaps[] = [];
		this.layers.forEach((layer, l) => {
			if (!(layer instanceof Conv2d || layer instanceof MaxPool2d)) return;
			// a convolution's maps are its ReLU's output (the same buffer, rectified in place) where one follows it
			const at = layer instanceof Conv2d && this.layers[l + 1] instanceof Relu ? l + 1 : l;
			const {output} = layer;
			const size = output.channels * output.height * output.width;
			maps.push({kind: layer instanceof Conv2d ? 'conv' : 'pool', shape: output, values: this.outputs[at]!.subarray(0, batch * size)});
		});
		return maps;
	}

	/**
	 * The gradient of one output's score (Z_L before softmax) with respect to
	 * each input, for one input row: forward, then the same backward pass as
	 * training, from dZ_L = 1 at that output and 0 elsewhere. The first layer
	 * must keep its input gradient (`inputGradient: true`); the weight
	 * gradients it adds on the way are cleared again.
	 */
	scoreGradient(input: Float32Array, output: number): Float32Array {
		if (!this.first.needsInputGrad) throw new Error('scoreGradient needs a first layer that keeps its input gradient');
		const logits = this.forward(input, 1);
		logits.fill(0, 0, this.classes);
		logits[output] = 1;
		let grad = logits;
		for (let l = this.layers.length - 1; l >= 0; l--) grad = this.layers[l]!.backward(grad, 1);
		this.zeroGradients();
		return grad.subarray(0, this.first.inputs);
	}

	/** Every layer's weights and biases, copied. */
	weightsCopy(): LayerWeights[] {
		return this.dense.map(({inputs, outputs, weights, biases}) => ({inputs, outputs, weights: weights.slice(), biases: biases.slice()}));
	}

	/** The image layers' weights and shapes, copied: none for a dense network. */
	featureWeightsCopy(): FeatureWeights[] {
		return featureWeightsOf(this.features);
	}

	private forward(input: Float32Array, batch: number): Float32Array {
		let activation = input;
		for (let l = 0; l < this.layers.length; l++) {
			activation = this.layers[l]!.forward(activation, batch);
			this.outputs[l] = activation;
		}
		return activation;
	}
}
