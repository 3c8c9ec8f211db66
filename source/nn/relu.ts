import type {Backend} from './backend/backend.js';
import type {Layer, Parameter} from './layer.js';

/**
 * A = max(0, Z), in place. The backward pass masks with A > 0, which is the
 * same set as the tutorial's Z > 0, so Z need not be kept. A NaN stays NaN,
 * so a diverging run shows in the loss instead of being silently zeroed.
 * These loops are the reference; a backend may run the same in its kernels
 * on its own arrays.
 */
export class Relu implements Layer {
	private output: Float32Array = new Float32Array(0);

	constructor(readonly size: number, private readonly backend?: Backend) {}

	// z: [batch, size] -> a: [batch, size] (the same buffer)
	forward(input: Float32Array, batch: number): Float32Array {
		const n = batch * this.size;
		this.output = input;
		if (this.backend?.relu && this.backend.owns(input)) {
			this.backend.relu(input.subarray(0, n));
			return input;
		}
		for (let i = 0; i < n; i++) if (input[i]! < 0) input[i] = 0;
		return input;
	}

	// dA: [batch, size] -> dZ = dA * (Z > 0): [batch, size] (the same buffer)
	backward(outputGrad: Float32Array, batch: number): Float32Array {
		const n = batch * this.size;
		const output = this.output;
		if (this.backend?.reluGrad && this.backend.owns(outputGrad) && this.backend.owns(output)) {
			this.backend.reluGrad(outputGrad.subarray(0, n), output.subarray(0, n));
			return outputGrad;
		}
		for (let i = 0; i < n; i++) if (!(output[i]! > 0)) outputGrad[i] = 0;
		return outputGrad;
	}

	parameters(): readonly Parameter[] {
		return [];
	}
}
