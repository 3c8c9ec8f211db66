import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {buildNetwork, convArchitecture} from '../../../../../source/nn/architecture.js';
import {WasmBackend} from '../../../../../source/nn/backend/wasm/wasm-backend.js';
import {convOutputs} from '../../../../../source/nn/conv2d.js';
import {type ConvGeometry, type ImageShape, imageSize} from '../../../../../source/nn/image-shape.js';
import {pooledShape} from '../../../../../source/nn/max-pool2d.js';
import {createOptimizer} from '../../../../../source/nn/optim/create-optimizer.js';
import {Rng} from '../../../../../source/nn/rng.js';
import {mnistSlice} from '../../../../helpers/mnist-slice.js';
import {on, random} from '../arrays.js';
import {assertSame, threadTeams} from './thread-teams.js';

/**
 * The convolution's kernels shared by a team of threads: the forward and the
 * input gradient cut by images, the weight gradients (direct on wide rows
 * of outputs, im2col on narrow ones) by (c, i, j), each thread with its own
 * scratch slot. Every number must come out exactly
 * as on one thread, whoever computed it.
 */
const {single, teams} = threadTeams();

/** Forward (with ReLU), dW and db, dA and the max-pool of one layer on `backend`, from operands drawn from a seed. */
function layerResults(backend: WasmBackend, batch: number, g: ConvGeometry): Record<string, Float32Array> {
	const rng = new Rng(batch * 31 + g.channels * 7 + g.filters);
	const weights = g.filters * g.channels * g.kernel * g.kernel;
	const a = on(backend, random(rng, batch * imageSize(g))),
		w = on(backend, random(rng, weights)),
		b = on(backend, random(rng, g.filters)),
		dz = on(backend, random(rng, batch * convOutputs(g)));
	const z = backend.allocate(batch * convOutputs(g));
	backend.convForward(a, w, b, z, batch, g, true);
	const dw = on(backend, random(rng, weights)),
		db = on(backend, random(rng, g.filters));
	backend.convWeightGrad(dz, a, dw, db, batch, g);
	const da = backend.allocate(batch * imageSize(g));
	backend.convInputGrad(dz, w, da, batch, g);
	return {z, dw, db, da};
}

/** The max-pool of random maps, forward and backward, on `backend`. */
function poolResults(backend: WasmBackend, batch: number, input: ImageShape): Record<string, Float32Array> {
	const rng = new Rng(batch + input.channels);
	const a = on(backend, random(rng, batch * imageSize(input)));
	const outputs = batch * imageSize(pooledShape(input));
	const pooled = backend.allocate(outputs),
		cells = backend.allocate(outputs),
		gradient = backend.allocate(a.length);
	const where = new Int32Array(cells.buffer, cells.byteOffset, outputs);
	backend.maxPoolForward(a, pooled, where, batch, input);
	backend.maxPoolBackward(on(backend, random(rng, outputs)), where, gradient, batch, input);
	return {pooled, where: new Float32Array(Float64Array.from(where)), gradient};
}

/**
 * Runs `check` (the calls and their comparison with one thread) again until
 * a partner has taken a part of them: on a busy machine a partner may wake
 * only after the caller has taken every part of a small call.
 */
function untilPartnersTakeParts(team: WasmBackend, check: () => void): void {
	const before = team.partnerParts;
	for (let attempt = 0; attempt < 50 && team.partnerParts === before; attempt++) check();
	assert.ok(team.partnerParts > before, `${team.threads} threads: the partners took parts`);
}

describe('the convolution on a team of threads', () => {
	const layers: Array<[string, ConvGeometry]> = [
		['the first layer, 1×28×28 to 8 maps of 24×24', {channels: 1, height: 28, width: 28, filters: 8, kernel: 5}],
		['the second layer, 8×12×12 to 16 maps of 8×8', {channels: 8, height: 12, width: 12, filters: 16, kernel: 5}],
		['odd sizes: 3×13×11 to 5 maps of 3×3 kernels', {channels: 3, height: 13, width: 11, filters: 5, kernel: 3}],
		['odd sizes, 21 outputs a row: 2×10×23 to 5 maps of 3×3 kernels', {channels: 2, height: 10, width: 23, filters: 5, kernel: 3}],
	];
	for (const [name, geometry] of layers) {
		test(`${name}, batch 128: forward, dW, db and dA exactly as on one thread`, () => {
			const one = layerResults(single, 128, geometry);
			for (const team of teams) {
				untilPartnersTakeParts(team, () => {
					const shared = layerResults(team, 128, geometry);
					for (const [what, values] of Object.entries(one)) assertSame(values, shared[what]!, `${team.threads} threads: ${what}`);
				});
			}
		});
	}

	test('the max-pool of 1,000 images of 8 maps of 24×24, shared by planes: values, where they came from and the gradient as on one thread', () => {
		const input = {channels: 8, height: 24, width: 24};
		const one = poolResults(single, 1000, input);
		for (const team of teams) {
			untilPartnersTakeParts(team, () => {
				const shared = poolResults(team, 1000, input);
				for (const [what, values] of Object.entries(one)) assertSame(values, shared[what]!, `${team.threads} threads: ${what}`);
			});
		}
	});

	test('6 momentum steps of the default cnn (8 and 16 filters, 128 hidden) on real MNIST: the same losses and weights on 1, 2 and 3 threads', async () => {
		const batch = 128,
			steps = 6;
		const {images, labels} = mnistSlice(batch * steps);
		const architecture = convArchitecture({channels: 1, height: 28, width: 28}, {filters: [8, 16], hidden: [128], classes: 10});
		const backends = [new WasmBackend(), new WasmBackend({threads: 2}), new WasmBackend({threads: 3})];
		await Promise.all(backends.map(backend => backend.ready()));
		const runs = backends.map(backend => {
			const network = buildNetwork(architecture, new Rng(5), backend);
			const optimizer = createOptimizer('momentum', 0.05);
			const losses: number[] = [];
			for (let step = 0; step < steps; step++) {
				network.zeroGradients();
				const x = network.inputBuffer(batch);
				x.set(images.subarray(step * batch * 784, (step + 1) * batch * 784));
				losses.push(network.trainBatch(x, labels.subarray(step * batch, (step + 1) * batch), batch, 1 / batch).loss);
				optimizer.step(network.parameters());
			}
			const parameters = network.parameters().map(parameter => Float32Array.from(parameter.value));
			const partnerParts = backend.partnerParts;
			backend.close();
			return {losses, parameters, partnerParts};
		});
		const [one, ...shared] = runs;
		assert.ok(one!.losses.at(-1)! < one!.losses[0]!, `the loss falls: ${one!.losses.join(', ')}`);
		shared.forEach((run, index) => {
			assert.ok(run.partnerParts > 0, `${index + 2} threads: the partners took parts`);
			assert.deepEqual(run.losses, one!.losses, `${index + 2} threads: losses`);
			for (const [p, values] of run.parameters.entries()) assertSame(one!.parameters[p]!, values, `${index + 2} threads, parameter ${p}`);
		});
	});
});
