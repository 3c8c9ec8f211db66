import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {jsBackend} from '../../../../source/nn/backend/js-backend.js';
import type {Parameter} from '../../../../source/nn/layer.js';
import {Adam} from '../../../../source/nn/optim/adam.js';
import {GradientDescent} from '../../../../source/nn/optim/gd.js';
import {Momentum} from '../../../../source/nn/optim/momentum.js';
import type {Optimizer} from '../../../../source/nn/optim/optimizer.js';

const parameter = (value: number[], grad: number[]): Parameter => ({
	value: Float32Array.from(value),
	grad: Float32Array.from(grad),
	backend: jsBackend,
});

const grads = [
	[0.3, -0.2, 1e-3],
	[-0.1, -0.4, 2e-3],
	[0.2, 0.1, -0.5],
];

/** Three steps on the same gradients; `between` runs after the first step. */
function threeSteps(optimizer: Optimizer, between: (optimizer: Optimizer) => Optimizer = same => same): Float32Array {
	const weights = parameter([0.5, -0.5, 2], grads[0]!);
	let current = optimizer;
	grads.forEach((grad, index) => {
		weights.grad.set(grad);
		current.step([weights]);
		if (index === 0) current = between(current);
	});
	return weights.value;
}

describe('changing the learning rate and momentum between steps', () => {
	test('momentum: the halved rate holds from the next step, and the velocity carries on (by hand)', () => {
		const weights = parameter([1, -2], [0.5, -1]);
		const optimizer = new Momentum(0.1, 0.9);
		optimizer.step([weights]);
		optimizer.learningRate = 0.05;
		weights.grad.set([0.25, 0]);
		optimizer.step([weights]);
		// v1 = [0.5, −1], w1 = [0.95, −1.9]; v2 = 0.9·v1 + g2 = [0.7, −0.9], w2 = w1 − 0.05·v2
		assert.deepEqual(Array.from(weights.value), [Math.fround(Math.fround(0.95) - Math.fround(0.05 * 0.7)), Math.fround(-1.9 + 0.045)]);
	});

	test('momentum: a changed μ holds from the next step (by hand)', () => {
		const weights = parameter([1], [0.5]);
		const optimizer = new Momentum(0.1, 0.9);
		optimizer.step([weights]);
		optimizer.momentum = 0.5;
		weights.grad.set([0.25]);
		optimizer.step([weights]);
		// v2 = 0.5·0.5 + 0.25 = 0.5; w2 = 0.95 − 0.05
		assert.ok(Math.abs(weights.value[0]! - 0.9) < 1e-7, String(weights.value[0]));
	});

	for (const [name, make] of [
		['gd', (lr: number) => new GradientDescent(lr)],
		['momentum', (lr: number) => new Momentum(lr)],
		['adam', (lr: number) => new Adam(lr)],
	] as const) {
		test(`${name}: a rate halved between steps is bit for bit a fresh optimizer at that rate, given the same state`, () => {
			const changed = threeSteps(make(0.02), optimizer => {
				optimizer.learningRate /= 2;
				return optimizer;
			});
			const fresh = threeSteps(make(0.02), optimizer => {
				const replacement = make(0.01);
				const weights = parameter([0, 0, 0], [0, 0, 0]);
				replacement.restore(optimizer.state(), [weights]);
				return replacement;
			});
			assert.deepEqual(changed, fresh);
			assert.notDeepEqual(changed, threeSteps(make(0.02)), 'and the change did something');
		});
	}

	test('adam: its momentum is β1, and a changed β1 is a fresh Adam with that β1, given the same state', () => {
		const adam = new Adam(0.01);
		assert.equal(adam.momentum, 0.9);
		adam.momentum = 0.8;
		assert.equal(adam.beta1, 0.8);
		const changed = threeSteps(new Adam(0.01), optimizer => {
			optimizer.momentum = 0.5;
			return optimizer;
		});
		const fresh = threeSteps(new Adam(0.01), optimizer => {
			const replacement = new Adam(0.01, 0.5);
			replacement.restore(optimizer.state(), [parameter([0, 0, 0], [0, 0, 0])]);
			return replacement;
		});
		assert.deepEqual(changed, fresh);
	});

	test('plain descent has no momentum to change', () => {
		const gd: Optimizer = new GradientDescent(0.1);
		assert.equal(gd.momentum, undefined);
	});
});
