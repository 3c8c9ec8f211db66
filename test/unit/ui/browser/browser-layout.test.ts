import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {browserLayout, digitSize, infoGap, infoHeight, smallDigit, stripGap} from '../../../../source/ui/browser/browser-layout.js';

describe('browser layout', () => {
	test('at 80x20: the digit and its text, no neighbours, no matrix below', () => {
		assert.deepEqual(browserLayout(80, 20), {width: 80, height: 20, neighbours: 0, infoWidth: 49, mainHeight: 15, matrixBelow: 0});
	});

	test('at 120x36: a neighbour each side, the matrix below with its precision row', () => {
		assert.deepEqual(browserLayout(120, 36), {width: 120, height: 36, neighbours: 1, infoWidth: 57, mainHeight: 15, matrixBelow: 14});
	});

	test('neighbours come in pairs as the width allows, up to three a side', () => {
		const pairs = [80, 112, 113, 144, 145, 176, 177, 200, 260].map(width => browserLayout(width, 24).neighbours);
		assert.deepEqual(pairs, [0, 0, 1, 1, 2, 2, 3, 3, 3]);
	});

	test('every size from 80x20 to 200x56: the parts fill the width exactly and fit the height', () => {
		for (let width = 80; width <= 200; width++) {
			for (let height = 20; height <= 56; height++) {
				const layout = browserLayout(width, height);
				const strip = 2 * layout.neighbours * (smallDigit.width + stripGap);
				assert.equal(strip + digitSize.width + infoGap + layout.infoWidth, width, `${width}x${height}`);
				assert.ok(layout.infoWidth >= 46, `${width}x${height}: the bars need room`);
				// header, blank line, the digit row, the matrix (with its blank line), the bottom line
				assert.ok(2 + layout.mainHeight + layout.matrixBelow + 1 <= height, `${width}x${height}`);
				assert.equal(layout.mainHeight, infoHeight);
			}
		}
	});
});
