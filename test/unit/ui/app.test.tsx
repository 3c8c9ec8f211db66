import assert from 'node:assert/strict';
import {afterEach, describe, test} from 'node:test';
import {render} from 'ink-testing-library';
import stripAnsi from 'strip-ansi';
import {App} from '../../../source/ui/app.js';
import {createDashboardStore} from '../../../source/ui/dashboard/dashboard-store.js';
import type {KeyAction} from '../../../source/ui/shared/keys.js';
import {done, paused, smallNetwork, training} from './fixtures.js';
import {eventually, withSettings} from './frame.js';

const startedAt = Date.parse('2026-01-01T00:00:00Z');
const clock = () => startedAt + 62_000;
const settle = () => new Promise(resolve => setTimeout(resolve, 30));

const mounted: (() => void)[] = [];
afterEach(() => {
	for (const unmount of mounted.splice(0)) unmount();
});

function app(state = training, {ascii = false} = {}) {
	const store = createDashboardStore(1, state);
	const actions: KeyAction[] = [];
	const rendered = render(
		withSettings(<App store={store} onAction={action => actions.push(action)} startedAt={startedAt} clock={clock} />, {ascii}),
	);
	const frame = () => stripAnsi(rendered.lastFrame() ?? '');
	mounted.push(rendered.unmount);
	return {store, actions, frame, ...rendered};
}

describe('the app', () => {
	test('keys reach the run as actions, batched keys one by one', async () => {
		const {stdin, actions} = app();
		await settle();
		stdin.write('p');
		stdin.write('pp');
		stdin.write(' ');
		stdin.write('q');
		stdin.write('\u0003');
		await settle();
		await eventually(() => assert.deepEqual(actions, ['togglePause', 'togglePause', 'togglePause', 'togglePause', 'quit', 'interrupt']));
	});

	test('? opens the help drawn from the key table, and closes it again', async () => {
		const {stdin, frame, actions} = app();
		await settle();
		await eventually(() => assert.doesNotMatch(frame(), /Keys/));
		stdin.write('?');
		await settle();
		const lines = () => frame().split('\n');
		await eventually(() => assert.ok(lines().includes('p, space  pause or resume training'), frame()));
		assert.ok(lines().includes('q         quit (saves the model when --save was given)'));
		assert.ok(lines().includes("w         the network: each hidden unit's weights, and how it fires"));
		assert.ok(lines().at(-1)!.startsWith('w network · d draw · +/- lr · [/] momentum · p pause · tab digits · ? help · q quit'));
		stdin.write('?');
		await settle();
		await eventually(() => assert.doesNotMatch(frame(), /Keys/));
		await eventually(() => assert.match(frame(), /Confusion/));
		await eventually(() => assert.deepEqual(actions, [], "help is the app's own business"));
	});

	test('the frame follows the store: PAUSED and the resume hint', async () => {
		const {store, frame} = app();
		await settle();
		await eventually(() => assert.match(frame().split('\n')[0]!, /Training {2}Epoch 4\/10/));
		store.dispatch({type: 'paused', paused: true});
		await settle();
		await eventually(() => assert.match(frame().split('\n')[0]!, /^ PAUSED {3}Epoch 4\/10/));
		await eventually(() =>
			assert.match(frame(), /w network · d draw · \+\/- lr · \[\/\] momentum · p resume · n step · tab digits · \? help · q quit$/),
		);
	});

	test('tab shows the test digits, the network and the dashboard again; the keys go to the view shown', async () => {
		const {stdin, frame, actions} = app(done);
		await settle();
		stdin.write('\t');
		await settle();
		await eventually(() => assert.match(frame(), /^Predictions · epoch \d+ · 10,000 test digits · all digits · test-set order$/m));
		await eventually(() => assert.match(frame(), /#1 of 10,000/));
		// End again until it shows: the browser's keys are live only once React has run its effects, later on a busy machine
		await eventually(() => {
			stdin.write('\u001B[F');
			assert.match(frame(), /#10,000 of 10,000/);
		});
		stdin.write('\t');
		await settle();
		await eventually(() => assert.match(frame(), /^Network$/m));
		await eventually(() => assert.match(frame(), /^the network's weights appear once training has started$/m));
		stdin.write('\t');
		await settle();
		await eventually(() => assert.match(frame(), /Confusion/));
		await eventually(() => assert.deepEqual(actions, []));
	});

	test('--ascii: the key hints too are ASCII, in the dashboard and the test digits', async () => {
		const {stdin, frame} = app(done, {ascii: true});
		await settle();
		await eventually(() =>
			assert.equal(
				frame().split('\n').at(-1),
				'w network - d draw - tab digits - ? help - q quit',
				'nothing left to steer once the run is done',
			),
		);
		assert.match(frame(), /^[\x20-\x7E\n]*$/);
		stdin.write('\t');
		await settle();
		await eventually(() => assert.match(frame(), /#1 of 10,000/));
		// 100 columns: the browser's keys, as many as fit before tab, help and quit
		assert.equal(
			frame().split('\n').at(-1),
			'<-/-> digit - m mistakes - x why - d draw - c matrix - s order - tab network - ? help - q quit',
		);
		assert.match(frame(), /^[\x20-\x7E\n]*$/);
		stdin.write('?');
		await eventually(() => assert.ok(frame().split('\n').includes('<- h       previous digit (in the matrix: cursor left)'), frame()));
		assert.ok(frame().split('\n').includes('-> l       next digit (in the matrix: cursor right)'));
		assert.match(frame(), /^[\x20-\x7E\n]*$/);
	});

	test('a paused state renders paused from the first frame', async () => {
		const {frame} = app(paused);
		await settle();
		await eventually(() => assert.match(frame(), /PAUSED/));
	});
});

describe('the network view and the canvas in the app', () => {
	function drawingApp(rows = 40, color = true) {
		const store = createDashboardStore(1, {...done, weights: smallNetwork, weightsSource: 'epoch 3', epochWeights: smallNetwork});
		const mouse: boolean[] = [];
		const rendered = render(
			withSettings(<App store={store} onAction={() => {}} startedAt={startedAt} clock={clock} mouse={on => mouse.push(on)} />, {color}),
		);
		Object.assign(rendered.stdout, {rows});
		rendered.stdout.emit('resize');
		mounted.push(rendered.unmount);
		const frame = () => stripAnsi(rendered.lastFrame() ?? '');
		return {store, mouse, frame, ...rendered};
	}

	test('w shows the network; d opens the canvas and turns the mouse on; keys typed with it go to the canvas; Esc goes back', async () => {
		const {stdin, frame, mouse} = drawingApp();
		await settle();
		stdin.write('w');
		await eventually(() => assert.match(frame(), /^Network · first layer · 16 hidden units · epoch 3 · 1-16 of 16, by number$/m));
		// d and the cursor's moves in one piece of input, as a fast typist or a paste sends them
		stdin.write(`dkkkkkkkk ${'j'.repeat(16)} `);
		await eventually(() => assert.match(frame().split('\n')[0]!, /^Draw · pred \d · [\d.]+% · weights of epoch 3, trained$/));
		const canvas = frame().split('\n').slice(2, 30);
		// pixel rows 6 to 22 of column 14 inked, and the brush's edge a row beyond each end: the canvas's lines 5 to 23,
		// two cells a pixel (the cursor's cells, "()", at the end)
		const inked = canvas.flatMap((line, row) => (/^│ {26}██(██|\(\))██/.test(line) ? [row] : []));
		assert.deepEqual(
			inked,
			Array.from({length: 19}, (_, k) => 5 + k),
			frame(),
		);
		await eventually(() => assert.deepEqual(mouse, [false, true]));
		stdin.write('\u001B');
		await eventually(() => assert.match(frame(), /^Network · first layer/m));
		await eventually(() => assert.deepEqual(mouse, [false, true, false]));
	});

	test('the mouse draws on the canvas: a press, a drag, a release; the right button erases; clicks outside do nothing', async () => {
		const {stdin, frame} = drawingApp();
		await settle();
		stdin.write('d');
		await eventually(() => assert.match(frame(), /^Draw · nothing drawn yet/));
		// the canvas's top left cell is column 2, row 3 of the screen (1-based, as the terminal reports it)
		stdin.write('\u001B[<0;11;6M');
		for (let column = 12; column <= 41; column++) stdin.write(`\u001B[<32;${column};6M`);
		stdin.write('\u001B[<0;41;6m');
		await eventually(() => assert.match(frame().split('\n')[0]!, /^Draw · pred/));
		const row = () => frame().split('\n')[5]!;
		// from pixel 4.75 to 19.25 of row 3.5: pixels 3 to 21 inked (the brush's faint edge included), two cells each
		await eventually(() => assert.match(row(), /^│ {6}█{38} /));
		// the right button erases the middle of the line
		stdin.write('\u001B[<2;26;6M\u001B[<2;26;6m');
		await eventually(() => assert.match(row(), /^│ {6}█+ +█+ /));
		stdin.write('\u001B[<0;100;6M\u001B[<0;100;6m');
		await settle();
		assert.match(row(), /^│ {6}█+ +█+ +│/);
		// c clears
		stdin.write('c');
		await eventually(() => assert.match(frame(), /^Draw · nothing drawn yet/));
	});

	test('x explains the selected digit: the legend names the class it explains', async () => {
		const {stdin, frame} = drawingApp();
		await settle();
		stdin.write('\t');
		await eventually(() => assert.match(frame(), /#1 of 10,000/));
		stdin.write('x');
		await eventually(() => assert.match(frame(), /^why pred \d: each pixel's part in its score · blue pushed it up, red pushed it down/m));
	});

	test('without colour (NO_COLOR) the legend names the signs the overlay is drawn with', async () => {
		const {stdin, frame} = drawingApp(40, false);
		await settle();
		stdin.write('\t');
		await eventually(() => assert.match(frame(), /#1 of 10,000/));
		stdin.write('x');
		await eventually(() => assert.match(frame(), /^why pred \d: each pixel's part in its score · \.\+# pushed it up, -=% pushed it down/m));
	});
});
