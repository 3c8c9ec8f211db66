import assert from 'node:assert/strict';
import {after, describe, test} from 'node:test';
import chalk from 'chalk';
import {render} from 'ink-testing-library';
import {Inspector} from '../../../../source/nn/inspector.js';
import {classSets} from '../../../../source/train/config.js';
import {type CanvasAction, canvasReducer, initialCanvas} from '../../../../source/ui/draw/canvas-state.js';
import {drawActionsFor} from '../../../../source/ui/draw/draw-keys.js';
import {DrawView} from '../../../../source/ui/draw/draw-view.js';
import {grey} from '../../../../source/ui/shared/digit-art.js';
import {frameOf, withSettings} from '../frame.js';
import {handmade} from '../network/network-fixtures.js';
import {draw80, draw80Ascii, draw120, draw120Ascii} from './draw-frames.js';

/** A 7, drawn with the keys: up and left to its corner, the pen down, right, then down and to the left. */
const seven = drawActionsFor(`kkkkkkkkhhhhhh ${'l'.repeat(12)}${'jjh'.repeat(6)} `)
	.filter((action): action is CanvasAction => action.type !== 'leave')
	.reduce(canvasReducer, initialCanvas());
const reader = new Inspector(handmade);

const view = (
	width: number,
	height: number,
	options: {ascii?: boolean; color?: boolean} = {},
	canvas = seven,
	inspector: Inspector | null = reader,
) =>
	withSettings(
		<DrawView
			canvas={canvas}
			inspector={inspector}
			classes={classSets.digits}
			status="weights of epoch 2, training"
			keyHint="KEYS"
			width={width}
			height={height}
		/>,
		options,
	);

describe('DrawView frames', () => {
	// the whole screen at 80x24 and 120x40, less the line a frame leaves free
	test('80x24: a small canvas (28 x 14 half blocks), what the network sees, its answer, Unicode and ASCII', () => {
		assert.equal(frameOf(view(80, 23)).frame, draw80);
		assert.equal(frameOf(view(80, 23, {ascii: true})).frame, draw80Ascii);
	});

	test('120x40: the large canvas (56 x 28, two cells a pixel), Unicode and ASCII', () => {
		assert.equal(frameOf(view(120, 39)).frame, draw120);
		assert.equal(frameOf(view(120, 39, {ascii: true})).frame, draw120Ascii);
	});

	test('a blank canvas asks for a digit; before any weights, says when it will read one', () => {
		const blank = frameOf(view(120, 39, {}, initialCanvas()));
		assert.equal(blank.lines[0], 'Draw · nothing drawn yet · weights of epoch 2, training');
		assert.ok(blank.lines.some(line => line.includes('Draw a digit: the answer follows every stroke.')));
		assert.ok(
			frameOf(view(120, 39, {}, seven, null)).lines.some(line => line.includes('The network reads drawings once training has started.')),
		);
	});

	test('too small a terminal says so', () => {
		assert.match(frameOf(view(60, 20)).lines[0]!, /^Terminal too small: 60x21, need 80x24/);
	});
});

describe('DrawView colours', () => {
	const level = chalk.level;
	after(() => {
		chalk.level = level;
	});

	test("the ink in the drawing's greys, the cursor in cyan", () => {
		chalk.level = 2;
		const {lastFrame, unmount} = render(view(120, 39));
		const frame = lastFrame() ?? '';
		unmount();
		assert.ok(frame.includes(`\u001B[38;5;${grey(255)}m████`));
		const cursor = frame.indexOf('()');
		assert.ok(cursor > 0 && frame.lastIndexOf('\u001B[38;5;51m', cursor) > frame.lastIndexOf('\u001B[39m', cursor), 'the cursor');
	});
});
