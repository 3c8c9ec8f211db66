import type {Backend} from '../source/nn/backend/backend.js';
import {forwardLoops, inputGradLoops, weightGradLoops} from '../source/nn/dense.js';
import {Rng} from '../source/nn/rng.js';

/** The three products of a dense layer, as a backend runs them. */
export interface Products {
	readonly name: string;
	allocate(length: number): Float32Array;
	forward(x: Float32Array, w: Float32Array, b: Float32Array, out: Float32Array, batch: number, inputs: number, outputs: number): void;
	weightGrad(dz: Float32Array, x: Float32Array, dw: Float32Array, db: Float32Array, batch: number, inputs: number, outputs: number): void;
	inputGrad(dz: Float32Array, w: Float32Array, dx: Float32Array, batch: number, inputs: number, outputs: number): void;
}

/** A backend's products; with `pixels`, its first layer's (which may skip the zeros of x). */
export function backendProducts(backend: Backend, pixels = false): Products {
	const first = pixels ? backend.sparseInput : backend;
	return {
		name: backend.name,
		allocate: length => backend.allocate(length),
		forward: (x, w, b, out, batch, inputs, outputs) => first.denseForward(x, w, b, out, batch, inputs, outputs, false),
		weightGrad: (dz, x, dw, db, batch, inputs, outputs) => first.accumulateWeightGrad(dz, x, dw, db, batch, inputs, outputs),
		inputGrad: (dz, w, dx, batch, inputs, outputs) => backend.inputGrad(dz, w, dx, batch, inputs, outputs),
	};
}

/** The engine's reference loops (nn/dense.ts): one dot product per result. */
export const referenceProducts: Products = {
	name: 'reference',
	allocate: length => new Float32Array(length),
	forward: forwardLoops,
	weightGrad: weightGradLoops,
	inputGrad: inputGradLoops,
};

export interface KernelRates {
	/** GFLOP/s, 2·batch·inputs·outputs per call. */
	readonly forward: number;
	readonly weightGrad: number;
	readonly inputGrad: number;
}

/**
 * GFLOP/s of each product on one shape: calls repeated for at least
 * `seconds`, the best of `rounds` such runs (on a shared machine the best is
 * the least disturbed). Operands are random, as dense as real activations,
 * except x when `pixels` ([batch, inputs], e.g. MNIST images) is given;
 * the rate counts every multiply-add of the dense product, skipped or not.
 */
export function timeProducts(
	products: Products,
	batch: number,
	inputs: number,
	outputs: number,
	seconds: number,
	pixels?: Float32Array,
	rounds = 3,
): KernelRates {
	const rng = new Rng(batch + inputs + outputs);
	const random = (length: number) => {
		const array = products.allocate(length);
		for (let i = 0; i < length; i++) array[i] = rng.next() * 2 - 1;
		return array;
	};
	const x = random(batch * inputs);
	if (pixels) x.set(pixels.subarray(0, batch * inputs));
	const w = random(outputs * inputs),
		b = random(outputs),
		dz = random(batch * outputs);
	const out = products.allocate(batch * outputs),
		dw = products.allocate(outputs * inputs),
		db = products.allocate(outputs);
	const dx = products.allocate(batch * inputs);
	const flop = 2 * batch * inputs * outputs;
	const rate = (call: () => void): number => {
		call();
		let best = 0;
		for (let round = 0; round < rounds; round++) {
			let calls = 0;
			const started = performance.now();
			let elapsed = 0;
			do {
				call();
				calls++;
				elapsed = (performance.now() - started) / 1000;
			} while (elapsed < seconds);
			best = Math.max(best, (flop * calls) / elapsed / 1e9);
		}
		return best;
	};
	return {
		forward: rate(() => products.forward(x, w, b, out, batch, inputs, outputs)),
		// accumulating into dw again and again only grows it; the values do not matter here
		weightGrad: rate(() => products.weightGrad(dz, x, dw, db, batch, inputs, outputs)),
		inputGrad: rate(() => products.inputGrad(dz, w, dx, batch, inputs, outputs)),
	};
}
