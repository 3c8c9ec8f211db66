import assert from 'node:assert/strict';
import {afterEach, describe, test} from 'node:test';
import {render} from 'ink-testing-library';
import stripAnsi from 'strip-ansi';
import {classSets} from '../../../../source/train/config.js';
import {App} from '../../../../source/ui/app.js';
import type {DashboardAction, DashboardState} from '../../../../source/ui/dashboard/dashboard-state.js';
import {createDashboardStore} from '../../../../source/ui/dashboard/dashboard-store.js';
import {demoScript, demoStoppedCaption} from '../../../../source/ui/demo/demo-script.js';
import type {Schedule} from '../../../../source/ui/demo/use-demo.js';
import type {KeyAction} from '../../../../source/ui/shared/keys.js';
import {browserData, testImages, testLabels} from '../browser/browser-fixtures.js';
import {epochConfusion, smallNetwork, training} from '../fixtures.js';
import {eventually} from '../frame.js';

// Real MNIST test images and labels with the browser fixtures' predictions
// (22 mistakes, 4→9 the most confused cell), in a run at epoch 4 of 10.
const data = browserData();
const withDigits: DashboardState = {
	...training,
	start: {...training.start!, test: {images: testImages, labels: testLabels, count: 10_000}},
	predictions: data.predictions,
	probabilities: data.probabilities,
	previousPredictions: data.previousPredictions,
	weights: smallNetwork,
	weightsSource: 'epoch 3',
	epochWeights: smallNetwork,
	activity: [new Float32Array(16).map((_, unit) => unit / 16)],
};
const finished: DashboardAction = {
	type: 'done',
	epochs: 10,
	testAccuracy: 0.9978,
	testLoss: 0.02,
	seconds: 41,
	confusion: epochConfusion,
	classes: classSets.digits,
	savedTo: null,
	interrupted: false,
	history: [],
};

const settle = () => new Promise(resolve => setTimeout(resolve, 30));
const startedAt = Date.parse('2026-01-01T00:00:00Z');
const clock = () => startedAt + 62_000;

/** Timers that run only when the test says so, in the order they were set. */
function handTimers() {
	const pending: {run: () => void; ms: number}[] = [];
	const schedule: Schedule = (run, ms) => {
		const timer = {run, ms};
		pending.push(timer);
		return () => {
			const at = pending.indexOf(timer);
			if (at >= 0) pending.splice(at, 1);
		};
	};
	return {pending, schedule};
}

const mounted: (() => void)[] = [];
afterEach(() => {
	for (const unmount of mounted.splice(0)) unmount();
});

/** The app in a terminal 100 columns wide (ink-testing-library's) and `rows` high; with the demo when `timers` are given. */
function app(timers?: ReturnType<typeof handTimers>, rows = 30) {
	const store = createDashboardStore(1, withDigits);
	const actions: KeyAction[] = [];
	const demo = timers ? {demo: {script: demoScript, schedule: timers.schedule}} : {};
	const rendered = render(<App store={store} onAction={action => actions.push(action)} startedAt={startedAt} clock={clock} {...demo} />);
	Object.assign(rendered.stdout, {rows});
	rendered.stdout.emit('resize');
	mounted.push(rendered.unmount);
	const frame = () => stripAnsi(rendered.lastFrame() ?? '');
	return {store, actions, frame, ...rendered};
}

const caption = (text: string) => ` ▶ ${text}`;

describe('the demo', () => {
	test('each step types its keys into the same handling as the keyboard: the frames are the typed ones, with the caption under them', async () => {
		const timers = handTimers();
		const demo = app(timers);
		// the same app in a terminal one row shorter, the keys typed on its keyboard
		const typed = app(undefined, 29);
		let shown = '';
		for (const [index, step] of demoScript.entries()) {
			if (step.after === 'trained') {
				await new Promise(resolve => setTimeout(resolve, 50));
				assert.equal(timers.pending.length, 0, 'the tour waits for the training to finish');
				demo.store.dispatch(finished, true);
				typed.store.dispatch(finished, true);
			}
			await eventually(() => assert.equal(timers.pending.length, 1, `step ${index} is due`));
			const timer = timers.pending.shift()!;
			assert.equal(timer.ms, step.wait);
			timer.run();
			// as in app.test.tsx: Ink takes the new key handler a moment after a frame shows it
			await settle();
			if (step.keys) typed.stdin.write(step.keys);
			shown = step.caption ?? shown;
			if (step.keys === 'q') break;
			await eventually(() => assert.equal(demo.frame(), `${typed.frame()}\n${caption(shown)}`, `step ${index}: ${JSON.stringify(step)}`));
			assert.ok(demo.frame().split('\n').length <= 29, 'a frame stays under the terminal height');
		}
		await eventually(() => assert.deepEqual(demo.actions, ['quit'], 'the tour ends by quitting'));
		assert.deepEqual(typed.actions, ['quit']);
	});

	test("the tour's views: the digits, the mistakes, the most confused cell, the least confident, the network, a drawing", async () => {
		const timers = handTimers();
		const {frame, store} = app(timers);
		const views: string[] = [];
		for (const step of demoScript) {
			if (step.after === 'trained') store.dispatch(finished, true);
			await eventually(() => assert.equal(timers.pending.length, 1));
			timers.pending.shift()!.run();
			if (step.keys === 'q') break;
			if (step.keys) await new Promise(resolve => setTimeout(resolve, 50));
			const lines = frame().split('\n');
			const title = lines[2]!;
			const cursorRow = lines.find(line => line.includes('['));
			if (lines[0]!.startsWith('Draw')) views.push(lines[0]!);
			else if (title.startsWith('Network')) views.push(title);
			else if (!title.startsWith('Predictions')) views.push(`dashboard: ${lines[0]!.slice(2).split('  ')[0]}`);
			else if (cursorRow) views.push(`${title} | ${cursorRow.trim()}`);
			else
				views.push([title, ...lines.map(line => /#[\d,]+ of [\d,]+|[✓✗] true \d {2}pred \d/.exec(line)?.[0]).filter(Boolean)].join(' | '));
		}
		const drawn = views.filter(view => view.startsWith('Draw · pred'));
		assert.deepEqual(views, [
			'dashboard: Training',
			'dashboard: Training',
			'dashboard: Training',
			'dashboard: Done',
			'Predictions · epoch 3 · 10,000 test digits · all digits · test-set order | #1 of 10,000 | ✓ true 7  pred 7',
			'Predictions · epoch 3 · 10,000 test digits · all digits · test-set order | #2 of 10,000 | ✓ true 2  pred 2',
			'Predictions · epoch 3 · 10,000 test digits · all digits · test-set order | #3 of 10,000 | ✓ true 1  pred 1',
			'Predictions · epoch 3 · 10,000 test digits · mistakes · test-set order | #9 of 10,000 | ✗ true 5  pred 6',
			'Predictions · epoch 3 · 10,000 test digits · mistakes · test-set order | #19 of 10,000 | ✗ true 3  pred 8',
			'Predictions · epoch 3 · 10,000 test digits · mistakes · test-set order | 4            ·    ·    ·    ·  976    ·    1    ·    ·   [5] 99.4%',
			'Predictions · epoch 3 · 10,000 test digits · cell 4→9 · test-set order | #34 of 10,000 | ✗ true 4  pred 9',
			'Predictions · epoch 3 · 10,000 test digits · cell 4→9 · test-set order | #116 of 10,000 | ✗ true 4  pred 9',
			'Predictions · epoch 3 · 10,000 test digits · all digits · test-set order | #116 of 10,000 | ✗ true 4  pred 9',
			'Predictions · epoch 3 · 10,000 test digits · all digits · highest loss first | #34 of 10,000 | ✗ true 4  pred 9',
			'Predictions · epoch 3 · 10,000 test digits · all digits · least confident first | #708 of 10,000 | ✗ true 4  pred 9',
			'Predictions · epoch 3 · 10,000 test digits · all digits · least confident first | #583 of 10,000 | ✗ true 8  pred 2',
			// x: the same digit, why it was read as it was
			'Predictions · epoch 3 · 10,000 test digits · all digits · least confident first | #583 of 10,000 | ✗ true 8  pred 2',
			'Network · first layer · 16 hidden units · epoch 3 · 1-12 of 16, by number',
			'Network · first layer · 16 hidden units · epoch 3 · 13-16 of 16, by number',
			'Network · first layer · 16 hidden units · epoch 3 · 1-12 of 16, most active first',
			// d, and the cursor moved into place: nothing drawn yet
			...Array<string>(3).fill('Draw · nothing drawn yet · weights of epoch 3, trained'),
			// the seven's strokes, its answer renewed with each (from a network of random weights: a 9)
			...drawn,
			'dashboard: Done',
		]);
		assert.equal(drawn.length, 17);
		assert.ok(
			drawn.every(line => /^Draw · pred \d · \d+\.\d% · weights of epoch 3, trained$/.test(line)),
			drawn.join('\n'),
		);
	});

	test("in a terminal with no line to spare, the caption takes the key hints' line", async () => {
		const timers = handTimers();
		const {frame} = app(timers, 24);
		await eventually(() => assert.equal(timers.pending.length, 1));
		timers.pending.shift()!.run();
		await eventually(() => assert.equal(frame().split('\n').at(-1), demoScript[0]!.caption));
		assert.equal(frame().split('\n').length, 23);
		assert.match(frame(), /Confusion/);
	});

	test('a key pressed by a person stops the tour and does what it does; the caption says so, then goes', async () => {
		const timers = handTimers();
		const {frame, stdin, store} = app(timers);
		await eventually(() => assert.equal(timers.pending.length, 1));
		timers.pending.shift()!.run();
		await eventually(() => assert.equal(frame().split('\n').at(-1), caption(demoScript[0]!.caption!)));
		stdin.write('\t');
		await eventually(() => assert.equal(frame().split('\n').at(-1), caption(demoStoppedCaption)));
		assert.match(frame(), /#1 of 10,000/, 'tab showed the digits');
		await eventually(() =>
			assert.deepEqual(
				timers.pending.map(timer => timer.ms),
				[3000],
				"only the stopped caption's timer is left",
			),
		);
		timers.pending.shift()!.run();
		await eventually(() =>
			assert.match(
				frame().split('\n').at(-1)!,
				/^←\/→ digit · m mistakes .* p pause · tab network · \? help · q quit$/,
				'the caption is gone, the key hints are the last line',
			),
		);
		store.dispatch(finished, true);
		await new Promise(resolve => setTimeout(resolve, 50));
		assert.equal(timers.pending.length, 0, 'nothing more is typed');
		stdin.write('l');
		await eventually(() => assert.match(frame(), /#2 of 10,000/));
	});
});

test("every caption fits a 100-column terminal, where the README's recording is made", () => {
	for (const step of demoScript) if (step.caption) assert.ok(caption(step.caption).length <= 100, step.caption);
	assert.ok(caption(demoStoppedCaption).length <= 100);
});
