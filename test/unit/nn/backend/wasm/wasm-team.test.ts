import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {WasmBackend} from '../../../../../source/nn/backend/wasm/wasm-backend.js';
import {Network} from '../../../../../source/nn/network.js';
import {createOptimizer} from '../../../../../source/nn/optim/create-optimizer.js';
import {optimizerNames} from '../../../../../source/nn/optim/optimizer.js';
import {Rng} from '../../../../../source/nn/rng.js';
import {mnistSlice} from '../../../../helpers/mnist-slice.js';
import {on, random} from '../arrays.js';
import {assertSame, threadTeams} from './thread-teams.js';

/**
 * A wasm backend with partner threads cuts each product into parts that the
 * threads take in whatever order they get to them; the parts start where the
 * kernels' sums do not depend on the cut, so every number must come out
 * exactly as on one thread, whoever computed it.
 */
const {single, teams} = threadTeams();

/** Every product of one shape on `backend`, from operands drawn from a seed. */
function products(backend: WasmBackend, batch: number, inputs: number, outputs: number): Record<string, Float32Array> {
	const rng = new Rng(batch * 7919 + inputs * 31 + outputs);
	// three quarters of x zero, as in images, for the first layer's products that skip zeros
	const pixels = random(rng, batch * inputs);
	for (let i = 0; i < pixels.length; i++) if (rng.next() < 0.75) pixels[i] = 0;
	const x = on(backend, pixels),
		w = on(backend, random(rng, outputs * inputs)),
		b = on(backend, random(rng, outputs));
	const dz = on(backend, random(rng, batch * outputs)),
		dw0 = random(rng, outputs * inputs),
		db0 = random(rng, outputs);
	const results: Record<string, Float32Array> = {};
	for (const [name, kernels] of [
		['dense', backend],
		['sparse-input', backend.sparseInput],
	] as const) {
		for (const relu of [false, true]) {
			const out = on(backend, new Float32Array(batch * outputs).fill(Number.NaN));
			kernels.denseForward(x, w, b, out, batch, inputs, outputs, relu);
			results[`${name} forward${relu ? ' + ReLU' : ''}`] = Float32Array.from(out);
		}
		const dw = on(backend, dw0),
			db = on(backend, db0);
		kernels.accumulateWeightGrad(dz, x, dw, db, batch, inputs, outputs);
		results[`${name} dW`] = Float32Array.from(dw);
		results[`${name} db`] = Float32Array.from(db);
	}
	const dx = on(backend, new Float32Array(batch * inputs).fill(Number.NaN));
	backend.inputGrad(dz, w, dx, batch, inputs, outputs);
	results.dX = Float32Array.from(dx);
	return results;
}

describe('products shared among threads', () => {
	// the defaults' and the benchmark's shapes, odd ones, ones too small to share, and totals that are no multiple of a part
	const shapes: Array<[number, number, number]> = [
		[64, 784, 512],
		[128, 784, 128],
		[129, 785, 33],
		[7, 13, 5],
		[1, 1, 1],
		[3, 203, 301],
		[65, 785, 1001],
		[1000, 784, 512],
		[513, 785, 40],
	];
	for (const [batch, inputs, outputs] of shapes) {
		test(`${batch}x${inputs}x${outputs}: forward, sparse-input forward, dW and db, dX exactly as on one thread`, () => {
			const expected = products(single, batch, inputs, outputs);
			for (const team of teams) {
				const actual = products(team, batch, inputs, outputs);
				for (const [what, values] of Object.entries(expected)) assertSame(values, actual[what]!, `${team.threads} threads, ${what}`);
			}
		});
	}

	test('the finiteness check finds one NaN or Infinity in any part of 401,920 values', () => {
		for (const backend of [single, ...teams]) {
			const values = backend.allocate(401_920);
			values.fill(0.5);
			assert.equal(backend.allFinite(values), true, `${backend.threads} threads: all finite`);
			for (const [at, bad] of [
				[0, Number.NaN],
				[200_003, Number.POSITIVE_INFINITY],
				[401_919, Number.NEGATIVE_INFINITY],
			] as const) {
				values[at] = bad;
				assert.equal(backend.allFinite(values), false, `${backend.threads} threads: ${bad} at ${at}`);
				values[at] = 0.5;
			}
			assert.equal(backend.allFinite(values), true, `${backend.threads} threads: all finite again`);
		}
	});

	test('clearing gradients zeroes every value of odd lengths and nothing beside them', () => {
		for (const backend of [single, ...teams]) {
			for (const length of [1, 15, 17, 401_413]) {
				const around = backend.allocate(length + 8);
				around.fill(7);
				const values = around.subarray(4, 4 + length);
				backend.fillZero(values);
				assert.ok(
					values.every(value => value === 0),
					`${backend.threads} threads, length ${length}: all zero`,
				);
				assert.deepEqual(
					[...around.subarray(0, 4), ...around.subarray(4 + length)],
					Array(8).fill(7),
					`${backend.threads} threads, length ${length}: neighbours kept`,
				);
			}
		}
	});

	test('packing a batch of 50 shuffled images of 785 bytes, shared in parts: every pixel exactly pixel / 255, and nothing beyond the batch', () => {
		const size = 785;
		const rng = new Rng(5);
		// a quarter of the bytes inked, so parts meet blank and inked steps of 16 pixels alike
		const images = Uint8Array.from({length: 60 * size}, () => (rng.next() < 0.25 ? Math.floor(rng.next() * 256) : 0));
		const order = Uint32Array.from({length: 60}, (_, i) => (i * 37) % 60);
		for (const backend of [single, ...teams]) {
			const out = backend.allocate(51 * size).fill(Number.NaN);
			backend.packPixels(images, order, 3, 50, size, out);
			for (let r = 0; r < 50; r++) {
				const from = order[3 + r]! * size;
				for (let p = 0; p < size; p++) {
					const value = out[r * size + p]!;
					if (value !== Math.fround(images[from + p]! / 255)) assert.fail(`${backend.threads} threads: row ${r} pixel ${p}: ${value}`);
				}
			}
			assert.ok(
				out.subarray(50 * size).every(value => Number.isNaN(value)),
				`${backend.threads} threads: past the batch untouched`,
			);
		}
	});

	test('the partners took parts of the work', () => {
		for (const team of teams) assert.ok(team.partnerParts > 0, `${team.threads} threads: the partners did no part`);
	});
});

describe('training with threads', () => {
	const batch = 64,
		steps = 6;
	const {images, labels} = mnistSlice(batch * steps);
	const learningRates = {gd: 0.1, momentum: 0.05, adam: 0.002};
	for (const name of optimizerNames) {
		test(`${steps} ${name} steps of 784-256-10 on real MNIST: the same losses and weights on 1, 2 and 3 threads`, () => {
			const runs = [single, ...teams].map(() => ({losses: [] as number[], parameters: [] as Float32Array[]}));
			[new WasmBackend(), new WasmBackend({threads: 2}), new WasmBackend({threads: 3})].forEach((backend, run) => {
				const network = Network.create([784, 256, 10], new Rng(5), backend);
				const optimizer = createOptimizer(name, learningRates[name]);
				for (let step = 0; step < steps; step++) {
					network.zeroGradients();
					const x = network.inputBuffer(batch);
					x.set(images.subarray(step * batch * 784, (step + 1) * batch * 784));
					runs[run]!.losses.push(network.trainBatch(x, labels.subarray(step * batch, (step + 1) * batch), batch, 1 / batch).loss);
					optimizer.step(network.parameters());
				}
				runs[run]!.parameters = network.parameters().map(parameter => Float32Array.from(parameter.value));
				backend.close();
			});
			const [one, ...shared] = runs;
			assert.ok(one!.losses.at(-1)! < one!.losses[0]!, `the loss falls: ${one!.losses.join(', ')}`);
			shared.forEach((run, index) => {
				assert.deepEqual(run.losses, one!.losses, `${index + 2} threads: losses`);
				for (const [p, values] of run.parameters.entries()) assertSame(one!.parameters[p]!, values, `${index + 2} threads, parameter ${p}`);
			});
		});
	}

	test('an adaptive team (--threads auto), alone at first, then sharing while it pays: the same losses and weights as one thread', async () => {
		const steps = 24;
		const {images, labels} = mnistSlice(batch * steps);
		const adaptive = new WasmBackend({threads: 2, adaptive: true});
		await adaptive.ready();
		const runs = [new WasmBackend(), adaptive].map(backend => {
			const network = Network.create([784, 256, 10], new Rng(5), backend);
			const optimizer = createOptimizer('momentum', 0.05);
			const losses: number[] = [];
			for (let step = 0; step < steps; step++) {
				network.zeroGradients();
				const x = network.inputBuffer(batch);
				x.set(images.subarray(step * batch * 784, (step + 1) * batch * 784));
				losses.push(network.trainBatch(x, labels.subarray(step * batch, (step + 1) * batch), batch, 1 / batch).loss);
				optimizer.step(network.parameters());
			}
			return {losses, parameters: network.parameters().map(parameter => Float32Array.from(parameter.value))};
		});
		adaptive.close();
		assert.deepEqual(runs[1]!.losses, runs[0]!.losses, 'losses');
		for (const [p, values] of runs[1]!.parameters.entries()) assertSame(runs[0]!.parameters[p]!, values, `parameter ${p}`);
	});

	test('after close, products run on the calling thread with the same numbers', () => {
		const backend = new WasmBackend({threads: 2});
		backend.close();
		assert.equal(backend.threads, 1);
		const expected = products(single, 64, 784, 512),
			actual = products(backend, 64, 784, 512);
		for (const [what, values] of Object.entries(expected)) assertSame(values, actual[what]!, what);
	});
});
