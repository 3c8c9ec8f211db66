import type {FeatureWeights} from '../../nn/feature-weights.js';
import type {FeatureMaps, LayerWeights} from '../../nn/network.js';

/** What the network view draws: the weights, where they come from, and how the units fire on the test set. */
export interface NetworkData {
	readonly layers: readonly LayerWeights[];
	/** A convolutional network's image layers in front of `layers`; none for a dense network. */
	readonly features: readonly FeatureWeights[];
	/** "epoch 4", "initial weights", "saved model". */
	readonly source: string;
	/** Each hidden layer's mean activation over the test set, from the latest evaluation; null before one. */
	readonly activity: readonly Float32Array[] | null;
}

/** An image the view shows the units' activations for. */
export interface SelectedDigit {
	/** "test digit #1,234 (true 7)", "your drawing". */
	readonly what: string;
	/** Each hidden dense layer's activations for it. */
	readonly hidden: readonly Float32Array[];
	/** A convolutional network's maps of it: each convolution's after ReLU, each pool's. */
	readonly maps: readonly FeatureMaps[];
}
