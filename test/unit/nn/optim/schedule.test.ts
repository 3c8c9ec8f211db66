import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {type Schedule, scheduleFactor, scheduleNamed, scheduleNames} from '../../../../source/nn/optim/schedule.js';

const close = (actual: number, expected: number) => assert.ok(Math.abs(actual - expected) < 1e-12, `${actual} is not ${expected}`);

/** 4 epochs of 469 steps: the default run's length. */
const steps = 1876;

describe('learning-rate schedules', () => {
	test('constant is exactly 1 at every step', () => {
		for (const step of [0, 1, 937, 1875]) assert.equal(scheduleFactor({name: 'constant'}, step, steps), 1);
	});

	test('onecycle warms up linearly from above 0 to 1, then falls along a cosine to just above 0', () => {
		const onecycle: Schedule = {name: 'onecycle', warmup: 0.2};
		const warmupSteps = 375; // 20% of 1876, rounded
		close(scheduleFactor(onecycle, 0, steps), 1 / warmupSteps);
		close(scheduleFactor(onecycle, 186, steps), 187 / warmupSteps);
		assert.equal(scheduleFactor(onecycle, warmupSteps - 1, steps), 1, 'the warm-up ends at the peak');
		assert.equal(scheduleFactor(onecycle, warmupSteps, steps), 1, 'the decay starts there');
		// half-way down the decay: half the peak
		close(scheduleFactor(onecycle, warmupSteps + (steps - warmupSteps) / 2, steps), 0.5);
		const last = scheduleFactor(onecycle, steps - 1, steps);
		assert.ok(last > 0 && last < 1e-5, `the last step's ${last}`);
	});

	test('onecycle without a warm-up is cosine; all warm-up never decays', () => {
		for (const step of [0, 500, 1875])
			assert.equal(scheduleFactor({name: 'onecycle', warmup: 0}, step, steps), scheduleFactor({name: 'cosine'}, step, steps));
		close(scheduleFactor({name: 'onecycle', warmup: 1}, steps - 1, steps), 1);
	});

	test('cosine: 1 at the start, a half in the middle, near 0 at the end', () => {
		assert.equal(scheduleFactor({name: 'cosine'}, 0, steps), 1);
		close(scheduleFactor({name: 'cosine'}, steps / 2, steps), 0.5);
		const last = scheduleFactor({name: 'cosine'}, steps - 1, steps);
		assert.ok(last > 0 && last < 1e-5);
	});

	test('step: 1, a tenth from half the steps, a hundredth from three quarters', () => {
		const factors = [0, 937, 938, 1406, 1407, 1875].map(step => scheduleFactor({name: 'step'}, step, steps));
		assert.deepEqual(factors, [1, 1, 0.1, 0.1, 0.01, 0.01]);
	});

	test('one step only: every schedule gives it a rate above 0', () => {
		for (const name of scheduleNames) assert.ok(scheduleFactor(scheduleNamed(name), 0, 1) > 0, name);
	});
});
