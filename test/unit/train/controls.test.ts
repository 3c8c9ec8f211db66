import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {applyRequest, type ControlValues, formatSetting, startingControls} from '../../../source/train/controls.js';

const momentum: ControlValues = {learningRate: 0.05, momentum: 0.9};

describe('control requests', () => {
	test('+ doubles and - halves the learning rate; the momentum stays', () => {
		assert.deepEqual(applyRequest(momentum, 'raiseLearningRate', 'momentum'), {
			kind: 'changed',
			setting: 'learningRate',
			from: 0.05,
			to: 0.1,
			values: {learningRate: 0.1, momentum: 0.9},
		});
		assert.deepEqual(applyRequest(momentum, 'lowerLearningRate', 'momentum'), {
			kind: 'changed',
			setting: 'learningRate',
			from: 0.05,
			to: 0.025,
			values: {learningRate: 0.025, momentum: 0.9},
		});
	});

	test('halving and doubling again gives back the same rate exactly', () => {
		let values = momentum;
		for (const request of ['lowerLearningRate', 'lowerLearningRate', 'raiseLearningRate', 'raiseLearningRate'] as const) {
			const outcome = applyRequest(values, request, 'momentum');
			assert.equal(outcome.kind, 'changed');
			if (outcome.kind === 'changed') values = outcome.values;
		}
		assert.equal(values.learningRate, 0.05);
	});

	test('the learning rate keeps within the range --lr takes: at most 1e9, above 0', () => {
		assert.deepEqual(applyRequest({learningRate: 6e8, momentum: null}, 'raiseLearningRate', 'gd'), {
			kind: 'refused',
			setting: 'learningRate',
			reason: 'lr stays 600000000: it may be at most 1000000000',
		});
		assert.equal(applyRequest({learningRate: 5e8, momentum: null}, 'raiseLearningRate', 'gd').kind, 'changed');
		assert.deepEqual(applyRequest({learningRate: Number.MIN_VALUE, momentum: null}, 'lowerLearningRate', 'gd'), {
			kind: 'refused',
			setting: 'learningRate',
			reason: 'lr stays 5e-324: it must stay above 0',
		});
	});

	test('] and [ move the momentum in steps of 0.05, within 0 and 0.99', () => {
		const raised = applyRequest(momentum, 'raiseMomentum', 'momentum');
		assert.deepEqual(raised, {kind: 'changed', setting: 'momentum', from: 0.9, to: 0.95, values: {learningRate: 0.05, momentum: 0.95}});
		const top = applyRequest({learningRate: 0.05, momentum: 0.95}, 'raiseMomentum', 'momentum');
		assert.equal(top.kind === 'changed' && top.to, 0.99);
		assert.deepEqual(applyRequest({learningRate: 0.05, momentum: 0.99}, 'raiseMomentum', 'momentum'), {
			kind: 'refused',
			setting: 'momentum',
			reason: 'momentum stays 0.99: it may be at most 0.99',
		});
		const back = applyRequest({learningRate: 0.05, momentum: 0.99}, 'lowerMomentum', 'momentum');
		assert.equal(back.kind === 'changed' && back.to, 0.95, 'back on the steps: ] then [ returns to where it was');
		const lowered = applyRequest({learningRate: 0.05, momentum: 0.05}, 'lowerMomentum', 'momentum');
		assert.equal(lowered.kind === 'changed' && lowered.to, 0);
		assert.deepEqual(applyRequest({learningRate: 0.05, momentum: 0}, 'lowerMomentum', 'adam'), {
			kind: 'refused',
			setting: 'momentum',
			reason: 'beta1 stays 0: it may be no lower than 0',
		});
	});

	test('from 0 up and back down: the same steps, each said in two decimals at most', () => {
		const walk = (from: number, request: 'raiseMomentum' | 'lowerMomentum') => {
			const seen = [from];
			for (let outcome = applyRequest({learningRate: 0.05, momentum: from}, request, 'momentum'); outcome.kind === 'changed'; ) {
				seen.push(outcome.to);
				outcome = applyRequest(outcome.values, request, 'momentum');
			}
			return seen;
		};
		const up = walk(0, 'raiseMomentum');
		assert.deepEqual(up.map(String), [...Array.from({length: 20}, (_, i) => String((i * 5) / 100)), '0.99']);
		assert.deepEqual(walk(0.99, 'lowerMomentum'), up.slice().reverse());
	});

	test('plain gradient descent has no momentum to move', () => {
		assert.deepEqual(applyRequest({learningRate: 0.5, momentum: null}, 'raiseMomentum', 'gd'), {
			kind: 'refused',
			setting: 'momentum',
			reason: 'gd has no momentum',
		});
	});

	test('a run starts with --lr and the optimizer’s own momentum', () => {
		assert.deepEqual(startingControls('gd', 0.5), {learningRate: 0.5, momentum: null});
		assert.deepEqual(startingControls('momentum', 0.05), {learningRate: 0.05, momentum: 0.9});
		assert.deepEqual(startingControls('adam', 0.001), {learningRate: 0.001, momentum: 0.9});
	});

	test('the screen shows four significant digits at most', () => {
		assert.deepEqual([0.05 / 2 ** 10, 0.0125, 1e-7 / 3, 600].map(formatSetting), ['0.00004883', '0.0125', '3.333e-8', '600']);
	});
});
