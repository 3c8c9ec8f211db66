import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {type CanvasAction, canvasReducer, initialCanvas, isBlank} from '../../../../source/ui/draw/canvas-state.js';
import {drawActionsFor} from '../../../../source/ui/draw/draw-keys.js';
import {drawLayout, pixelAt} from '../../../../source/ui/draw/draw-layout.js';

const run = (actions: readonly CanvasAction[], from = initialCanvas()) => actions.reduce(canvasReducer, from);
const keys = (typed: string) => run(drawActionsFor(typed).filter((action): action is CanvasAction => action.type !== 'leave'));
const inked = (image: Float32Array) => Array.from(image, (value, i) => (value === 1 ? i : -1)).filter(i => i >= 0);

describe('the canvas', () => {
	test('the cursor starts at the centre, moves a pixel a key, and stops at the edges', () => {
		assert.deepEqual(initialCanvas().cursor, {row: 14, column: 14});
		assert.deepEqual(keys('kkkhh').cursor, {row: 11, column: 12});
		assert.deepEqual(keys('l'.repeat(40)).cursor, {row: 14, column: 27});
		assert.ok(isBlank(keys('kkkhhjjl').image), 'the pen is up');
	});

	test('space puts the pen down (a dot) and the cursor draws as it moves; space again lifts it', () => {
		const dot = keys(' ');
		assert.equal(dot.penDown, true);
		assert.deepEqual(inked(dot.image), [14 * 28 + 14]);
		// ten pixels down, then lifted, then moved: a stroke of eleven full pixels in column 14
		const stroke = keys(` ${'j'.repeat(10)} llll`);
		assert.equal(stroke.penDown, false);
		assert.deepEqual(
			inked(stroke.image),
			Array.from({length: 11}, (_, k) => (14 + k) * 28 + 14),
		);
		assert.deepEqual(stroke.cursor, {row: 24, column: 18});
	});

	test('e switches to the eraser and back; c clears; the drawing is kept otherwise', () => {
		const drawn = keys(` ${'j'.repeat(5)} `);
		const erasing = run(
			[{type: 'eraser'}, {type: 'move', rows: -3, columns: 0}, {type: 'pen'}, {type: 'move', rows: 3, columns: 0}],
			drawn,
		);
		assert.equal(erasing.erasing, true);
		assert.ok(inked(erasing.image).length < inked(drawn.image).length);
		assert.equal(run([{type: 'eraser'}], erasing).erasing, false);
		assert.ok(isBlank(run([{type: 'clear'}], drawn).image));
	});

	test('the mouse: a press paints, a drag draws a line, a release ends the stroke; the right button erases', () => {
		const pressed = run([{type: 'press', at: {row: 4.5, column: 4.5}, erase: false}]);
		assert.equal(pressed.image[4 * 28 + 4], 1);
		const dragged = run([{type: 'drag', at: {row: 4.5, column: 20.5}}, {type: 'release'}], pressed);
		for (let column = 4; column <= 20; column++) assert.equal(dragged.image[4 * 28 + column], 1);
		assert.equal(dragged.stroke, null);
		// a drag without a press draws nothing
		assert.deepEqual(run([{type: 'drag', at: {row: 20.5, column: 20.5}}], dragged).image, dragged.image);
		const erased = run([{type: 'press', at: {row: 4.5, column: 12.5}, erase: true}, {type: 'release'}], dragged);
		assert.equal(erased.image[4 * 28 + 12], 0);
	});

	test('the screen: a large canvas at 120×40 (56 × 28 cells), a small one at 80×24 (28 × 14); the mouse maps to pixels', () => {
		const large = drawLayout(120, 39);
		assert.deepEqual([large.kind, large.size, large.canvasColumns, large.canvasLines, large.seenScale], ['fits', 'large', 56, 28, 1]);
		const small = drawLayout(80, 23);
		assert.deepEqual(
			[small.kind, small.size, small.canvasColumns, small.canvasLines, small.seenScale, small.compactSide],
			['fits', 'small', 28, 14, 2, true],
		);
		assert.equal(drawLayout(60, 23).kind, 'too-small');
		// the canvas's first cell is row 2, column 1 (under the title, inside the border)
		assert.deepEqual(pixelAt(large, 1, 2), {row: 0.5, column: 0.25});
		assert.deepEqual(pixelAt(large, 56, 29), {row: 27.5, column: 27.75});
		assert.equal(pixelAt(large, 0, 2), null);
		assert.equal(pixelAt(large, 57, 2), null);
		assert.deepEqual(pixelAt(small, 1, 2), {row: 1, column: 0.5});
		assert.deepEqual(pixelAt(small, 28, 15), {row: 27, column: 27.5});
		assert.equal(pixelAt(small, 10, 16), null);
	});
});
