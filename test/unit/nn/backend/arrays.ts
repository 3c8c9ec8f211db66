import type {Backend} from '../../../../source/nn/backend/backend.js';
import type {Rng} from '../../../../source/nn/rng.js';

/** `length` values drawn uniformly from [-1, 1). */
export function random(rng: Rng, length: number): Float32Array {
	const values = new Float32Array(length);
	for (let i = 0; i < length; i++) values[i] = rng.next() * 2 - 1;
	return values;
}

/** values copied into an array of the backend */
export function on(backend: Backend, values: Float32Array): Float32Array {
	const array = backend.allocate(values.length);
	array.set(values);
	return array;
}
