import type {Backend} from './backend/backend.js';
import type {Layer, Parameter} from './layer.js';

/**
 * A = max(0, Z), in place. A NaN stays NaN, so a diverging run shows in the
 * loss instead of being silently zeroed.
 */
export function relu(values: Float32Array): void {
	for (let i = 0; i < values.length; i++) if (values[i]! < 0) values[i] = 0;
}

/**
 * dZ = dA · (Z > 0), in place of dA. The mask A > 0 is the same set as the
 * tutorial's Z > 0, so Z need not be kept.
 */
export function reluGrad(grad: Float32Array, output: Float32Array): void {
	for (let i = 0; i < grad.length; i++) if (!(output[i]! > 0)) grad[i] = 0;
}

/** The hidden layers' activation, run by the backend (which computes what relu and reluGrad above do). */
export class Relu implements Layer {
	private output: Float32Array = new Float32Array(0);

	constructor(
		readonly size: number,
		private readonly backend: Backend,
	) {}

	// z: [batch, size] -> a: [batch, size] (the same buffer)
	forward(input: Float32Array, batch: number): Float32Array {
		this.output = input;
		this.backend.relu(input.subarray(0, batch * this.size));
		return input;
	}

	/** A of the last forward pass, [batch, size]: a view valid until the next pass. */
	activations(batch: number): Float32Array {
		return this.output.subarray(0, batch * this.size);
	}

	// dA: [batch, size] -> dZ: [batch, size] (the same buffer)
	backward(outputGrad: Float32Array, batch: number): Float32Array {
		const n = batch * this.size;
		this.backend.reluGrad(outputGrad.subarray(0, n), this.output.subarray(0, n));
		return outputGrad;
	}

	parameters(): readonly Parameter[] {
		return [];
	}
}
