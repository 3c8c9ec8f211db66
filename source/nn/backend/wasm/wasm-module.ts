/*
 * The kernels' module as every thread sees it: its exports, compiled once per
 * thread from the base64 of wasm-kernels.ts, and the few WebAssembly
 * declarations that lib ES2022 and @types/node 20 lack.
 */
import {kernelsBase64} from './wasm-kernels.js';

/** The convolution's weight gradient over the (c, i, j) [from, to): the arrays' byte offsets, then the batch and the geometry. */
type ConvWeightGradArgs = [
	from: number,
	to: number,
	dz: number,
	a: number,
	dw: number,
	db: number,
	batch: number,
	channels: number,
	height: number,
	width: number,
	filters: number,
	kernel: number,
];

/**
 * The exports of scripts/wasm/kernels-wat.ts; every matrix is a byte offset into
 * the memory. The products and updates compute part [from, to) of their
 * result (outputs; inputs for input_grad; elements for the updates; rows of
 * x for sparse_forward, groups of 4 inputs for sparse_weight_grad; images
 * for conv_forward and conv_input_grad, (c, i, j) of the weights for
 * conv_weight_grad and conv_weight_grad_im2col, planes (image, channel) for the max-pool).
 */
export interface Kernels {
	dense_forward(
		from: number,
		to: number,
		x: number,
		w: number,
		b: number,
		out: number,
		batch: number,
		inputs: number,
		outputs: number,
		relu: number,
	): void;
	weight_grad(
		from: number,
		to: number,
		dz: number,
		x: number,
		dw: number,
		db: number,
		batch: number,
		inputs: number,
		outputs: number,
	): void;
	input_grad(from: number, to: number, dz: number, w: number, dx: number, batch: number, inputs: number, outputs: number): void;
	sparse_forward(
		from: number,
		to: number,
		x: number,
		w: number,
		b: number,
		out: number,
		batch: number,
		inputs: number,
		outputs: number,
		relu: number,
		scratch: number,
	): void;
	sparse_weight_grad(
		from: number,
		to: number,
		dz: number,
		x: number,
		dw: number,
		db: number,
		batch: number,
		inputs: number,
		outputs: number,
		scratch: number,
		replace: number,
	): void;
	conv_forward(
		from: number,
		to: number,
		a: number,
		w: number,
		b: number,
		z: number,
		channels: number,
		height: number,
		width: number,
		filters: number,
		kernel: number,
		relu: number,
	): void;
	conv_weight_grad(...args: ConvWeightGradArgs): void;
	/** The same, with each image's shifted rows of the input copied first to the caller's slot of `scratch`. */
	conv_weight_grad_im2col(...args: [...ConvWeightGradArgs, scratch: number, slot: number]): void;
	conv_input_grad(
		from: number,
		to: number,
		dz: number,
		w: number,
		da: number,
		channels: number,
		height: number,
		width: number,
		filters: number,
		kernel: number,
		scratch: number,
		slot: number,
	): void;
	maxpool_forward(from: number, to: number, a: number, z: number, where: number, height: number, width: number): void;
	maxpool_backward(from: number, to: number, dz: number, where: number, da: number, height: number, width: number): void;
	/** Which slot of the scratch this instance's kernels use: 0 on the thread that owns the memory, 1… on its partners. */
	set_thread(index: number): void;
	scale_rows(from: number, to: number, sources: number, size: number, dst: number): void;
	finite_probe(from: number, to: number, p: number, flag: number): void;
	/** The output layer's step on rows [0, batch) of z, labels a byte each; each row's two f64 at `rows`; returns the rows right. */
	softmax_xent(z: number, labels: number, batch: number, classes: number, scale: number, rows: number): number;
	zero_fill(from: number, to: number, p: number): void;
	relu(from: number, to: number, p: number): void;
	relu_grad(from: number, to: number, grad: number, out: number): void;
	gd_step(from: number, to: number, value: number, grad: number, lr: number): void;
	momentum_step(from: number, to: number, value: number, grad: number, velocity: number, lr: number, mu: number): void;
	adam_step(
		from: number,
		to: number,
		value: number,
		grad: number,
		m: number,
		v: number,
		stepSize: number,
		beta1: number,
		beta2: number,
		rest1: number,
		rest2: number,
		correction2: number,
		epsilon: number,
	): void;
}

/** The kernels a team of threads shares, each call cut into parts. */
export const sharedKernels = [
	'dense_forward',
	'weight_grad',
	'input_grad',
	'sparse_forward',
	'sparse_weight_grad',
	'gd_step',
	'momentum_step',
	'adam_step',
	'finite_probe',
	'zero_fill',
	'scale_rows',
	'relu',
	'relu_grad',
	'conv_forward',
	'conv_weight_grad',
	'conv_weight_grad_im2col',
	'conv_input_grad',
	'maxpool_forward',
	'maxpool_backward',
] as const;
export type SharedKernel = (typeof sharedKernels)[number];

/** The part of the WebAssembly API used here: lib ES2022 and @types/node 20 do not declare it. */
export interface WasmMemory {
	readonly buffer: ArrayBufferLike;
	grow(pages: number): number;
}
interface WasmApi {
	Module: new (bytes: Uint8Array) => object;
	Memory: new (descriptor: {initial: number; maximum: number; shared: boolean}) => WasmMemory;
	Instance: new (module: object, imports: object) => {readonly exports: object};
}
export const webAssembly = (globalThis as {WebAssembly?: WasmApi}).WebAssembly;

export const pageBytes = 65_536;
/** 4 GiB, all that 32-bit offsets reach; a shared memory must declare its maximum. */
export const maximumPages = 65_536;

let compiled: object | null | undefined;

/** The kernels, compiled once per thread; null when this runtime lacks SIMD or shared memory. */
export function kernelsModule(): object | null {
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
