import type {Backend} from './backend/backend.js';
import type {Parameter} from './layer.js';

const empty: Float32Array = new Float32Array(0);

/**
 * The arrays of a layer with weights, on its backend: the values it is
 * given, adopted; buffers that grow with the batch (backends never free, so
 * only a larger batch allocates); and copies of operands that come from
 * outside the backend's memory, where the products cannot read them.
 */
export class LayerArrays {
	/** Where an input or an output gradient from outside the backend is copied; the input one is also what `inputBuffer` hands out. */
	private stagedInput: Float32Array = empty;
	private stagedGradient: Float32Array = empty;

	constructor(readonly backend: Backend) {}

	/** `values` themselves when the backend can use them, else a copy on it; zeros without. */
	adopt(values: Float32Array | undefined, length: number): Float32Array {
		if (values && this.backend.owns(values)) return values;
		const array = this.backend.allocate(length);
		if (values) array.set(values);
		return array;
	}

	/** The old buffer while it is big enough, else a new one. */
	grown(buffer: Float32Array, length: number): Float32Array {
		return buffer.length >= length ? buffer : this.backend.allocate(length);
	}

	/** The first `length` values of an input, where the products can read them. */
	input(values: Float32Array, length: number): Float32Array {
		if (this.backend.owns(values)) return values;
		this.stagedInput = this.copied(this.stagedInput, values, length);
		return this.stagedInput;
	}

	/** The same for an output gradient. */
	gradient(values: Float32Array, length: number): Float32Array {
		if (this.backend.owns(values)) return values;
		this.stagedGradient = this.copied(this.stagedGradient, values, length);
		return this.stagedGradient;
	}

	/** A `length`-value array on the backend to fill and pass as the input: the first layer's, which holds the batch's pixels. */
	inputBuffer(length: number): Float32Array {
		this.stagedInput = this.grown(this.stagedInput, length);
		return this.stagedInput.subarray(0, length);
	}

	/** The weights and biases, each with its gradient, as the optimizers update them. */
	parameters(layer: {weights: Float32Array; weightGrad: Float32Array; biases: Float32Array; biasGrad: Float32Array}): readonly Parameter[] {
		const {backend} = this;
		return [
			{value: layer.weights, grad: layer.weightGrad, backend},
			{value: layer.biases, grad: layer.biasGrad, backend},
		];
	}

	private copied(buffer: Float32Array, values: Float32Array, length: number): Float32Array {
		const staged = this.grown(buffer, length);
		staged.set(values.subarray(0, length));
		return staged;
	}
}
