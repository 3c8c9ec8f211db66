import type {ConvGeometry, ImageShape} from '../../image-shape.js';
import type {OutputStep} from '../../softmax-cross-entropy.js';
import type {Backend, DenseProducts, Updates} from '../backend.js';
import {sparseGradScratchBytes} from './sparse-scratch.js';
import {
	type Kernels,
	kernelsModule,
	maximumPages,
	pageBytes,
	type SharedKernel,
	sharedKernels,
	type WasmMemory,
	webAssembly,
} from './wasm-module.js';
import {KernelTeam, type PartKernel} from './wasm-team.js';

/**
 * Below this many multiply-adds a call runs on the calling thread alone:
 * sharing costs a few µs of handing over, more than such a call takes
 * (784-128-10's second layer, 128·128·10, takes about 8 µs), and a partner
 * that lost its core holds the call up.
 */
const minimumSharedWork = 1 << 18;

/**
 * warmThreads' calls: 16 parts of about a µs each (clearing 2,048 words), so
 * that a partner takes several parts of every call and the caller now and
 * then waits for the last one; 250 of them each time, about 2 ms.
 */
const warmWords = 16 * 2048;
const warmCalls = 250;

/**
 * A pass over memory (an optimizer's update, clearing the gradients,
 * scaling a batch's pixels, the finiteness check) counts each value as this
 * many multiply-adds, so that the first layer's (100,352 values for
 * 784-128-10) are shared and the second's stay alone. Left to the caller,
 * such a pass writes over lines the partner has just read in the shared
 * products and waits for each to leave the partner's cache: on this
 * project's 2-core machine 784-128-10's update took 87 µs a step on the
 * caller with a partner and 21 µs without, packing 100 µs against 56.
 * Shared (from both ends, see wasm-team.ts), the step takes 600 µs instead
 * of 726.
 */
const passWork = 8;

/** Options of a wasm backend. */
export interface WasmOptions {
	/** Threads that share each product, the caller included (default 1: no partner threads). */
	readonly threads?: number;
	/** Hand parts only to the partners that pay off, fewer while the machine is busy (see team-pace.ts). */
	readonly adaptive?: boolean;
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
	/** The end of the highest array ever handed out: memory below it may hold old values. */
	private used = 0;
	/** Where the sparse products list the nonzero parts of their input. */
	private scratch: Float32Array = new Float32Array(0);
	/** Where finite_probe flags a value that is not finite. */
	private finiteFlag: Int32Array | undefined;
	/** Where softmax_xent reads a batch's labels, and writes each row's two numbers for the loss. */
	private labelBytes: Uint8Array = new Uint8Array(0);
	private lossRows: Float64Array = new Float64Array(0);
	/** Where packPixels copies a batch's bytes from images outside the memory. */
	private pixelBytes: Uint8Array = new Uint8Array(0);
	/** Where packPixels tells scale_rows each row's image: its address in the memory. */
	private rowSources: Int32Array = new Int32Array(0);
	/** The partner threads, when there are any. */
	private team: KernelTeam | null;
	readonly sparseInput: DenseProducts = {
		// shared by rows of x, 16 at least a part and at most 8 parts: each part lists its own rows' groups, and reads all of w (from L2 for
		// 784-128-10, further for wider layers: parts of 8 rows cost 784-512-10's forward 13% more than one part, of 16 rows 6%)
		denseForward: (x, w, b, out, batch, inputs, outputs, relu) => {
			const scratch = this.scratchFor(batch * (Math.floor(inputs / 4) + 1));
			this.share(
				'sparse_forward',
				batch,
				batch * inputs * outputs,
				[this.at(x), this.at(w), this.at(b), this.at(out), batch, inputs, outputs, relu ? 1 : 0, scratch],
				Math.max(16, Math.ceil(batch / 8 / 8) * 8),
			);
		},
		// shared by groups of 4 inputs, 8 a part (a part costs little more than its groups: small parts share evenly)
		// with `replace`, the kernel writes the groups' sums over dw, and only db (and any last inputs % 4 columns) is cleared first
		accumulateWeightGrad: (dz, x, dw, db, batch, inputs, outputs, replace = false) => {
			const scratch = this.scratchFor(sparseGradScratchBytes(batch, inputs, outputs) / 4);
			const written = replace && inputs % 4 === 0;
			if (replace) this.clearGradients(written ? undefined : dw.subarray(0, outputs * inputs), db.subarray(0, outputs));
			this.share(
				'sparse_weight_grad',
				Math.ceil(inputs / 4),
				batch * inputs * outputs,
				[this.at(dz), this.at(x), this.at(dw), this.at(db), batch, inputs, outputs, scratch, written ? 1 : 0],
				8,
			);
		},
	};
	readonly updates: Updates = {
		gradientDescent: (value, grad, learningRate) => {
			this.share('gd_step', value.length, value.length * passWork, [this.at(value), this.at(grad), learningRate]);
		},
		momentum: (value, grad, velocity, learningRate, momentum) => {
			this.share('momentum_step', value.length, value.length * passWork, [
				this.at(value),
				this.at(grad),
				this.at(velocity),
				learningRate,
				momentum,
			]);
		},
		adam: (value, grad, m, v, stepSize, beta1, beta2, correction2, epsilon) => {
			this.share('adam_step', value.length, value.length * passWork, [
				this.at(value),
				this.at(grad),
				this.at(m),
				this.at(v),
				stepSize,
				beta1,
				beta2,
				1 - beta1,
				1 - beta2,
				correction2,
				epsilon,
			]);
		},
	};

	constructor({threads = 1, adaptive = false}: WasmOptions = {}) {
		const module = kernelsModule();
		if (!module || !webAssembly) throw new Error('this runtime cannot run the WebAssembly SIMD kernels');
		if (!(Number.isInteger(threads) && threads >= 1)) throw new RangeError(`threads must be a whole number ≥ 1, got ${threads}`);
		this.memory = new webAssembly.Memory({initial: 1, maximum: maximumPages, shared: true});
		this.kernels = new webAssembly.Instance(module, {env: {memory: this.memory}}).exports as Kernels;
		this.team =
			threads > 1
				? new KernelTeam(module, this.memory, this.kernels as unknown as Record<string, PartKernel>, sharedKernels, threads - 1, {adaptive})
				: null;
	}

	/** Threads that share each product, this one included. */
	get threads(): number {
		return this.team?.threads ?? 1;
	}

	/** Resolves when the partner threads are running (at once without them). */
	async ready(): Promise<void> {
		await this.team?.ready();
	}

	/**
	 * Runs many small calls shared with the partner threads, once they are
	 * running, so that V8 compiles the code that shares a call (theirs and
	 * this thread's) optimised: it does so only after thousands of parts,
	 * and otherwise would in a run's first epoch, whose calls a partner helps
	 * little until then. About 2 ms; the warm-up calls it each turn of the
	 * event loop while the files load. The calls take the paths a run's do:
	 * code compiled having seen only some of them was compiled again in the
	 * run's first epoch, when the others came.
	 */
	warmThreads(): boolean {
		if (!this.team?.running) return false;
		const words = this.scratchFor(warmWords);
		// many small parts: each thread takes several of each call
		this.team.exercise('zero_fill', warmWords, warmWords / 16, [words], warmCalls / 2);
		// another kernel, a fraction among the arguments, and a length that the parts do not divide evenly
		this.team.exercise('gd_step', warmWords - 8, warmWords / 16, [words, words, 0.5], warmCalls / 2);
		// two big parts, one for each thread: the caller finishes its own and waits for the partner's
		this.team.exercise('zero_fill', warmWords, warmWords / 2, [words], 8);
		return true;
	}

	/** Parts of shared calls the partner threads have done so far. */
	get partnerParts(): number {
		return this.team?.partnerParts ?? 0;
	}

	/** Ends the partner threads; products then run on the calling thread alone. */
	close(): void {
		this.team?.close();
		this.team = null;
	}

	allocate(length: number): Float32Array {
		return this.take(length, true);
	}

	/** `length` floats at the top of the memory; zeroed when `zeroed` (new memory is; memory given back by `release` may not be). */
	private take(length: number, zeroed: boolean): Float32Array {
		const start = this.top;
		// 16-byte steps keep every array's start aligned for f32x4
		const end = start + Math.ceil(Math.max(length, 1) / 4) * 16;
		const have = this.memory.buffer.byteLength;
		if (end > have) {
			const pages = Math.ceil((end - have) / pageBytes);
			if (have / pageBytes + pages > maximumPages)
				throw new RangeError(`the network needs more than the 4 GiB a WebAssembly memory can hold`);
			this.memory.grow(pages);
		}
		this.top = end;
		const buffer = this.memory.buffer;
		this.buffers.add(buffer);
		const array = new Float32Array(buffer, start, length);
		// memory given back by `release` is handed out again: zeroed, as new memory is
		if (zeroed && start < this.used) this.kernels.zero_fill(0, Math.min(length, (this.used - start) / 4), start);
		this.used = Math.max(this.used, end);
		return array;
	}

	/** Where the next array would start: pass it to `release` to give back every array allocated since. */
	mark(): number {
		return this.top;
	}

	/**
	 * Gives back every array allocated since `mark` (they must no longer be
	 * used): the next arrays reuse that memory, whose pages the system has
	 * already handed over, so their first writes cost no page faults.
	 */
	release(mark: number): void {
		if (!(mark >= 0 && mark <= this.top)) throw new RangeError(`no such mark: ${mark}`);
		this.top = mark;
		// calls on the arrays given back were another network's: the team learns the next ones afresh
		this.team?.forgetCalls();
		// the backend's own working arrays there are given back too, and allocated again when needed
		if (this.scratch.length && this.scratch.byteOffset >= mark) this.scratch = new Float32Array(0);
		if (this.pixelBytes.length && this.pixelBytes.byteOffset >= mark) this.pixelBytes = new Uint8Array(0);
		if (this.rowSources.length && this.rowSources.byteOffset >= mark) this.rowSources = new Int32Array(0);
		if (this.finiteFlag && this.finiteFlag.byteOffset >= mark) this.finiteFlag = undefined;
		if (this.labelBytes.length && this.labelBytes.byteOffset >= mark) this.labelBytes = new Uint8Array(0);
		if (this.lossRows.length && this.lossRows.byteOffset >= mark) this.lossRows = new Float64Array(0);
	}

	owns(array: Float32Array): boolean {
		return this.buffers.has(array.buffer);
	}

	denseForward(
		x: Float32Array,
		w: Float32Array,
		b: Float32Array,
		out: Float32Array,
		batch: number,
		inputs: number,
		outputs: number,
		relu: boolean,
	): void {
		this.share('dense_forward', outputs, batch * inputs * outputs, [
			this.at(x),
			this.at(w),
			this.at(b),
			this.at(out),
			batch,
			inputs,
			outputs,
			relu ? 1 : 0,
		]);
	}

	accumulateWeightGrad(
		dz: Float32Array,
		x: Float32Array,
		dw: Float32Array,
		db: Float32Array,
		batch: number,
		inputs: number,
		outputs: number,
		replace = false,
	): void {
		if (replace) this.clearGradients(dw.subarray(0, outputs * inputs), db.subarray(0, outputs));
		this.share('weight_grad', outputs, batch * inputs * outputs, [
			this.at(dz),
			this.at(x),
			this.at(dw),
			this.at(db),
			batch,
			inputs,
			outputs,
		]);
	}

	inputGrad(dz: Float32Array, w: Float32Array, dx: Float32Array, batch: number, inputs: number, outputs: number): void {
		this.share('input_grad', inputs, batch * inputs * outputs, [this.at(dz), this.at(w), this.at(dx), batch, inputs, outputs]);
	}

	/*
	 * The convolution (scripts/wasm/conv-wat.ts): the forward reads the input
	 * in place, the weight gradient too where a row of outputs is wide (else
	 * it copies the input's shifted rows first); the input gradient is a
	 * product and a col2im. Copied or computed rows go in the calling
	 * thread's own slot of the scratch. Forward and input gradient are shared
	 * by images, the weight gradient by (c, i, j) (columns of dw).
	 */
	convForward(a: Float32Array, w: Float32Array, b: Float32Array, z: Float32Array, batch: number, g: ConvGeometry, relu: boolean): void {
		this.share(
			'conv_forward',
			batch,
			batch * convWork(g),
			[this.at(a), this.at(w), this.at(b), this.at(z), g.channels, g.height, g.width, g.filters, g.kernel, relu ? 1 : 0],
			imageGrain(batch, this.threads),
		);
	}

	convWeightGrad(dz: Float32Array, a: Float32Array, dw: Float32Array, db: Float32Array, batch: number, g: ConvGeometry): void {
		const rows = g.channels * g.kernel * g.kernel;
		const args = [this.at(dz), this.at(a), this.at(dw), this.at(db), batch, g.channels, g.height, g.width, g.filters, g.kernel];
		// a part is a whole number of the kernels' tiles of 4 (c, i, j); each reads every image, however many parts
		const grain = rows >= 64 ? 8 : 4;
		// direct on wide outputs; on narrow ones its loop over each row of outputs costs more than copying colT's rows
		if (g.width - g.kernel + 1 >= 16) {
			this.share('conv_weight_grad', rows, batch * convWork(g), args, grain);
			return;
		}
		const {scratch, slot} = this.convScratch(g);
		this.share('conv_weight_grad_im2col', rows, batch * convWork(g), [...args, scratch, slot], grain);
	}

	convInputGrad(dz: Float32Array, w: Float32Array, da: Float32Array, batch: number, g: ConvGeometry): void {
		const {scratch, slot} = this.convScratch(g);
		this.share(
			'conv_input_grad',
			batch,
			batch * convWork(g),
			[this.at(dz), this.at(w), this.at(da), g.channels, g.height, g.width, g.filters, g.kernel, scratch, slot],
			imageGrain(batch, this.threads),
		);
	}

	maxPoolForward(a: Float32Array, z: Float32Array, where: Int32Array, batch: number, input: ImageShape): void {
		const planes = batch * input.channels;
		this.share('maxpool_forward', planes, poolWork(planes, input), [this.at(a), this.at(z), this.at(where), input.height, input.width]);
	}

	maxPoolBackward(dz: Float32Array, where: Int32Array, da: Float32Array, batch: number, input: ImageShape): void {
		const planes = batch * input.channels;
		this.share('maxpool_backward', planes, poolWork(planes, input), [this.at(dz), this.at(where), this.at(da), input.height, input.width]);
	}

	/** A slot of one image's C·K·K rows of OH·OW values for each thread: its byte offset and the slot's bytes. */
	private convScratch({channels, height, width, kernel}: ConvGeometry): {scratch: number; slot: number} {
		const slot = Math.ceil((channels * kernel * kernel * (height - kernel + 1) * (width - kernel + 1)) / 4) * 16;
		return {scratch: this.scratchFor((slot / 4) * this.threads), slot};
	}

	relu(values: Float32Array): void {
		this.share('relu', values.length, values.length, [this.at(values)]);
	}

	reluGrad(grad: Float32Array, output: Float32Array): void {
		this.share('relu_grad', grad.length, grad.length, [this.at(grad), this.at(output)]);
	}

	fillZero(values: Float32Array): void {
		this.share('zero_fill', values.length, values.length * passWork, [this.at(values)]);
	}

	/** Clears a weight gradient (when given) and a bias gradient before a product writes over them; a bias's few floats here. */
	private clearGradients(weights: Float32Array | undefined, biases: Float32Array): void {
		if (weights) this.fillZero(weights);
		biases.fill(0);
	}

	allFinite(values: Float32Array): boolean {
		this.finiteFlag ??= this.takeWords(1);
		const flag = this.finiteFlag;
		flag[0] = 0;
		this.share('finite_probe', values.length, values.length * passWork, [this.at(values), flag.byteOffset]);
		return flag[0] === 0;
	}

	/**
	 * In the kernel (scripts/wasm/softmax-wat.ts), but for the loss's log1p
	 * of each row, here: its exponentials in f32, where the plain loops' are
	 * f64 (the loss then 1e-10 apart, a probability at most 1 ulp). A batch
	 * of 128 rows of 10 took 22 µs in the plain loops, 7.5 µs so (9.6 µs with
	 * the exponentials one at a time rather than four).
	 */
	readonly softmaxCrossEntropyStep: OutputStep = (logits, labels, batch, classes, scale, result) => {
		if (this.labelBytes.length < batch) this.labelBytes = this.takeBytes(batch);
		if (this.lossRows.length < 2 * batch) {
			const words = this.take(4 * batch, false);
			this.lossRows = new Float64Array(words.buffer, words.byteOffset, 2 * batch);
		}
		const {labelBytes, lossRows: rows} = this;
		for (let r = 0; r < batch; r++) {
			const label = labels[r]!;
			// the kernel writes at the label's place in the row, and reads each label as a byte
			if (!(label >= 0 && label < Math.min(classes, 256))) throw new RangeError(`label ${label} is not one of ${classes} classes`);
			labelBytes[r] = label;
		}
		result.correct = this.kernels.softmax_xent(this.at(logits), labelBytes.byteOffset, batch, classes, scale, rows.byteOffset);
		let loss = 0;
		for (let r = 0; r < batch; r++) loss += Math.log1p(rows[2 * r]!) - rows[2 * r + 1]!;
		result.loss = loss;
	};

	/**
	 * Images held in the kernels' memory (see `imageBytes`) are read where
	 * they lie, each part of the call reading its own rows; others are first
	 * copied into it, one copy a row.
	 */
	packPixels(images: Uint8Array, order: ArrayLike<number> | null, start: number, count: number, size: number, out: Float32Array): void {
		if (this.rowSources.length < count) this.rowSources = this.takeWords(count);
		const sources = this.rowSources;
		if (this.buffers.has(images.buffer)) {
			const base = images.byteOffset;
			if (order) for (let r = 0; r < count; r++) sources[r] = base + order[start + r]! * size;
			else for (let r = 0; r < count; r++) sources[r] = base + (start + r) * size;
		} else {
			const bytes = this.heldCopy(images, order, start, count, size);
			for (let r = 0; r < count; r++) sources[r] = bytes.byteOffset + r * size;
		}
		this.share('scale_rows', count, count * size * passWork, [sources.byteOffset, size, this.at(out)]);
	}

	/**
	 * A place for `length` bytes of images in the kernels' memory: images
	 * put there (a run's training file is read into it) are packed where they
	 * lie, with no copy a batch (packPixels). Allocated like an array, so a
	 * `release` gives it back.
	 */
	imageBytes(length: number): Uint8Array {
		return this.takeBytes(length);
	}

	/** The batch's images copied into the memory, in order, for images that lie elsewhere. */
	private heldCopy(images: Uint8Array, order: ArrayLike<number> | null, start: number, count: number, size: number): Uint8Array {
		const length = count * size;
		if (this.pixelBytes.length < length) this.pixelBytes = this.imageBytes(length);
		const bytes = this.pixelBytes;
		if (!order) bytes.set(images.subarray(start * size, (start + count) * size));
		else
			for (let r = 0; r < count; r++) {
				const from = order[start + r]! * size;
				bytes.set(images.subarray(from, from + size), r * size);
			}
		return bytes;
	}

	/**
	 * kernel(from, to, ...args) over [0, total): on this thread alone, or cut
	 * into parts shared with the team when `work` is worth it: about 4 parts
	 * a thread, or parts of `grain` (a multiple of 8) when given.
	 */
	private share(kernel: SharedKernel, total: number, work: number, args: number[], grain?: number): void {
		if (!this.team || work < minimumSharedWork || total < 16) {
			(this.kernels[kernel] as PartKernel)(0, total, ...args);
			return;
		}
		this.team.run(kernel, total, grain ?? Math.max(8, Math.ceil(total / (4 * this.team.threads) / 8) * 8), args);
	}

	/** `length` bytes in the memory, not zeroed. */
	private takeBytes(length: number): Uint8Array {
		const words = this.take(Math.ceil(length / 4), false);
		return new Uint8Array(words.buffer, words.byteOffset, length);
	}

	/** `count` 4-byte integers in the memory, not zeroed. */
	private takeWords(count: number): Int32Array {
		const words = this.take(count, false);
		return new Int32Array(words.buffer, words.byteOffset, count);
	}

	/** The byte offset of at least `words` 4-byte words of scratch space. */
	private scratchFor(words: number): number {
		// not zeroed: the kernels write before they read, each only its own part's places
		if (this.scratch.length < words) this.scratch = this.take(Math.ceil(words), false);
		return this.scratch.byteOffset;
	}

	/** An array's byte offset in the memory; an array from elsewhere would be read as whatever lies at its offset. */
	private at(array: Float32Array | Int32Array): number {
		if (!this.buffers.has(array.buffer)) throw new Error('the wasm kernels were given an array outside their memory');
		return array.byteOffset;
	}
}

/** Multiply-adds of one image's convolution. */
function convWork({channels, height, width, filters, kernel}: ConvGeometry): number {
	return filters * channels * kernel * kernel * (height - kernel + 1) * (width - kernel + 1);
}

/**
 * A max-pool's work as multiply-adds of a product that takes as long: a
 * pass over memory, a few operations a value. A batch of 128 of the
 * default cnn's first maps (0.1 ms) stays on the calling thread, where it
 * was measured faster than shared; an evaluation's batch of 1,000 is shared.
 */
function poolWork(planes: number, {height, width}: ImageShape): number {
	return (planes * height * width) / 16;
}

/** Images a part of a convolution's call: about 4 parts a thread. */
function imageGrain(batch: number, threads: number): number {
	return Math.max(1, Math.ceil(batch / (4 * threads)));
}
