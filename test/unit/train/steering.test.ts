import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, test} from 'node:test';
import type {OptimizerName} from '../../../source/nn/optim/optimizer.js';
import {parseCheckpoint} from '../../../source/train/checkpoint/checkpoint.js';
import {readModelFile} from '../../../source/train/checkpoint/model-store.js';
import type {TrainConfig} from '../../../source/train/config.js';
import type {ControlRequest} from '../../../source/train/controls.js';
import type {BatchProgress, ControlChange, RunDone, RunEvent} from '../../../source/train/events.js';
import {type RunControl, runTraining} from '../../../source/train/run.js';
import {temporaryFolder} from '../../helpers/paths.js';

/** 2,000 real MNIST images in 32 steps of 64 per epoch. */
const base: TrainConfig = {
	hidden: [24],
	epochs: 3,
	batchSize: 64,
	learningRate: 0.05,
	optimizer: 'momentum',
	seed: 5,
	backend: 'auto',
	classes: 'digits',
	sources: {},
	limit: 2000,
	testLimit: 400,
	threads: 1,
};

/** Changes asked for after the given number of steps of the whole run. */
type Plan = ReadonlyMap<number, readonly ControlRequest[]>;

/** Runs with the planned changes, to the end or until `stopAfterSteps` steps; returns every event. */
async function steered(config: TrainConfig, plan: Plan, stopAfterSteps = Infinity): Promise<RunEvent[]> {
	const events: RunEvent[] = [];
	let steps = 0;
	let asked = -1;
	const control: RunControl = {
		stopRequested: () => steps >= stopAfterSteps,
		requests: () => {
			if (asked === steps) return [];
			asked = steps;
			return plan.get(steps) ?? [];
		},
	};
	for await (const event of runTraining(config, control)) {
		events.push(event);
		if (event.type === 'batch') steps++;
	}
	return events;
}

const ofType = <T extends RunEvent['type']>(events: RunEvent[], type: T) =>
	events.filter((event): event is Extract<RunEvent, {type: T}> => event.type === type);
const done = (events: RunEvent[]) => events.at(-1) as RunDone;
const withoutSeconds = (done: RunDone) => done.history.map(({seconds: _s, ...epoch}) => epoch);

/** The weights, biases and optimizer state of a saved file, and the values in force, as they are written. */
function savedNumbers(path: string) {
	const file = JSON.parse(readFileSync(path, 'utf8')) as {layers: unknown; training: Record<string, unknown>};
	const {optimizerState, rng, order, controls} = file.training;
	return {layers: file.layers, optimizerState, rng, order, controls};
}

describe('steering a run', () => {
	test('a change holds from the next step, numbered as the header counts them, and across an epoch end', async () => {
		const plan: Plan = new Map([
			[5, ['lowerLearningRate']],
			[32, ['raiseMomentum', 'raiseMomentum']],
		]);
		const events = await steered({...base, epochs: 2}, plan);
		const changes = ofType(events, 'control').map(({epoch, step, setting, from, to, values}) => ({epoch, step, setting, from, to, values}));
		assert.deepEqual(changes, [
			{epoch: 1, step: 6, setting: 'learningRate', from: 0.05, to: 0.025, values: {learningRate: 0.025, momentum: 0.9}},
			{epoch: 2, step: 1, setting: 'momentum', from: 0.9, to: 0.95, values: {learningRate: 0.025, momentum: 0.95}},
			{epoch: 2, step: 1, setting: 'momentum', from: 0.95, to: 0.99, values: {learningRate: 0.025, momentum: 0.99}},
		]);
		// each control event comes right after the step it follows
		const before = (change: ControlChange) => events[events.indexOf(change) - 1];
		assert.deepEqual(
			ofType(events, 'control').map(change => before(change)?.type),
			['batch', 'batch', 'control'],
		);
	});

	test('the losses are the unsteered run’s up to the step after the change, and differ from the one after that', async () => {
		const losses = (events: RunEvent[]) => ofType(events, 'batch').map((event: BatchProgress) => event.loss);
		const plain = losses(await steered({...base, epochs: 1}, new Map()));
		const halved = losses(await steered({...base, epochs: 1}, new Map([[10, ['lowerLearningRate']]])));
		// step 11's loss is measured before its own update: the first update at the new rate is step 11's
		assert.deepEqual(halved.slice(0, 11), plain.slice(0, 11));
		assert.notEqual(halved[11], plain[11]);
	});

	test('a change at a bound, or to a momentum gd lacks, is refused with the reason and changes nothing', async () => {
		const events = await steered({...base, epochs: 1, optimizer: 'gd'}, new Map([[3, ['raiseMomentum']]]));
		assert.deepEqual(ofType(events, 'control-refused'), [{type: 'control-refused', setting: 'momentum', reason: 'gd has no momentum'}]);
		assert.deepEqual(ofType(events, 'control'), []);
	});

	test('a run steered into divergence suggests a rate below the one in force, not below --lr', async () => {
		const plan: Plan = new Map([[2, Array.from({length: 20}, () => 'raiseLearningRate' as const)]]);
		// 0.05 · 2^20 = 52,428.8: a tenth of it, to two digits
		await assert.rejects(steered({...base, epochs: 1, optimizer: 'gd'}, plan), /try a lower --lr \(for example --lr 5200\)/);
	});

	for (const optimizer of ['momentum', 'adam', 'gd'] as OptimizerName[]) {
		test(`${optimizer}: changed, stopped right after a change and resumed, bit for bit the uninterrupted run with the same changes`, async () => {
			const folder = temporaryFolder();
			const whole = join(folder, 'whole.json'),
				parts = join(folder, 'parts.json');
			const config = {...base, optimizer, learningRate: optimizer === 'adam' ? 0.002 : 0.05};
			// steps 5 and 40 (the 8th of epoch 2), the run stopped at 40: the second change is made, not yet used
			const plan: Plan = new Map([
				[5, ['raiseLearningRate']],
				[40, ['lowerLearningRate', 'lowerLearningRate', 'lowerMomentum']],
			]);
			const uninterrupted = await steered({...config, save: whole}, plan);
			const first = await steered({...config, save: parts}, plan, 40);
			assert.equal(done(first).interrupted, true);
			const checkpoint = parseCheckpoint(readModelFile(parts, '--resume').extra, parts);
			const momentum = optimizer === 'gd' ? null : 0.85;
			assert.deepEqual(checkpoint.controls, {learningRate: config.learningRate / 2, momentum}, 'the values in force are kept');

			const resumed = await steered({...config, resume: {file: parts, given: []}}, new Map());
			const start = resumed.find(event => event.type === 'start');
			assert.deepEqual(start?.type === 'start' && start.controls, {learningRate: config.learningRate / 2, momentum});
			assert.deepEqual(start?.type === 'start' && start.config.learningRate, config.learningRate, '--lr stays what it was');
			assert.deepEqual(withoutSeconds(done(resumed)), withoutSeconds(done(uninterrupted)));
			assert.deepEqual(savedNumbers(parts), savedNumbers(whole), 'the same weights, optimizer state, rng, order and values in force');
		});
	}

	test('with a onecycle schedule: the change is to the base rate, and a stopped and resumed run is bit for bit the uninterrupted one', async () => {
		const folder = temporaryFolder();
		const whole = join(folder, 'whole.json'),
			parts = join(folder, 'parts.json');
		const config: TrainConfig = {...base, learningRate: 0.2, schedule: {name: 'onecycle', warmup: 0.2}};
		const plan: Plan = new Map([[40, ['lowerLearningRate']]]);
		const uninterrupted = await steered({...config, save: whole}, plan);
		assert.deepEqual(
			ofType(uninterrupted, 'control').map(({from, to}) => [from, to]),
			[[0.2, 0.1]],
			'the base rate halves, whatever share of it the schedule uses at that step',
		);
		await steered({...config, save: parts}, plan, 50);
		const resumed = await steered({...config, resume: {file: parts, given: []}}, new Map());
		assert.deepEqual(withoutSeconds(done(resumed)), withoutSeconds(done(uninterrupted)));
		assert.deepEqual(savedNumbers(parts), savedNumbers(whole));
	});

	test('a checkpoint from before the controls resumes with its --lr and the default momentum', async () => {
		const folder = temporaryFolder();
		const old = join(folder, 'old.json');
		await steered({...base, epochs: 1, save: old}, new Map());
		const file = JSON.parse(readFileSync(old, 'utf8')) as {training: Record<string, unknown>};
		delete file.training.controls;
		const {writeFileSync} = await import('node:fs');
		writeFileSync(old, JSON.stringify(file));
		assert.equal(parseCheckpoint(readModelFile(old, '--resume').extra, old).controls, undefined);
		const resumed = await steered({...base, epochs: 2, resume: {file: old, given: ['epochs']}}, new Map());
		assert.deepEqual(resumed.find(event => event.type === 'start')?.type === 'start' && ofType(resumed, 'start')[0]?.controls, {
			learningRate: 0.05,
			momentum: 0.9,
		});
	});

	test('a damaged learning rate or momentum in force is refused, naming the field', async () => {
		const folder = temporaryFolder();
		const saved = join(folder, 'saved.json');
		await steered({...base, epochs: 1, save: saved}, new Map());
		const extra = readModelFile(saved, '--resume').extra;
		const training = extra.training as Record<string, unknown>;
		const withControls = (controls: unknown) => ({...extra, training: {...training, controls}});
		assert.throws(() => parseCheckpoint(withControls({learningRate: 0, momentum: 0.9}), saved), {
			message: `--resume ${saved}: the training state is damaged: training.controls.learningRate: expected a number above 0, at most 1000000000`,
		});
		assert.throws(() => parseCheckpoint(withControls({learningRate: 0.05, momentum: 1}), saved), {
			message: `--resume ${saved}: the training state is damaged: training.controls.momentum: expected a number from 0 to 0.99`,
		});
		assert.throws(() => parseCheckpoint(withControls('fast'), saved), {
			message: `--resume ${saved}: the training state is damaged: training.controls: expected an object`,
		});
	});
});

describe('one step while paused', () => {
	test('n trains exactly one batch and pauses again, through an epoch end too', async () => {
		let steps = 0;
		let asked = 0;
		let paused = true;
		let wake = () => {};
		let pause = new Promise<void>(resolve => (wake = resolve));
		let blocked = () => {};
		let waiting = new Promise<void>(resolve => (blocked = resolve));
		const control: RunControl = {
			whilePaused: () => (paused ? pause : undefined),
			takeStep: () => {
				if (asked > 0) {
					asked--;
					return true;
				}
				// the run is about to wait
				blocked();
				return false;
			},
		};
		const events: RunEvent[] = [];
		const running = (async () => {
			for await (const event of runTraining({...base, epochs: 2}, control)) {
				events.push(event);
				if (event.type === 'batch') steps++;
			}
		})();
		const step = async () => {
			waiting = new Promise<void>(resolve => (blocked = resolve));
			asked++;
			const woken = wake;
			pause = new Promise<void>(resolve => (wake = resolve));
			woken();
			await waiting;
		};
		await waiting;
		assert.equal(steps, 1, 'paused from the start: it stops after the first step');
		await step();
		assert.equal(steps, 2);
		for (let i = 0; i < 30; i++) await step();
		assert.equal(steps, 32);
		assert.equal(ofType(events, 'epoch').length, 0, 'the last batch of epoch 1 done, its test not yet');
		await step();
		assert.equal(steps, 33, 'one step across the epoch end: the test, then the first batch of epoch 2');
		assert.deepEqual(
			events.slice(-2).map(event => event.type),
			['epoch', 'batch'],
		);
		// resumed: on to the end
		paused = false;
		wake();
		await running;
		assert.equal(steps, 64);
	});
});
