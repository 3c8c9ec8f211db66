import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {jsBackend} from '../../../../source/nn/backend/js-backend.js';
import type {Parameter} from '../../../../source/nn/layer.js';
import {Adam} from '../../../../source/nn/optim/adam.js';
import {createOptimizer} from '../../../../source/nn/optim/create-optimizer.js';
import {GradientDescent} from '../../../../source/nn/optim/gd.js';
import {Momentum} from '../../../../source/nn/optim/momentum.js';
import {optimizerNames} from '../../../../source/nn/optim/optimizer.js';

function parameter(value: number[], grad: number[]): Parameter {
	return {value: Float32Array.from(value), grad: Float32Array.from(grad), backend: jsBackend};
}

function assertAllClose(actual: Float32Array, expected: readonly number[], tolerance = 1e-6): void {
	assert.equal(actual.length, expected.length);
	for (const [i, value] of expected.entries()) assert.ok(Math.abs(actual[i]! - value) <= tolerance, `[${i}]: ${actual[i]} vs ${value}`);
}

describe('gradient descent', () => {
	test('one step: w -= lr·g on every parameter', () => {
		const weights = parameter([1, -2, 0.5], [0.5, 0.25, -1]);
		const biases = parameter([0, 3], [2, 0]);
		new GradientDescent(0.1).step([weights, biases]);
		// 1 − 0.05, −2 − 0.025, 0.5 + 0.1; 0 − 0.2, 3 − 0
		assertAllClose(weights.value, [0.95, -2.025, 0.6]);
		assertAllClose(biases.value, [-0.2, 3]);
		assert.deepEqual(Array.from(weights.grad), [0.5, 0.25, -1], 'gradients are left alone');
	});
});

describe('momentum', () => {
	test('the first step is plain gradient descent: v = g, w -= lr·v', () => {
		const weights = parameter([1, -2], [0.5, -1]);
		new Momentum(0.1, 0.9).step([weights]);
		assertAllClose(weights.value, [1 - 0.1 * 0.5, -2 + 0.1 * 1]);
	});

	test('two steps: the velocity carries, v = 0.9·v + g', () => {
		const weights = parameter([1, -2], [0.5, -1]);
		const biases = parameter([0], [4]);
		const optimizer = new Momentum(0.1, 0.9);
		optimizer.step([weights, biases]);
		weights.grad.set([0.25, 0]);
		biases.grad.set([-4]);
		optimizer.step([weights, biases]);
		// weights: v1 = [0.5, −1], v2 = [0.45 + 0.25, −0.9 + 0] = [0.7, −0.9]
		// w2 = w0 − 0.1·v1 − 0.1·v2 = [1 − 0.05 − 0.07, −2 + 0.1 + 0.09]
		assertAllClose(weights.value, [0.88, -1.81]);
		// biases keep their own velocity: v1 = 4, v2 = 3.6 − 4 = −0.4; b2 = 0 − 0.4 + 0.04
		assertAllClose(biases.value, [-0.36]);
	});
});

describe('adam', () => {
	test('the first step moves every weight by ≈ lr·sign(g), whatever the size of g', () => {
		// m = 0.1·g, v = 0.001·g², m̂ = g, v̂ = g²: Δw = lr·g / (|g| + 1e-8)
		const weights = parameter([1, 1, 1, 1, 1], [1e-3, -5, 0.2, -1e-4, 0]);
		new Adam(0.01).step([weights]);
		assertAllClose(weights.value, [0.99, 1.01, 0.99, 1.01, 1], 1e-6);
	});

	test('two steps against the written-out formula', () => {
		const lr = 0.01,
			beta1 = 0.9,
			beta2 = 0.999,
			epsilon = 1e-8;
		const grads = [
			[0.3, -0.2, 1e-3],
			[-0.1, -0.4, 2e-3],
		];
		const expected = [0.5, -0.5, 2];
		const m = [0, 0, 0],
			v = [0, 0, 0];
		const weights = parameter([...expected], grads[0]!);
		const optimizer = new Adam(lr);
		grads.forEach((grad, index) => {
			const t = index + 1;
			for (let i = 0; i < 3; i++) {
				m[i] = beta1 * m[i]! + (1 - beta1) * grad[i]!;
				v[i] = beta2 * v[i]! + (1 - beta2) * grad[i]! ** 2;
				const mHat = m[i]! / (1 - beta1 ** t),
					vHat = v[i]! / (1 - beta2 ** t);
				expected[i] = expected[i]! - (lr * mHat) / (Math.sqrt(vHat) + epsilon);
			}
			weights.grad.set(grad);
			optimizer.step([weights]);
			assertAllClose(weights.value, expected, 1e-6);
		});
		// the first weight's gradient changed sign, but its momentum keeps it going down
		assert.ok(weights.value[0]! < 0.5 - 0.01);
	});

	test('its state restores exactly, and a state no run could reach is refused', () => {
		const weights = parameter([0.5, -0.5], [0.3, -0.2]);
		const adam = new Adam(0.01);
		adam.step([weights]);
		const state = adam.state();
		const restored = new Adam(0.01);
		restored.restore(state, [weights]);
		assert.deepEqual(restored.state(), state);
		const secondMoments = (state.secondMoments as Float32Array[]).map(array => array.map(value => -value));
		assert.throws(() => new Adam(0.01).restore({...state, secondMoments}, [weights]), {
			message: '"secondMoments": a second moment is never negative',
		});
		assert.throws(() => new Adam(0.01).restore({...state, steps: -1}, [weights]), {message: '"steps": expected a whole number of steps'});
	});
});

describe('createOptimizer', () => {
	test('returns the kind named, with the learning rate given', () => {
		const kinds = {gd: GradientDescent, momentum: Momentum, adam: Adam};
		for (const name of optimizerNames) {
			const optimizer = createOptimizer(name, 0.25);
			assert.equal(optimizer.name, name);
			assert.ok(optimizer instanceof kinds[name], `${name} is a ${optimizer.constructor.name}`);
			assert.equal((optimizer as GradientDescent | Momentum | Adam).learningRate, 0.25);
		}
	});

	test('the kinds really differ: one step on the same gradient', () => {
		const moved = (name: 'gd' | 'momentum' | 'adam') => {
			const weights = parameter([0], [0.5]);
			createOptimizer(name, 0.1).step([weights]);
			return weights.value[0]!;
		};
		assert.ok(Math.abs(moved('gd') + 0.05) < 1e-7);
		assert.ok(Math.abs(moved('momentum') + 0.05) < 1e-7);
		assert.ok(Math.abs(moved('adam') + 0.1) < 1e-6);
	});
});
