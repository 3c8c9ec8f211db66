import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {Inspector, scaledPixels} from '../../../../source/nn/inspector.js';
import {drawLayout} from '../../../../source/ui/draw/draw-layout.js';
import {DrawingMaps} from '../../../../source/ui/draw/drawing-maps.js';
import {frameOf, withSettings} from '../frame.js';
import {convDense, convFeatures} from '../network/conv-fixtures.js';
import {bar} from '../network/network-fixtures.js';

// the handmade conv network of the network view's tests reading a vertical bar, as if drawn
const maps = new Inspector(convDense, convFeatures).read(scaledPixels(bar)).maps[0]!;

describe("the canvas's feature maps of a convolutional network", () => {
	test('the room under the canvas and the side column: 7 lines at 120x40, 23 at 200x56, 1 at 80x24', () => {
		assert.deepEqual(
			[drawLayout(120, 39), drawLayout(200, 55), drawLayout(80, 23)].map(layout => layout.belowLines),
			[7, 23, 1],
		);
	});

	test('in 7 lines: a label and the first filters’ maps at half size; filter 1 (vertical strokes) fires along the bar, filter 2 at its ends, filter 3 copies it faintly', () => {
		const {lines} = frameOf(withSettings(<DrawingMaps maps={maps} width={120} lines={7} />, {ascii: true}));
		assert.deepEqual(lines, [
			'conv 1 - the maps of filters #1-#3, left to right, for the drawing - 24x24 at 1/2, after ReLU',
			'     ::           ..',
			'     ++                        ..',
			'     ++                        ..',
			'     ++                        ..',
			'     ++                        ..',
			'     ::           ..',
		]);
	});

	test('at full size where there is room; nothing where the maps do not fit', () => {
		assert.equal(frameOf(withSettings(<DrawingMaps maps={maps} width={200} lines={23} />)).lines.length, 13);
		assert.equal(frameOf(withSettings(<DrawingMaps maps={maps} width={80} lines={1} />)).frame, '');
	});
});
