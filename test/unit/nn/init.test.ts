import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {heInit} from '../../../source/nn/init.js';
import {Network} from '../../../source/nn/network.js';
import {Rng} from '../../../source/nn/rng.js';

import {mean, variance} from './statistics.js';

describe('He initialisation', () => {
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
