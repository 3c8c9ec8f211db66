import type {Backend} from '../source/nn/backend/backend.js';
import {convOutputs} from '../source/nn/conv2d.js';
import {type ConvGeometry, imageSize} from '../source/nn/image-shape.js';
import {pooledShape} from '../source/nn/max-pool2d.js';
import {Rng} from '../source/nn/rng.js';

/** GFLOP/s of a convolution's three kernels (2 per multiply-add of the loops), and the max-pool's ms per call on its output. */
export interface ConvRates {
	readonly forward: number;
	readonly weightGrad: number;
	readonly inputGrad: number;
	/** ms of one forward and one backward max-pool of the convolution's output. */
	readonly poolMs: number;
}

/** Multiply-adds of one image through the convolution (each of its three kernels does as many). */
export const convMultiplyAdds = (g: ConvGeometry): number => convOutputs(g) * g.channels * g.kernel * g.kernel;

/**
 * Each kernel of one convolution on `backend`, repeated for at least
 * `seconds`, the best of `rounds` runs (the least disturbed on a shared
 * machine), on random operands.
 */
export function timeConvolution(backend: Backend, g: ConvGeometry, batch: number, seconds: number, rounds = 3): ConvRates {
	const rng = new Rng(batch + g.channels + g.filters);
	const random = (length: number) => {
		const array = backend.allocate(length);
		for (let i = 0; i < length; i++) array[i] = rng.next() * 2 - 1;
		return array;
	};
	const weights = g.filters * g.channels * g.kernel * g.kernel;
	const a = random(batch * imageSize(g)),
		w = random(weights),
		b = random(g.filters),
		dz = random(batch * convOutputs(g));
	const z = backend.allocate(batch * convOutputs(g)),
		dw = backend.allocate(weights),
		db = backend.allocate(g.filters),
		da = backend.allocate(batch * imageSize(g));
	const output = {channels: g.filters, height: g.height - g.kernel + 1, width: g.width - g.kernel + 1};
	const pooled = batch * imageSize(pooledShape(output));
	const pooledValues = backend.allocate(pooled),
		cells = backend.allocate(pooled),
		where = new Int32Array(cells.buffer, cells.byteOffset, pooled);
	const perSecond = (call: () => void): number => {
		call();
		let best = 0;
		for (let round = 0; round < rounds; round++) {
			let calls = 0,
				elapsed = 0;
			const started = performance.now();
			do {
				call();
				calls++;
				elapsed = (performance.now() - started) / 1000;
			} while (elapsed < seconds);
			best = Math.max(best, calls / elapsed);
		}
		return best;
	};
	const gflop = (2 * batch * convMultiplyAdds(g)) / 1e9;
	return {
		forward: gflop * perSecond(() => backend.convForward(a, w, b, z, batch, g, true)),
		weightGrad: gflop * perSecond(() => backend.convWeightGrad(dz, a, dw, db, batch, g)),
		inputGrad: gflop * perSecond(() => backend.convInputGrad(dz, w, da, batch, g)),
		poolMs:
			1000 /
			perSecond(() => {
				backend.maxPoolForward(z, pooledValues, where, batch, output);
				backend.maxPoolBackward(pooledValues, where, z, batch, output);
			}),
	};
}
