import type {Rng} from './rng.js';

/** He initialisation: W = randn · sqrt(2 / n_(l-1)); biases stay zero. */
export function heInit(weights: Float32Array, inputs: number, rng: Rng): void {
	const scale = Math.sqrt(2 / inputs);
	for (let i = 0; i < weights.length; i++) weights[i] = rng.normal() * scale;
}
