import {type FeatureWeights, featureBuffers} from '../nn/feature-weights.js';
import type {LayerWeights, Network} from '../nn/network.js';

/** Copies of a network's numbers that a run's events carry to the views inside the network. */
export interface WeightsSnapshot {
	readonly weights: readonly LayerWeights[];
	/** The image layers of a convolutional network; absent for a dense one. */
	readonly features?: readonly FeatureWeights[];
}

export function weightsSnapshot(network: Network): WeightsSnapshot {
	const weights = network.weightsCopy();
	return network.features.length > 0 ? {weights, features: network.featureWeightsCopy()} : {weights};
}

/** The buffers of the copies an event carries, to move to another thread rather than copy again. */
export function snapshotBuffers(event: Partial<WeightsSnapshot>): ArrayBuffer[] {
	const dense = (event.weights ?? []).flatMap(layer => [layer.weights.buffer, layer.biases.buffer] as ArrayBuffer[]);
	return [...dense, ...featureBuffers(event.features ?? [])];
}
