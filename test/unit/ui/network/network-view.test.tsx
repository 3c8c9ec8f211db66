import assert from 'node:assert/strict';
import {after, describe, test} from 'node:test';
import chalk from 'chalk';
import {render} from 'ink-testing-library';
import {Inspector, scaledPixels} from '../../../../source/nn/inspector.js';
import {NetworkView} from '../../../../source/ui/network/network-view.js';
import {negativeColours, positiveColours} from '../../../../source/ui/shared/diverging.js';
import {frameOf, withSettings} from '../frame.js';
import {bar, handmade} from './network-fixtures.js';
import {network80, network80Ascii, network120, network120Ascii} from './network-frames.js';

const data = {
	layers: handmade,
	features: [],
	source: 'epoch 2',
	activity: [Float32Array.from([0.2, 0.9, 0.1, 0]), Float32Array.from([0.3, 0.6, 0.1])],
};
const selected = {what: 'test digit #3 (true 1)', ...new Inspector(handmade).read(scaledPixels(bar))};
const view = (
	width: number,
	height: number,
	options: {ascii?: boolean; color?: boolean} = {},
	props: Partial<Parameters<typeof NetworkView>[0]> = {},
) =>
	withSettings(
		<NetworkView data={data} state={{page: 0, order: 'unit'}} selected={selected} width={width} height={height} {...props} />,
		options,
	);

describe('NetworkView frames', () => {
	// the room the dashboard gives it at 80x24 and 120x40: between the header and the key hints
	test('80x24, Unicode and ASCII: four tiles, the bars of a 1, the second layer as a strip, the legend', () => {
		assert.equal(frameOf(view(80, 20)).frame, network80);
		assert.equal(frameOf(view(80, 20, {ascii: true})).frame, network80Ascii);
	});

	test('120x40, Unicode and ASCII', () => {
		assert.equal(frameOf(view(120, 36)).frame, network120);
		assert.equal(frameOf(view(120, 36, {ascii: true})).frame, network120Ascii);
	});

	test('without colour the tiles take the signed ramp, as in ASCII', () => {
		const {lines} = frameOf(view(80, 20, {color: false}));
		assert.equal(lines[1], '#######%%%%%%%       ##       ##############');
	});

	test('every size from 80x20 to 200x56 keeps inside its room, in both character sets', () => {
		for (const [width, height] of [
			[80, 20],
			[100, 26],
			[120, 36],
			[200, 56],
		] as const) {
			for (const ascii of [false, true]) {
				const drawn = frameOf(view(width, height, {ascii}));
				assert.ok(drawn.lines.length <= height && drawn.width <= width, `${width}x${height}`);
				if (ascii) assert.match(drawn.frame, /^[\x20-\x7E\n]*$/);
			}
		}
	});

	test('before any weights: the title and what to wait for; with nothing selected, how to select', () => {
		assert.deepEqual(frameOf(view(80, 20, {}, {data: null})).lines.slice(0, 2), [
			'Network',
			"the network's weights appear once training has started",
		]);
		assert.equal(frameOf(view(80, 20, {}, {selected: null})).lines.at(-1), 'pick a digit in the digits view to see which units fire');
	});

	test('sorted by activity on the test set, the most active unit first; paged', () => {
		const active = frameOf(view(80, 20, {}, {state: {page: 0, order: 'activity'}})).lines;
		assert.equal(active[0], 'Network · first layer · 4 hidden units · epoch 2 · 1-4 of 4, most active first');
		assert.match(active[8]!, /^#2 .{12}#1 {13}#3 .{12}#4/);
		// two tiles a line, one line of them: two pages
		const narrow = frameOf(view(29, 20, {}, {state: {page: 1, order: 'unit'}}));
		assert.match(narrow.lines[8]!, /^#3 .{12}#4/);
	});
});

describe('NetworkView colours', () => {
	const level = chalk.level;
	after(() => {
		chalk.level = level;
	});

	test('the left half of unit 1 in the strongest blue, its right half in the strongest red, the bars in yellow', () => {
		chalk.level = 2;
		const {lastFrame, unmount} = render(view(80, 20));
		const frame = lastFrame() ?? '';
		unmount();
		const line = frame.split('\n')[1]!;
		assert.ok(line.startsWith(`\u001B[38;5;${positiveColours[5]}m\u001B[48;5;${positiveColours[5]}m▀▀▀▀▀▀▀`), JSON.stringify(line));
		assert.ok(line.includes(`\u001B[38;5;${negativeColours[5]}m\u001B[48;5;${negativeColours[5]}m▀▀▀▀▀▀▀`));
		assert.ok(frame.split('\n')[8]!.includes('#2 \u001B[33m███████████'));
	});
});
