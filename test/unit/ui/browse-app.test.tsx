import assert from 'node:assert/strict';
import {afterEach, describe, test} from 'node:test';
import {render} from 'ink-testing-library';
import stripAnsi from 'strip-ansi';
import {BrowseApp} from '../../../source/ui/browse-app.js';
import {browserData} from './browser/browser-fixtures.js';
import {smallNetwork} from './fixtures.js';
import {eventually} from './frame.js';

const mounted: (() => void)[] = [];
afterEach(() => {
	for (const unmount of mounted.splice(0)) unmount();
});

function browseApp() {
	let quits = 0;
	const mouse: boolean[] = [];
	const rendered = render(
		<BrowseApp
			data={browserData()}
			network={{weights: smallNetwork, activity: [new Float32Array(16)]}}
			title="model.json · 784-16-10"
			onQuit={() => quits++}
			mouse={on => {
				mouse.push(on);
			}}
		/>,
	);
	Object.assign(rendered.stdout, {rows: 40});
	rendered.stdout.emit('resize');
	mounted.push(rendered.unmount);
	const frame = () => stripAnsi(rendered.lastFrame() ?? '');
	return {...rendered, frame, mouse, quits: () => quits};
}

describe('browse --model', () => {
	test('tab goes between the digits and the network; d draws; q quits; no pause, nothing to train', async () => {
		const {stdin, frame, mouse, quits} = browseApp();
		await eventually(() => assert.match(frame(), /#1 of 10,000/));
		assert.equal(
			frame().split('\n').at(-1),
			'←/→ digit · m mistakes · x why · d draw · c matrix · s order · tab network · ? help · q quit',
		);
		assert.doesNotMatch(frame(), /p pause/);
		stdin.write('\t');
		await eventually(() => assert.match(frame(), /^Network · first layer · 16 hidden units · saved model · 1-16 of 16, by number$/m));
		assert.match(frame(), /bars: how strongly each unit fires for test digit #1 \(true 7\)/);
		stdin.write('\t');
		await eventually(() => assert.match(frame(), /#1 of 10,000/));
		stdin.write('d');
		await eventually(() => assert.match(frame(), /^Draw · nothing drawn yet · saved model$/m));
		await eventually(() => assert.deepEqual(mouse, [false, true]));
		stdin.write('q');
		await eventually(() => assert.equal(quits(), 1));
	});

	test("the help lists the view's keys, and no pause", async () => {
		const {stdin, frame} = browseApp();
		await eventually(() => assert.match(frame(), /#1 of 10,000/));
		stdin.write('?');
		await eventually(() => assert.match(frame(), /^x +why this prediction/m));
		assert.doesNotMatch(frame(), /pause or resume/);
		for (const line of ['tab        the next view: test digits, network', 'q          quit', 'Ctrl-C     quit, as q does'])
			assert.ok(frame().split('\n').includes(line), `${line}\n${frame()}`);
	});
});
