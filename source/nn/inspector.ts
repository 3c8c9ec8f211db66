import {jsBackend} from './backend/js-backend.js';
import {Dense} from './dense.js';
import {type LayerWeights, Network} from './network.js';

/** What a network makes of one image: every hidden unit's activation and the class probabilities. */
export interface Reading {
	/** A_1 … A_(L-1), one array of units per hidden layer. */
	readonly hidden: readonly Float32Array[];
	readonly probabilities: Float32Array;
}

/**
 * A copy of a network to look inside, one image at a time, on plain
 * JavaScript beside the one that trains: what each hidden unit does with an
 * image, and which pixels pushed a class's score up or down. Inputs are in
 * the network's units (pixel / 255).
 */
export class Inspector {
	private readonly network: Network;
	private readonly input: Float32Array;

	constructor(layers: readonly LayerWeights[]) {
		const dense = layers.map(
			({inputs, outputs, weights, biases}) => new Dense(inputs, outputs, {backend: jsBackend, inputGradient: true, weights, biases}),
		);
		this.network = new Network(dense);
		this.input = this.network.inputBuffer(1);
	}

	/** [inputs, hidden…, classes] */
	get sizes(): number[] {
		return this.network.sizes;
	}

	/** The first layer's weights, [units, inputs] row-major: unit u's incoming weights are a picture of the input. */
	get firstWeights(): Float32Array {
		return this.network.dense[0]!.weights;
	}

	read(input: ArrayLike<number>): Reading {
		this.input.set(input);
		const probabilities = this.network.predict(this.input, 1).slice(0, this.network.classes);
		return {hidden: this.network.hiddenActivations(1).map(units => units.slice()), probabilities};
	}

	/**
	 * Each input's contribution to class `cls`'s score (Z_L, before softmax):
	 * input × ∂z/∂input, gradient times input. Positive pushed the class up,
	 * negative pushed it down; a blank pixel contributes nothing.
	 */
	contributions(input: ArrayLike<number>, cls: number): Float32Array {
		this.input.set(input);
		const gradient = this.network.scoreGradient(this.input, cls);
		return Float32Array.from(gradient, (value, i) => value * input[i]!);
	}
}

/** A test image's pixels (0-255) in the network's units. */
export const scaledPixels = (pixels: ArrayLike<number>): Float32Array => Float32Array.from(pixels, value => value / 255);
