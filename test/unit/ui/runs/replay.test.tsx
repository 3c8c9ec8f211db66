import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {jsonLines} from '../../../../source/output/json-lines.js';
import {lastRun} from '../../../../source/runs/run-log.js';
import type {TrainConfig} from '../../../../source/train/config.js';
import type {FromWorker} from '../../../../source/train/worker/protocol.js';
import {startTrainingWorker, type TrainingWorker} from '../../../../source/train/worker/worker-host.js';
import {Dashboard} from '../../../../source/ui/dashboard/dashboard.js';
import {type DashboardState, dashboardReducer, initialDashboard} from '../../../../source/ui/dashboard/dashboard-state.js';
import {loggedElapsed, replaySteps} from '../../../../source/ui/runs/replay-steps.js';
import {frameOf, withSettings} from '../frame.js';

type Event = Exclude<FromWorker, {type: 'failure'}>;

/**
 * A real run on a slice of MNIST, through the worker, as the live dashboard
 * receives it (probes included); `steer` may send the worker changes.
 */
function liveRun(config: TrainConfig, steer?: (event: Event, worker: TrainingWorker) => void): Promise<Event[]> {
	return new Promise((resolve, reject) => {
		const events: Event[] = [];
		const worker = startTrainingWorker(
			config,
			{
				onEvent: event => {
					events.push(event);
					steer?.(event, worker);
				},
				onError: reject,
				onExit: () => resolve(events),
			},
			{probe: {images: 200, everyMs: 0}},
		);
	});
}

const replayed = (log: readonly string[]) =>
	replaySteps(lastRun('run.jsonl', log))
		.map(step => step.action)
		.reduce(dashboardReducer, initialDashboard);

const config: TrainConfig = {
	hidden: [16],
	epochs: 3,
	batchSize: 32,
	learningRate: 0.05,
	optimizer: 'momentum',
	seed: 1,
	backend: 'js',
	classes: 'digits',
	sources: {},
	limit: 1000,
	testLimit: 300,
};

const frame = (state: DashboardState, columns: number, rows: number) =>
	frameOf(withSettings(<Dashboard state={state} columns={columns} rows={rows} now={0} startedAt={0} keyHint="p pause · ? help · q quit" />))
		.frame;

describe('replay', () => {
	test("a logged run replayed ends on the live run's last dashboard frame", async () => {
		const events = await liveRun(config);
		const live = events.reduce(dashboardReducer, initialDashboard);
		const toLine = jsonLines();
		const log = events.flatMap(event => toLine(event) ?? []);
		assert.deepEqual(
			log.map(line => JSON.parse(line).event),
			['start', 'epoch', 'epoch', 'epoch', 'done'],
		);
		const replay = replayed(log);
		assert.equal(replay.phase, 'done');
		for (const [columns, rows] of [
			[80, 24],
			[100, 30],
			[140, 45],
		] as const) {
			const expected = frame(live, columns, rows);
			assert.match(expected, /Done {2}Epoch 3\/3/);
			assert.equal(frame(replay, columns, rows), expected, `${columns}x${rows}`);
		}
	});

	test('a run steered from the dashboard and stopped by --patience replays with its changes and its reason', async () => {
		// a seeded case whose test loss turns after a few epochs: --patience 3 stops it before its 20
		const stopping: TrainConfig = {...config, hidden: [64], learningRate: 0.1, epochs: 20, testLimit: 500, patience: 3};
		let steered = false;
		const events = await liveRun(stopping, (event, worker) => {
			if (event.type === 'progress' && event.epoch === 3 && !steered) {
				steered = true;
				worker.control('lowerMomentum');
			}
		});
		const live = events.reduce(dashboardReducer, initialDashboard);
		const toLine = jsonLines();
		const log = events.flatMap(event => toLine(event) ?? []);
		const kinds = log.map(line => JSON.parse(line).event);
		assert.equal(kinds.filter(kind => kind === 'control').length, 1);
		const done = JSON.parse(log.at(-1)!);
		assert.equal(done.stopped, 'patience');
		const replay = replayed(log);
		assert.deepEqual(replay.controls, live.controls);
		assert.equal(replay.controls?.momentum, 0.85);
		const expected = frame(live, 120, 40);
		assert.match(expected, /μ 0\.85\*/);
		assert.match(expected, /stopped after epoch \d+/);
		assert.equal(frame(replay, 120, 40), expected);
	});

	test('a log without epoch confusion matrices shows the done matrix at the end, and the logged time as the clock', async () => {
		const events = await liveRun({...config, epochs: 2});
		const toLine = jsonLines();
		const old = events.flatMap(event => {
			const line = toLine(event);
			if (line === undefined) return [];
			const {confusion: _confusion, stepLosses: _stepLosses, ...fields} = JSON.parse(line);
			return [JSON.stringify(fields.event === 'epoch' ? fields : JSON.parse(line))];
		});
		const run = lastRun('old.jsonl', old);
		assert.equal(run.epochs[0]!.confusion, null);
		const states: DashboardState[] = [];
		replaySteps(run).reduce((state, step) => {
			const next = dashboardReducer(state, step.action);
			states.push(next);
			return next;
		}, initialDashboard);
		const afterFirst = states.find(state => state.epochCount === 1)!;
		assert.equal(afterFirst.confusion, null, 'no matrix before the log has one');
		const last = states.at(-1)!;
		assert.deepEqual(last.confusion, run.done!.confusion);
		assert.equal(last.confusionSource, 'epoch 2');
		assert.equal(loggedElapsed(last), run.epochs[0]!.seconds + run.epochs[1]!.seconds);
	});
});
