import assert from 'node:assert/strict';
import {after, describe, test} from 'node:test';
import chalk from 'chalk';
import {render} from 'ink-testing-library';
import {buildNetwork, convArchitecture} from '../../../../source/nn/architecture.js';
import {Inspector, scaledPixels} from '../../../../source/nn/inspector.js';
import {Rng} from '../../../../source/nn/rng.js';
import {convLayout, convStages} from '../../../../source/ui/network/conv-layout.js';
import {NetworkView} from '../../../../source/ui/network/network-view.js';
import {negativeColours, positiveColours} from '../../../../source/ui/shared/diverging.js';
import {frameOf, withSettings} from '../frame.js';
import {convDense, convFeatures} from './conv-fixtures.js';
import {conv80, conv80Ascii, conv120, conv120Ascii} from './conv-frames.js';
import {bar} from './network-fixtures.js';

const data = {layers: convDense, features: convFeatures, source: 'epoch 2', activity: null};
const selected = {what: 'test digit #3 (true 1)', ...new Inspector(convDense, convFeatures).read(scaledPixels(bar))};
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

describe('NetworkView of a convolutional network: frames', () => {
	// the room the dashboard gives the view at 80x24 and 120x40
	test('80x20, Unicode and ASCII: the filters over their maps at a third, the pooled maps of conv 2, the dense strip', () => {
		assert.equal(frameOf(view(80, 20)).frame, conv80);
		assert.equal(frameOf(view(80, 20, {ascii: true})).frame, conv80Ascii);
	});

	test('120x36: tiles three columns a weight, the maps at full size, conv 2 before its pool', () => {
		assert.equal(frameOf(view(120, 36)).frame, conv120);
		assert.equal(frameOf(view(120, 36, {ascii: true})).frame, conv120Ascii);
	});

	test('without colour the tiles and maps take the ramps, as in ASCII', () => {
		const {lines} = frameOf(view(80, 20, {color: false}));
		assert.equal(lines[2], ' = # =    -----');
		assert.equal(lines[5], '   ::');
	});

	test('every size from 80x20 to 200x56 keeps inside its room, in both character sets', () => {
		for (const [width, height] of [
			[80, 20],
			[80, 21],
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

	test('the selected filter: its number in brackets, its line of numbers; in the order of the largest weights', () => {
		const second = frameOf(view(80, 20, {}, {state: {page: 1, order: 'unit'}})).lines;
		assert.equal(second[0], 'Network · conv 3 → conv 2 → 4 → 10 · epoch 2 · filter #2, by number');
		assert.equal(second[9], '#1       [#2]     #3');
		assert.match(second[10]!, /^filter #2: weights -0\.50 to 1\.00, bias 0\.00 · map peak \d\.\d\d, row \d+ column \d+$/);
		// filters 1 and 2 have the same size of weights (√3.5), filter 3 the smallest (1)
		const sorted = frameOf(view(80, 20, {}, {state: {page: 2, order: 'weights'}})).lines;
		assert.equal(sorted[9], '#1       #2       [#3]');
		assert.equal(sorted[10], 'filter #3: weights 0.00 to 1.00, bias 0.00 · map peak 1.00, row 3 column 12');
	});

	test('a network too large for the room loses its last lines, never its title or legend', () => {
		const large = buildNetwork(
			convArchitecture({channels: 1, height: 28, width: 28}, {filters: [32, 64], hidden: [128], classes: 10}),
			new Rng(1),
			'js',
		);
		const layers = large.weightsCopy();
		const features = large.featureWeightsCopy();
		const reading = new Inspector(layers, features).read(scaledPixels(bar));
		const drawn = frameOf(
			view(
				80,
				20,
				{},
				{data: {layers, features, source: 'epoch 1', activity: null}, selected: {what: 'test digit #3 (true 1)', ...reading}},
			),
		);
		assert.ok(drawn.lines.length <= 20 && drawn.width <= 80);
		assert.equal(drawn.lines[0], 'Network · conv 32 → conv 64 → 128 → 10 · epoch 1 · filter #1, by number');
		assert.equal(drawn.lines[1], 'conv 1 · 32 filters 5×5 · maps 24×24 at 1/4 after ReLU');
		assert.equal(drawn.lines.at(-1), 'maps and strips: what the network makes of test digit #3 (true 1)');
	});

	test('with nothing selected: the tiles, blank maps, the dense layers after the first epoch, and how to select', () => {
		const {lines} = frameOf(view(80, 20, {}, {selected: null}));
		assert.equal(lines[2], ' ▀ ▀ ▀    ▀▀▀▀▀');
		assert.equal(lines[9], '[#1]     #2       #3');
		assert.equal(lines[10], 'filter #1: weights -0.50 to 1.00, bias 0.00');
		assert.equal(lines[15], 'dense 1 · 4 units · mean firing on the test set');
		assert.equal(lines[16], '(after the first epoch)');
		assert.equal(lines.at(-1), 'pick a digit in the digits view to see its feature maps');
	});
});

describe('the convolutional layout', () => {
	const stages = convStages(convFeatures);

	test('the convolutions and their pools among the image layers', () => {
		assert.deepEqual(
			stages.map(({maps, pooled, filters, output}) => [maps, pooled, filters, `${output.height}×${output.width}`]),
			[
				[0, 1, 3, '24×24'],
				[2, 3, 2, '8×8'],
			],
		);
	});

	test('the LeNet-like 8 and 16 filters: at 80x20 the first maps at a third and one row of 16 pooled maps; larger with more room', () => {
		const lenet = convStages([
			{...convFeatures[0]!, filters: 8} as (typeof convFeatures)[number],
			{type: 'maxpool2d', input: {channels: 8, height: 24, width: 24}},
			{...convFeatures[2]!, filters: 16, input: {channels: 8, height: 12, width: 12}} as (typeof convFeatures)[number],
			{type: 'maxpool2d', input: {channels: 16, height: 8, width: 8}},
		]);
		const layout = convLayout(80, 20, lenet, 1);
		assert.deepEqual([layout.first.scale, layout.zoom, layout.first.perLine, layout.first.rows], [3, 1, 8, 1]);
		assert.deepEqual(
			layout.later.map(({pooled, grid}) => [pooled, grid.perLine, grid.rows]),
			[[true, 16, 1]],
		);
		// at 120x36: maps at half size, and the second convolution's own 8×8 maps in two rows of 8
		const wide = convLayout(120, 36, lenet, 1);
		assert.deepEqual([wide.first.scale, wide.zoom], [2, 2]);
		assert.deepEqual(
			wide.later.map(({pooled, grid}) => [pooled, grid.perLine, grid.rows]),
			[[false, 8, 2]],
		);
		// at 200x56: the maps at full size under tiles four columns a weight, the second convolution's twice their size
		const large = convLayout(200, 56, lenet, 1);
		assert.deepEqual([large.first.scale, large.zoom, large.first.perLine], [1, 4, 8]);
		assert.deepEqual(
			large.later.map(({pooled, grid}) => [pooled, grid.zoom, grid.perLine, grid.rows]),
			[[false, 2, 8, 2]],
		);
	});
});

describe('NetworkView of a convolutional network: colours', () => {
	const level = chalk.level;
	after(() => {
		chalk.level = level;
	});

	test('the middle column of filter 1 in the strongest blue, its sides in red; the strongest map value white', () => {
		chalk.level = 2;
		const {lastFrame, unmount} = render(view(120, 36));
		const lines = (lastFrame() ?? '').split('\n');
		unmount();
		const strongest = `\u001B[38;5;${positiveColours.at(-1)}m\u001B[48;5;${positiveColours.at(-1)}m▀▀`;
		assert.ok(lines[2]!.includes(strongest), JSON.stringify(lines[2]));
		assert.ok(lines[2]!.includes(`\u001B[38;5;${negativeColours[2]}m`), 'a half-size weight in a middle red');
		assert.ok(lines.slice(7, 20).join('').includes('\u001B[38;5;255m'), 'white');
	});
});
