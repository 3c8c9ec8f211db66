import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {heInit} from '../../../source/nn/init.js';
import {Network} from '../../../source/nn/network.js';
import {createOptimizer} from '../../../source/nn/optim/create-optimizer.js';
import {optimizerNames} from '../../../source/nn/optim/optimizer.js';
import {Rng} from '../../../source/nn/rng.js';
import {mnistSlice} from '../../helpers/mnist-slice.js';

/** The first MNIST training image as pixel / 255, and its label. */
function firstImage(): {image: Float32Array; label: number} {
	const {images, labels} = mnistSlice(1);
	return {image: images, label: labels[0]!};
}

function mean(values: ArrayLike<number>): number {
	let sum = 0;
	for (let i = 0; i < values.length; i++) sum += values[i]!;
	return sum / values.length;
}

function variance(values: ArrayLike<number>): number {
	const center = mean(values);
	let sum = 0;
	for (let i = 0; i < values.length; i++) sum += (values[i]! - center) ** 2;
	return sum / values.length;
}

describe('training', () => {
	const {image, label} = firstImage();

	for (const name of optimizerNames) {
		test(`one ${name} step raises the true-class probability of the image`, () => {
			const network = Network.create([784, 32, 10], new Rng(7));
			const before = network.predict(image, 1)[label]!;
			network.zeroGradients();
			network.trainBatch(image, [label], 1, 1);
			createOptimizer(name, 0.01).step(network.parameters());
			const after = network.predict(image, 1)[label]!;
			assert.ok(after > before, `p(${label}) went from ${before} to ${after}`);
			assert.ok(after < 1);
		});
	}

	test('the same seed gives identical initial weights, another seed different ones', () => {
		const weights = (seed: number) =>
			Network.create([784, 16, 10], new Rng(seed))
				.parameters()
				.map(p => Array.from(p.value));
		assert.deepEqual(weights(3), weights(3));
		const [a, b] = [weights(3), weights(4)];
		assert.notDeepEqual(a[0], b[0]);
		assert.notDeepEqual(a[2], b[2]);
	});

	test('He initialisation of 784 → 256: mean ≈ 0, std ≈ sqrt(2/784), biases zero', () => {
		const network = Network.create([784, 256, 10], new Rng(99));
		const [hidden, output] = network.dense;
		const weights = hidden!.weights;
		assert.equal(weights.length, 256 * 784);
		const expectedStd = Math.sqrt(2 / 784);
		// over 200,704 draws the sample mean is within 1e-4 of 0 (one standard error) most of the time
		assert.ok(Math.abs(mean(weights)) < (5 * expectedStd) / Math.sqrt(weights.length), `mean ${mean(weights)}`);
		const std = Math.sqrt(variance(weights));
		assert.ok(Math.abs(std / expectedStd - 1) < 0.02, `std ${std} vs ${expectedStd}`);
		const outputStd = Math.sqrt(variance(output!.weights));
		assert.ok(Math.abs(outputStd / Math.sqrt(2 / 256) - 1) < 0.1, `output std ${outputStd}`);
		assert.ok(hidden!.biases.every(value => value === 0) && output!.biases.every(value => value === 0));
	});

	test('heInit scales by the fan-in, not the fan-out', () => {
		const wide = new Float32Array(20_000),
			narrow = new Float32Array(20_000);
		heInit(wide, 800, new Rng(5));
		heInit(narrow, 8, new Rng(5));
		// the same normal draws: only the scale sqrt(2/n) differs, by sqrt(100)
		for (let i = 0; i < 100; i++) assert.ok(Math.abs(narrow[i]! - 10 * wide[i]!) <= 1e-6 * Math.abs(narrow[i]!));
		assert.ok(Math.abs(Math.sqrt(variance(narrow)) / 0.5 - 1) < 0.03);
	});
});

describe('Rng', () => {
	const draw = (rng: Rng, count: number) => Array.from({length: count}, () => rng.nextUint32());

	test('the same seed gives the same sequence, different seeds different ones', () => {
		assert.deepEqual(draw(new Rng(1), 1000), draw(new Rng(1), 1000));
		assert.notDeepEqual(draw(new Rng(1), 10), draw(new Rng(2), 10));
		// seed 0 is as good as any: no stuck all-zero state
		assert.ok(new Set(draw(new Rng(0), 100)).size === 100);
	});

	test('state and fromState continue the same sequence', () => {
		const rng = new Rng(123);
		draw(rng, 57);
		const copy = Rng.fromState(rng.state);
		assert.deepEqual(draw(copy, 500), draw(rng, 500));
		assert.deepEqual(
			Array.from({length: 50}, () => copy.int(1000)),
			Array.from({length: 50}, () => rng.int(1000)),
		);
		assert.equal(rng.state.length, 4);
	});

	test('next is in [0, 1) and int(n) in [0, n), covering all of it', () => {
		const rng = new Rng(8);
		const seen = new Set<number>();
		for (let i = 0; i < 10_000; i++) {
			const u = rng.next();
			assert.ok(u >= 0 && u < 1);
			const k = rng.int(7);
			assert.ok(Number.isInteger(k) && k >= 0 && k < 7);
			seen.add(k);
		}
		assert.equal(seen.size, 7);
	});

	test('shuffle is a permutation, and not the identity', () => {
		const values = Uint32Array.from({length: 1000}, (_, i) => i);
		new Rng(9).shuffle(values);
		assert.deepEqual(
			Array.from(values).sort((a, b) => a - b),
			Array.from({length: 1000}, (_, i) => i),
		);
		assert.ok(values.some((value, i) => value !== i));
		const again = Uint32Array.from({length: 1000}, (_, i) => i);
		new Rng(9).shuffle(again);
		assert.deepEqual(again, values, 'the same seed shuffles the same way');
	});

	test('shuffle makes all 6 orders of 3 values about equally often', () => {
		const rng = new Rng(11);
		const counts = new Map<string, number>();
		for (let trial = 0; trial < 6000; trial++) {
			const values = Uint32Array.of(0, 1, 2);
			rng.shuffle(values);
			counts.set(values.join(''), (counts.get(values.join('')) ?? 0) + 1);
		}
		assert.equal(counts.size, 6, [...counts.keys()].join(' '));
		// 1000 expected each, standard deviation ≈ 29
		for (const [order, count] of counts) assert.ok(Math.abs(count - 1000) < 150, `${order}: ${count}`);
	});

	test('normal() has mean ≈ 0 and variance ≈ 1 over 100k draws', () => {
		const rng = new Rng(10);
		const values = Float64Array.from({length: 100_000}, () => rng.normal());
		// standard errors: 0.003 for the mean, 0.0045 for the variance
		assert.ok(Math.abs(mean(values)) < 0.015, `mean ${mean(values)}`);
		assert.ok(Math.abs(variance(values) - 1) < 0.025, `variance ${variance(values)}`);
		assert.ok(values.every(Number.isFinite));
		// roughly 68% within one standard deviation
		const within = values.filter(value => Math.abs(value) < 1).length / values.length;
		assert.ok(Math.abs(within - 0.6827) < 0.01, `within 1σ: ${within}`);
	});
});
