import type {Backend, SparseInputProducts, Updates} from './backend.js';
import {kernelsBase64} from './wasm-kernels.js';

/** The exports of scripts/kernels-wat.ts; every matrix is a byte offset into the memory. */
interface Kernels {
	dense_forward(x: number, w: number, b: number, out: number, batch: number, inputs: number, outputs: number, relu: number): void;
	weight_grad(dz: number, x: number, dw: number, db: number, batch: number, inputs: number, outputs: number): void;
	input_grad(dz: number, w: number, dx: number, batch: number, inputs: number, outputs: number): void;
	sparse_forward(x: number, w: number, b: number, out: number, batch: number, inputs: number, outputs: number, relu: number, scratch: number): void;
	sparse_weight_grad(dz: number, x: number, dw: number, db: number, batch: number, inputs: number, outputs: number, scratch: number): void;
	scale_bytes(src: number, dst: number, n: number): void;
	finite_probe(p: number, n: number): number;
	gd_step(value: number, grad: number, n: number, lr: number): void;
	momentum_step(value: number, grad: number, velocity: number, n: number, lr: number, mu: number): void;
	adam_step(value: number, grad: number, m: number, v: number, n: number,
		stepSize: number, beta1: number, beta2: number, rest1: number, rest2: number, correction2: number, epsilon: number): void;
}

/** The part of the WebAssembly API used here: lib ES2022 and @types/node 20 do not declare it. */
interface WasmMemory {
	readonly buffer: ArrayBufferLike;
	grow(pages: number): number;
}
interface WasmApi {
	Module: new (bytes: Uint8Array) => object;
	Memory: new (descriptor: {initial: number; maximum: number; shared: boolean}) => WasmMemory;
	Instance: new (module: object, imports: object) => {readonly exports: object};
}
const webAssembly = (globalThis as {WebAssembly?: WasmApi}).WebAssembly;

const pageBytes = 65_536;
/** 4 GiB, all that 32-bit offsets reach; a shared memory must declare its maximum. */
const maximumPages = 65_536;

let compiled: object | null | undefined;

/** The kernels, compiled once per thread; null when this runtime lacks SIMD or shared memory. */
function kernelsModule(): object | null {
	if (compiled === undefined) {
		try {
			if (!webAssembly) throw new Error('no WebAssembly');
			compiled = new webAssembly.Module(Uint8Array.from(atob(kernelsBase64), character => character.charCodeAt(0)));
			new webAssembly.Memory({initial: 1, maximum: 1, shared: true});
		} catch {
			compiled = null;
		}
	}
	return compiled;
}

export function wasmAvailable(): boolean {
	return kernelsModule() !== null;
}

/**
 * The WebAssembly SIMD kernels over one shared memory, with a bump allocator:
 * a network allocates its weights, gradients and activations once per shape
 * and never frees them. The memory is shared so growing it keeps every view
 * handed out valid (an unshared memory would detach them), and so a second
 * thread can later work on the same arrays.
 */
export class WasmBackend implements Backend {
	readonly name = 'wasm';
	private readonly memory: WasmMemory;
	private readonly kernels: Kernels;
	/** Every buffer object the memory has shown; a view on any of them is ours. */
	private readonly buffers = new Set<ArrayBufferLike>();
	private top = 0;
	/** Where the sparse products list the nonzero parts of their input. */
	private scratch: Float32Array = new Float32Array(0);
	/** Where packPixels gathers a batch's bytes before scaling them. */
	private pixelBytes: Uint8Array = new Uint8Array(0);
	readonly sparseInput: SparseInputProducts = {
		denseForward: (x, w, b, out, batch, inputs, outputs, relu) => {
			const scratch = this.scratchFor(batch * (Math.floor(inputs / 4) + 1));
			this.kernels.sparse_forward(this.at(x), this.at(w), this.at(b), this.at(out), batch, inputs, outputs, relu ? 1 : 0, scratch);
		},
		accumulateWeightGrad: (dz, x, dw, db, batch, inputs, outputs) => {
			const scratch = this.scratchFor(Math.floor(inputs / 4) * (2 * batch + 1));
			this.kernels.sparse_weight_grad(this.at(dz), this.at(x), this.at(dw), this.at(db), batch, inputs, outputs, scratch);
		},
	};
	readonly updates: Updates = {
		gradientDescent: (value, grad, learningRate) => {
			this.kernels.gd_step(this.at(value), this.at(grad), value.length, learningRate);
		},
		momentum: (value, grad, velocity, learningRate, momentum) => {
			this.kernels.momentum_step(this.at(value), this.at(grad), this.at(velocity), value.length, learningRate, momentum);
		},
		adam: (value, grad, m, v, stepSize, beta1, beta2, correction2, epsilon) => {
			this.kernels.adam_step(this.at(value), this.at(grad), this.at(m), this.at(v), value.length,
				stepSize, beta1, beta2, 1 - beta1, 1 - beta2, correction2, epsilon);
		},
	};

	constructor() {
		const module = kernelsModule();
		if (!module || !webAssembly) throw new Error('this runtime cannot run the WebAssembly SIMD kernels');
		this.memory = new webAssembly.Memory({initial: 1, maximum: maximumPages, shared: true});
		this.kernels = new webAssembly.Instance(module, {env: {memory: this.memory}}).exports as Kernels;
	}

	allocate(length: number): Float32Array {
		const start = this.top;
		// 16-byte steps keep every array's start aligned for f32x4
		const end = start + Math.ceil(Math.max(length, 1) / 4) * 16;
		const have = this.memory.buffer.byteLength;
		if (end > have) {
			const pages = Math.ceil((end - have) / pageBytes);
			if (have / pageBytes + pages > maximumPages) throw new RangeError(`the network needs more than the 4 GiB a WebAssembly memory can hold`);
			this.memory.grow(pages);
		}
		this.top = end;
		const buffer = this.memory.buffer;
		this.buffers.add(buffer);
		return new Float32Array(buffer, start, length);
	}

	owns(array: Float32Array): boolean {
		return this.buffers.has(array.buffer);
	}

	denseForward(x: Float32Array, w: Float32Array, b: Float32Array, out: Float32Array, batch: number, inputs: number, outputs: number, relu: boolean): void {
		this.kernels.dense_forward(this.at(x), this.at(w), this.at(b), this.at(out), batch, inputs, outputs, relu ? 1 : 0);
	}

	accumulateWeightGrad(dz: Float32Array, x: Float32Array, dw: Float32Array, db: Float32Array, batch: number, inputs: number, outputs: number): void {
		this.kernels.weight_grad(this.at(dz), this.at(x), this.at(dw), this.at(db), batch, inputs, outputs);
	}

	inputGrad(dz: Float32Array, w: Float32Array, dx: Float32Array, batch: number, inputs: number, outputs: number): void {
		this.kernels.input_grad(this.at(dz), this.at(w), this.at(dx), batch, inputs, outputs);
	}

	allFinite(values: Float32Array): boolean {
		return this.kernels.finite_probe(this.at(values), values.length) === 0;
	}

	packPixels(images: Uint8Array, order: ArrayLike<number> | null, start: number, count: number, size: number, out: Float32Array): void {
		const length = count * size;
		if (this.pixelBytes.length < length) {
			const words = this.allocate(Math.ceil(length / 4));
			this.pixelBytes = new Uint8Array(words.buffer, words.byteOffset, words.length * 4);
		}
		const bytes = this.pixelBytes;
		for (let r = 0; r < count; r++) {
			const from = (order ? order[start + r]! : start + r) * size;
			bytes.set(images.subarray(from, from + size), r * size);
		}
		this.kernels.scale_bytes(bytes.byteOffset, this.at(out), length);
	}

	/** The byte offset of at least `words` 4-byte words of scratch space. */
	private scratchFor(words: number): number {
		if (this.scratch.length < words) this.scratch = this.allocate(Math.ceil(words));
		return this.scratch.byteOffset;
	}

	/** An array's byte offset in the memory; an array from elsewhere would be read as whatever lies at its offset. */
	private at(array: Float32Array): number {
		if (!this.buffers.has(array.buffer)) throw new Error('the wasm kernels were given an array outside their memory');
		return array.byteOffset;
	}
}
