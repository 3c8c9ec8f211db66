import assert from 'node:assert/strict';
import {afterEach, describe, test} from 'node:test';
import {render} from 'ink-testing-library';
import stripAnsi from 'strip-ansi';
import {lastRun} from '../../../../source/runs/run-log.js';
import {createDashboardStore} from '../../../../source/ui/dashboard/dashboard-store.js';
import {ReplayApp} from '../../../../source/ui/runs/replay-app.js';
import {replaySteps} from '../../../../source/ui/runs/replay-steps.js';
import type {KeyAction} from '../../../../source/ui/shared/keys.js';
import {eventually, withSettings} from '../frame.js';

const settle = () => new Promise(resolve => setTimeout(resolve, 30));
const mounted: (() => void)[] = [];
afterEach(() => {
	for (const unmount of mounted.splice(0)) unmount();
});

const config = {
	layers: [784, 16, 10],
	epochs: 2,
	batchSize: 500,
	learningRate: 0.05,
	optimizer: 'momentum',
	seed: 1,
	limit: 1000,
	testLimit: null,
};
const diagonal = Array.from({length: 10}, (_, r) => Array.from({length: 10}, (_, c) => (r === c ? 90 : r === 9 - c ? 10 : 0)));
const epoch = (n: number) => ({
	event: 'epoch',
	epoch: n,
	epochs: 2,
	trainLoss: 0.8 / n,
	trainAccuracy: 0.7 + n / 20,
	testLoss: 0.7 / n,
	testAccuracy: 0.8 + n / 20,
	seconds: 2,
	samplesPerSecond: 500,
	confusion: diagonal,
	stepLosses: [2 / n, 1 / n],
});
const log = [
	{event: 'start', config, trainCount: 1000, testCount: 1000},
	epoch(1),
	epoch(2),
	{event: 'done', epochs: 2, testAccuracy: 0.9, testLoss: 0.35, seconds: 5, confusion: diagonal, savedTo: null},
].map(event => JSON.stringify(event));

function replay(rows = 30, title = 'Replay of run.jsonl · at full speed') {
	const store = createDashboardStore(1);
	for (const step of replaySteps(lastRun('run.jsonl', log))) store.dispatch(step.action);
	const actions: KeyAction[] = [];
	const rendered = render(withSettings(<ReplayApp store={store} title={title} onAction={action => actions.push(action)} />));
	Object.assign(rendered.stdout, {rows});
	rendered.stdout.emit('resize');
	mounted.push(rendered.unmount);
	return {actions, frame: () => stripAnsi(rendered.lastFrame() ?? '').split('\n'), stdin: rendered.stdin};
}

describe('the replay app', () => {
	test('says what it replays above the dashboard, which ends on the done frame with the logged time', async () => {
		const {frame} = replay();
		await eventually(() => assert.equal(frame()[0], 'Replay of run.jsonl · at full speed'));
		assert.equal(frame()[1], '✓ Done  Epoch 2/2  100.0%  test accuracy 90.00%  500 samples/s  total 5s');
		assert.equal(frame()[2], '784-16-10 · momentum lr 0.05 μ 0.9 · batch 500 · seed 1 · 1,000 train / 1,000 test images · ?');
		assert.ok(frame().includes('training done in 5s · best test accuracy 90.00% (epoch 2)'), frame().join('\n'));
		assert.equal(frame().at(-1), '? help · q quit');
	});

	test('on 24 rows the title leads the key hints, and the dashboard keeps its rows', async () => {
		const {frame} = replay(24);
		await eventually(() => assert.equal(frame().at(-1), 'Replay of run.jsonl · at full speed · ? help · q quit'));
		assert.equal(frame().length, 23);
		assert.match(frame()[0]!, /^✓ Done {2}Epoch 2\/2/);
	});

	test('on 24 rows a long title gives way to the keys', async () => {
		const {frame} = replay(24, 'Replay of /a/very/long/folder/name/that/goes/on/and/on/run.jsonl (the last of its 3 runs) · at full speed');
		await eventually(() =>
			assert.equal(frame().at(-1), 'Replay of /a/very/long/folder/name/that/goes/on/and/on/run.jsonl (the last of its… · ? help · q quit'),
		);
	});

	test('p, q and Ctrl-C reach the session; tab, w and d say why there is no such view; ? shows the keys', async () => {
		const {actions, frame, stdin} = replay();
		await settle();
		stdin.write('w');
		await eventually(() => assert.equal(frame()[0], 'a log holds no weights or test images: digits, network and canvas are for live runs'));
		stdin.write('?');
		await eventually(() =>
			assert.ok(frame().includes('tab, w, d  live runs only: the digits, network and canvas need weights a log lacks'), frame().join('\n')),
		);
		stdin.write('p');
		stdin.write('q');
		stdin.write('\u0003');
		await eventually(() => assert.deepEqual(actions, ['togglePause', 'quit', 'interrupt']));
		await eventually(() => assert.equal(frame()[0], 'Replay of run.jsonl · at full speed', 'the notice goes with the next key'));
	});

	test("the help of a replay that has ended offers no pause, and explains the dashboard's words", async () => {
		const {frame, stdin} = replay();
		await eventually(() => assert.match(frame()[1]!, /^✓ Done/));
		stdin.write('?');
		await eventually(() => assert.ok(frame().includes('Keys · → what the words on this screen mean'), frame().join('\n')));
		assert.ok(frame().includes('tab, w, d  live runs only: the digits, network and canvas need weights a log lacks'));
		assert.ok(!frame().some(line => /pause/.test(line)), frame().join('\n'));
		// l again until it shows: the help's keys are live once React has run its effects
		await eventually(() => {
			stdin.write('l');
			assert.ok(
				frame().some(line => line.startsWith('loss (cross-entropy): How wrong the network is')),
				frame().join('\n'),
			);
		});
	});
});
