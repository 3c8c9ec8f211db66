import type {Backend} from './backend/backend.js';
import {type ImageShape, imageSize} from './image-shape.js';
import type {Layer, Parameter} from './layer.js';

/*
 * 2×2 max-pooling with stride 2: each output is the largest of a 2×2 window,
 * channel by channel, so an H×W map becomes ⌊H/2⌋×⌊W/2⌋ (an odd last row or
 * column is dropped, as in the usual frameworks). The gradient goes to the
 * value that was the maximum; on a tie, to the first one in the window's
 * reading order (top-left, top-right, bottom-left, bottom-right), the others
 * get none. That is one valid subgradient, and the loss is flat along it.
 */

export const poolSize = 2;

/**
 * z[r][c][y][x] = max of a[r][c][2y+i][2x+j] over i, j < 2, and where[…] the
 * index in `a` of the first maximum   a: [batch, C·H·W] -> z: [batch, C·⌊H/2⌋·⌊W/2⌋]
 */
export function maxPoolForwardLoops(a: Float32Array, z: Float32Array, where: Int32Array, batch: number, input: ImageShape): void {
	const {channels, height, width} = input;
	const oh = Math.floor(height / poolSize),
		ow = Math.floor(width / poolSize);
	let out = 0;
	for (let r = 0; r < batch; r++) {
		for (let c = 0; c < channels; c++) {
			const plane = (r * channels + c) * height * width;
			for (let y = 0; y < oh; y++) {
				for (let x = 0; x < ow; x++) {
					let best = plane + poolSize * y * width + poolSize * x;
					for (let i = 0; i < poolSize; i++) {
						for (let j = 0; j < poolSize; j++) {
							const at = plane + (poolSize * y + i) * width + poolSize * x + j;
							// strictly greater: a later equal value never takes the place of the first
							if (a[at]! > a[best]!) best = at;
						}
					}
					z[out] = a[best]!;
					where[out++] = best;
				}
			}
		}
	}
}

/** da = 0 except da[where[k]] = dz[k]: each window's gradient to its first maximum. Written over what is there. */
export function maxPoolBackwardLoops(dz: Float32Array, where: Int32Array, da: Float32Array, batch: number, input: ImageShape): void {
	da.fill(0, 0, batch * imageSize(input));
	const outputs = batch * imageSize(pooledShape(input));
	for (let k = 0; k < outputs; k++) da[where[k]!] = dz[k]!;
}

export const pooledShape = ({channels, height, width}: ImageShape): ImageShape => ({
	channels,
	height: Math.floor(height / poolSize),
	width: Math.floor(width / poolSize),
});

const empty = new Float32Array(0);

/** The max-pool layer, run by its backend: no parameters; it keeps where each maximum was for the backward pass. */
export class MaxPool2d implements Layer {
	readonly output: ImageShape;
	private result: Float32Array = empty;
	private where: Int32Array = new Int32Array(0);
	private inputGradient: Float32Array = empty;
	private stagedInput: Float32Array = empty;
	private stagedGradient: Float32Array = empty;

	constructor(
		readonly input: ImageShape,
		private readonly backend: Backend,
	) {
		this.output = pooledShape(input);
		if (this.output.height < 1 || this.output.width < 1) throw new Error('a 2×2 pool needs an input of at least 2×2');
	}

	get inputs(): number {
		return imageSize(this.input);
	}

	get outputs(): number {
		return imageSize(this.output);
	}

	// a: [batch, C·H·W] -> z: [batch, C·⌊H/2⌋·⌊W/2⌋]
	forward(input: Float32Array, batch: number): Float32Array {
		const length = batch * this.outputs;
		if (this.result.length < length) {
			this.result = this.backend.allocate(length);
			// the indices live beside the values, where the backend's kernels can write them
			const cells = this.backend.allocate(length);
			this.where = new Int32Array(cells.buffer, cells.byteOffset, length);
		}
		this.backend.maxPoolForward(this.staged(input, batch * this.inputs, 'stagedInput'), this.result, this.where, batch, this.input);
		return this.result;
	}

	// dz: [batch, C·⌊H/2⌋·⌊W/2⌋] -> da: [batch, C·H·W], nonzero only at each window's first maximum
	backward(outputGrad: Float32Array, batch: number): Float32Array {
		if (this.inputGradient.length < batch * this.inputs) this.inputGradient = this.backend.allocate(batch * this.inputs);
		const dz = this.staged(outputGrad, batch * this.outputs, 'stagedGradient');
		this.backend.maxPoolBackward(dz, this.where, this.inputGradient, batch, this.input);
		return this.inputGradient;
	}

	/** The array itself when the backend owns it, else a copy on the backend. */
	private staged(values: Float32Array, length: number, slot: 'stagedInput' | 'stagedGradient'): Float32Array {
		if (this.backend.owns(values)) return values;
		if (this[slot].length < length) this[slot] = this.backend.allocate(length);
		this[slot].set(values.subarray(0, length));
		return this[slot];
	}

	parameters(): readonly Parameter[] {
		return [];
	}
}
