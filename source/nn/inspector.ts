import {jsBackend} from './backend/js-backend.js';
import {Dense} from './dense.js';
import {type FeatureWeights, featureLayersOf} from './feature-weights.js';
import {type FeatureMaps, type LayerWeights, Network} from './network.js';

/** What a network makes of one image: every hidden unit's activation and the class probabilities. */
export interface Reading {
	/** A_1 … A_(L-1), one array of units per hidden dense layer. */
	readonly hidden: readonly Float32Array[];
	/** A convolutional network's maps of the image, each convolution's (after ReLU) and each pool's; none for a dense network. */
	readonly maps: readonly FeatureMaps[];
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

	/** `features`: the image layers in front of the dense ones, for a convolutional network. */
	constructor(layers: readonly LayerWeights[], features: readonly FeatureWeights[] = []) {
		const dense = layers.map(
			({inputs, outputs, weights, biases}) => new Dense(inputs, outputs, {backend: jsBackend, inputGradient: true, weights, biases}),
		);
		this.network = new Network(dense, featureLayersOf(features, jsBackend));
		this.input = this.network.inputBuffer(1);
	}

	/** [inputs, hidden…, classes] */
	get sizes(): number[] {
		return this.network.sizes;
	}

	read(input: ArrayLike<number>): Reading {
		this.input.set(input);
		const probabilities = this.network.predict(this.input, 1).slice(0, this.network.classes);
		const hidden = this.network.hiddenActivations(1).map(units => units.slice());
		const maps = this.network.featureActivations(1).map(({kind, shape, values}) => ({kind, shape, values: values.slice()}));
		return {hidden, maps, probabilities};
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
