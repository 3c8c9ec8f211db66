import {accumulateWeightGrad, denseForward, inputGrad} from './js-products.js';
import {WasmBackend, wasmAvailable, type WasmOptions} from './wasm/wasm-backend.js';

export const backendNames = ['js', 'wasm'] as const;
export type BackendName = (typeof backendNames)[number];
/** What a user may ask for: a backend, or 'auto' for the fastest one this runtime can run. */
export type BackendChoice = BackendName | 'auto';
export const backendChoices: readonly BackendChoice[] = ['auto', ...backendNames];

/**
 * Where a network's arrays live and which code runs its three matrix
 * products. Arrays passed to the products must come from `allocate` (or
 * satisfy `owns`); layers copy anything else in first.
 */
export interface Backend {
	readonly name: BackendName;
	/** A zeroed array of `length` floats that this backend's products can work on in place. */
	allocate(length: number): Float32Array;
	/** Whether the products can use this array as it is. */
	owns(array: Float32Array): boolean;
	/** out = x · wᵀ + b, then max(0, ·) when relu   x: [batch, inputs], w: [outputs, inputs] -> out: [batch, outputs] */
	denseForward(x: Float32Array, w: Float32Array, b: Float32Array, out: Float32Array, batch: number, inputs: number, outputs: number, relu: boolean): void;
	/** dw += dzᵀ · x and db += Σ dz   dz: [batch, outputs], x: [batch, inputs] -> dw: [outputs, inputs] */
	accumulateWeightGrad(dz: Float32Array, x: Float32Array, dw: Float32Array, db: Float32Array, batch: number, inputs: number, outputs: number): void;
	/** dx = dz · w   dz: [batch, outputs], w: [outputs, inputs] -> dx: [batch, inputs] */
	inputGrad(dz: Float32Array, w: Float32Array, dx: Float32Array, batch: number, inputs: number, outputs: number): void;
	/**
	 * The optimizers' updates over this backend's arrays, where it has faster
	 * ones than the optimizers' own loops (which are the reference).
	 */
	readonly updates?: Updates;
	/**
	 * denseForward and accumulateWeightGrad for an input that is mostly zeros
	 * (pixels), skipping the zeros, where the backend has them.
	 */
	readonly sparseInput?: SparseInputProducts;
	/** Threads that share each product, the calling one included. */
	readonly threads?: number;
	/** Ends any threads the backend started; its arrays stay usable, its products then run on the calling thread. */
	close?(): void;
	/** relu.ts's forward and backward loops over this backend's arrays, where it has faster ones. */
	relu?(values: Float32Array): void;
	reluGrad?(grad: Float32Array, output: Float32Array): void;
	/** Sets every value to 0, where the backend has a faster way than fill(0). */
	fillZero?(values: Float32Array): void;
	/** Whether every value is a finite number, where the backend has a faster check than allFinite's loop. */
	allFinite?(values: Float32Array): boolean;
	/** out[r] = the pixels of image order[start + r] (or start + r without an order) / 255, for r < count: out is [count, size]. */
	packPixels(images: Uint8Array, order: ArrayLike<number> | null, start: number, count: number, size: number, out: Float32Array): void;
}

export interface SparseInputProducts {
	denseForward(x: Float32Array, w: Float32Array, b: Float32Array, out: Float32Array, batch: number, inputs: number, outputs: number, relu: boolean): void;
	accumulateWeightGrad(dz: Float32Array, x: Float32Array, dw: Float32Array, db: Float32Array, batch: number, inputs: number, outputs: number): void;
}

/** Element-wise parameter updates; see gd.ts, momentum.ts and adam.ts for what each does. */
export interface Updates {
	gradientDescent(value: Float32Array, grad: Float32Array, learningRate: number): void;
	momentum(value: Float32Array, grad: Float32Array, velocity: Float32Array, learningRate: number, momentum: number): void;
	adam(value: Float32Array, grad: Float32Array, m: Float32Array, v: Float32Array,
		stepSize: number, beta1: number, beta2: number, correction2: number, epsilon: number): void;
}

/** pixel / 255 for every byte value: exactly what f32 division gives, as a table lookup. */
const pixelScale = Float32Array.from({length: 256}, (_, value) => value / 255);

/** The plain TypeScript kernels on ordinary Float32Arrays: the reference, and the fallback. */
export const jsBackend: Backend = {
	name: 'js',
	allocate: length => new Float32Array(length),
	owns: () => true,
	denseForward(x, w, b, out, batch, inputs, outputs, relu) {
		denseForward(x, w, b, out, batch, inputs, outputs);
		if (relu) for (let i = 0, n = batch * outputs; i < n; i++) if (out[i]! < 0) out[i] = 0;
	},
	accumulateWeightGrad,
	inputGrad,
	packPixels(images, order, start, count, size, out) {
		for (let r = 0; r < count; r++) {
			const from = (order ? order[start + r]! : start + r) * size, to = r * size;
			for (let p = 0; p < size; p++) out[to + p] = pixelScale[images[from + p]!]!;
		}
	},
};

/** 'auto' is wasm when this runtime validates the SIMD kernels, js otherwise. */
export function resolveBackend(choice: BackendChoice): BackendName {
	return choice === 'auto' ? (wasmAvailable() ? 'wasm' : 'js') : choice;
}

/**
 * A backend for one network. Each wasm backend has a memory of its own, so a
 * network's arrays are freed with it, and may share its products with
 * partner threads (`threads`; close() ends them); the js backend has
 * nothing to share and runs on the calling thread.
 */
export function createBackend(choice: BackendChoice = 'auto', options: WasmOptions = {}): Backend {
	if (resolveBackend(choice) === 'js') return jsBackend;
	if (!wasmAvailable()) throw new Error('this runtime cannot run the WebAssembly SIMD kernels; use the js backend');
	return new WasmBackend(options);
}
