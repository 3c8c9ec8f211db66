import assert from 'node:assert/strict';
import {afterEach, describe, test} from 'node:test';
import {render} from 'ink-testing-library';
import stripAnsi from 'strip-ansi';
import {App} from '../../../source/ui/app.js';
import {createDashboardStore} from '../../../source/ui/dashboard/dashboard-store.js';
import type {KeyAction} from '../../../source/ui/shared/keys.js';
import {done, paused, training} from './fixtures.js';
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
		assert.ok(lines().at(-1)!.startsWith('w network · d draw · p pause · tab digits · ? help · q quit'));
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
		await eventually(() => assert.match(frame(), /w network · d draw · p resume · tab digits · \? help · q quit$/));
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
		await eventually(() => assert.equal(frame().split('\n').at(-1), 'w network - d draw - tab digits - ? help - q quit'));
		assert.match(frame(), /^[\x20-\x7E\n]*$/);
		stdin.write('\t');
		await settle();
		await eventually(() => assert.match(frame(), /#1 of 10,000/));
		// 100 columns: the browser's keys, then the dashboard's, cut with an ASCII ellipsis
		assert.equal(
			frame().split('\n').at(-1),
			'<-/-> digit - m mistakes - 0-9 label - s order - c matrix - g go to - x why - d draw - tab networ...',
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
