import type {ConvGeometry, ImageShape} from '../image-shape.js';
import type {OutputStep} from '../softmax-cross-entropy.js';

export const backendNames = ['js', 'wasm'] as const;
export type BackendName = (typeof backendNames)[number];
/** What a user may ask for: a backend, or 'auto' for the fastest one this runtime can run. */
export type BackendChoice = BackendName | 'auto';
export const backendChoices: readonly BackendChoice[] = ['auto', ...backendNames];

/**
 * Where a network's arrays live and the code that does its arithmetic: the
 * dense layer's three products, the convolution's and the max-pool's
 * arithmetic, ReLU, the optimizers' updates and a few chores. Each member
 * computes what the plain loops beside the formulas compute (dense.ts,
 * conv2d.ts, max-pool2d.ts, relu.ts, optim/), and the tests hold every backend to
 * those loops. The js backend runs them as they are (its products
 * register-tiled); the wasm backend runs SIMD kernels, shared among threads.
 * Arrays passed to the members must come from `allocate` (or satisfy `owns`);
 * layers copy anything else in first.
 */
export interface Backend extends DenseProducts, ImageKernels {
	readonly name: BackendName;
	/** Threads that share each product, the calling one included. */
	readonly threads: number;
	/** A zeroed array of `length` floats that this backend's products can work on in place. */
	allocate(length: number): Float32Array;
	/** Whether the products can use this array as it is. */
	owns(array: Float32Array): boolean;
	/** dx = dz · w   dz: [batch, outputs], w: [outputs, inputs] -> dx: [batch, inputs] */
	inputGrad(dz: Float32Array, w: Float32Array, dx: Float32Array, batch: number, inputs: number, outputs: number): void;
	/** The same two products for an input that is mostly zeros (pixels), skipping the zeros where the backend can. */
	readonly sparseInput: DenseProducts;
	/** The optimizers' updates. */
	readonly updates: Updates;
	/** A = max(0, Z) in place, and dZ = dA · (A > 0) in place of dA (relu.ts). */
	relu(values: Float32Array): void;
	reluGrad(grad: Float32Array, output: Float32Array): void;
	/** Sets every value to 0. */
	fillZero(values: Float32Array): void;
	/** The output layer's step on a training batch, in place of the logits (softmax-cross-entropy.ts: softmaxCrossEntropyStep). */
	readonly softmaxCrossEntropyStep: OutputStep;
	/** Whether every value is a finite number. */
	allFinite(values: Float32Array): boolean;
	/** out[r] = the pixels of image order[start + r] (or start + r without an order) / 255, for r < count: out is [count, size]. */
	packPixels(images: Uint8Array, order: ArrayLike<number> | null, start: number, count: number, size: number, out: Float32Array): void;
	/** A place for `length` bytes of images where packPixels reads them fastest (wasm: its memory, no copy a batch); released like an array. */
	imageBytes?(length: number): Uint8Array;
	/** Where the next array would start, and giving back every array allocated since (wasm: so a throwaway network's memory is reused). */
	mark?(): number;
	release?(mark: number): void;
	/** Resolves when any threads the backend started are running (products before that run on the calling thread alone). */
	ready?(): Promise<void>;
	/** Runs the code that shares the products among those threads, once they run, for a few ms: so that it is compiled before a run. Whether they ran. */
	warmThreads?(): boolean;
	/** Ends any threads the backend started; its arrays stay usable, its products then run on the calling thread. */
	close(): void;
}

/** The dense layer's forward and weight-gradient products (dense.ts: forwardLoops, weightGradLoops). */
export interface DenseProducts {
	/** out = x · wᵀ + b, then max(0, ·) when relu   x: [batch, inputs], w: [outputs, inputs] -> out: [batch, outputs] */
	denseForward(
		x: Float32Array,
		w: Float32Array,
		b: Float32Array,
		out: Float32Array,
		batch: number,
		inputs: number,
		outputs: number,
		relu: boolean,
	): void;
	/**
	 * dw += dzᵀ · x and db += Σ dz   dz: [batch, outputs], x: [batch, inputs] -> dw: [outputs, inputs];
	 * with `replace`, dw = dzᵀ · x and db = Σ dz, whatever they held
	 */
	accumulateWeightGrad(
		dz: Float32Array,
		x: Float32Array,
		dw: Float32Array,
		db: Float32Array,
		batch: number,
		inputs: number,
		outputs: number,
		replace?: boolean,
	): void;
}

/** Element-wise parameter updates; optim/gd.ts, momentum.ts and adam.ts have each as a plain loop. */
export interface Updates {
	gradientDescent(value: Float32Array, grad: Float32Array, learningRate: number): void;
	momentum(value: Float32Array, grad: Float32Array, velocity: Float32Array, learningRate: number, momentum: number): void;
	adam(
		value: Float32Array,
		grad: Float32Array,
		m: Float32Array,
		v: Float32Array,
		stepSize: number,
		beta1: number,
		beta2: number,
		correction2: number,
		epsilon: number,
	): void;
}

/**
 * The image layers' arithmetic (conv2d.ts: convForwardLoops, convWeightGradLoops,
 * convInputGradLoops; max-pool2d.ts: maxPoolForwardLoops, maxPoolBackwardLoops).
 * Activations are [batch, C·H·W], channel-major; weights [filters, C, K, K].
 */
export interface ImageKernels {
	/** z = w ⋆ a + b, then max(0, ·) when relu   a: [batch, C·H·W] -> z: [batch, F·OH·OW] */
	convForward(
		a: Float32Array,
		w: Float32Array,
		b: Float32Array,
		z: Float32Array,
		batch: number,
		geometry: ConvGeometry,
		relu: boolean,
	): void;
	/** dw += Σ dz ⋆ a and db += Σ dz, added to what is there */
	convWeightGrad(dz: Float32Array, a: Float32Array, dw: Float32Array, db: Float32Array, batch: number, geometry: ConvGeometry): void;
	/** da = each output's gradient spread back over the window it read, written over what is there */
	convInputGrad(dz: Float32Array, w: Float32Array, da: Float32Array, batch: number, geometry: ConvGeometry): void;
	/** z = the largest of each 2×2 window, where = its index in a (the first of equal values)   a: [batch, C·H·W] */
	maxPoolForward(a: Float32Array, z: Float32Array, where: Int32Array, batch: number, input: ImageShape): void;
	/** da = 0 except da[where[k]] = dz[k], written over what is there */
	maxPoolBackward(dz: Float32Array, where: Int32Array, da: Float32Array, batch: number, input: ImageShape): void;
}
