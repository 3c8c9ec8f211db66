import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {
	browserLayout,
	digitSize,
	infoGap,
	infoHeight,
	largeDigitSize,
	smallDigit,
	stripGap,
} from '../../../../source/ui/browser/browser-layout.js';

describe('browser layout', () => {
	test('at 80x20: the digit and its text, no neighbours, no matrix below', () => {
		assert.deepEqual(browserLayout(80, 20), {
			width: 80,
			height: 20,
			zoom: 1,
			neighbours: 0,
			neighbourTop: 3,
			infoWidth: 49,
			mainHeight: 15,
			stripBelow: 0,
			matrixBelow: 0,
		});
	});

	test('at 120x36: a neighbour each side, the matrix below with its precision row', () => {
		assert.deepEqual(browserLayout(120, 36), {
			width: 120,
			height: 36,
			zoom: 1,
			neighbours: 1,
			neighbourTop: 3,
			infoWidth: 57,
			mainHeight: 15,
			stripBelow: 0,
			matrixBelow: 14,
		});
	});

	test('neighbours come in pairs as the width allows, up to three a side', () => {
		const pairs = [80, 112, 113, 144, 145, 176, 177, 200, 260].map(width => browserLayout(width, 24).neighbours);
		assert.deepEqual(pairs, [0, 0, 1, 1, 2, 2, 3, 3, 3]);
	});

	test('160x46 (a 160x50 terminal): the digit twice as big, a neighbour each side, the matrix below', () => {
		assert.deepEqual(browserLayout(160, 46), {
			width: 160,
			height: 46,
			zoom: 2,
			neighbours: 1,
			neighbourTop: 10,
			infoWidth: 69,
			mainHeight: 28,
			stripBelow: 0,
			matrixBelow: 14,
		});
	});

	test('200x56 (a 200x60 terminal): the large digit, two neighbours a side, twelve more digits in a row under it, the matrix', () => {
		assert.deepEqual(browserLayout(200, 56), {
			width: 200,
			height: 56,
			zoom: 2,
			neighbours: 2,
			neighbourTop: 10,
			infoWidth: 77,
			mainHeight: 28,
			stripBelow: 12,
			matrixBelow: 14,
		});
	});

	test('every size from 80x20 to 220x70: the parts fill the width exactly and fit the height', () => {
		for (let width = 80; width <= 220; width++) {
			for (let height = 20; height <= 70; height++) {
				const layout = browserLayout(width, height);
				const digit = layout.zoom === 2 ? largeDigitSize : digitSize;
				const strip = 2 * layout.neighbours * (smallDigit.width + stripGap);
				assert.equal(strip + digit.width + infoGap + layout.infoWidth, width, `${width}x${height}`);
				assert.ok(layout.infoWidth >= 46, `${width}x${height}: the bars need room`);
				assert.ok(layout.stripBelow * (smallDigit.width + stripGap) - stripGap <= width, `${width}x${height}`);
				// header, blank line, the digit row, the row of next digits, the matrix (with its blank line), the bottom line
				const stripHeight = layout.stripBelow > 0 ? smallDigit.height + 1 : 0;
				assert.ok(2 + layout.mainHeight + stripHeight + layout.matrixBelow + 1 <= height, `${width}x${height}`);
				assert.equal(layout.mainHeight, layout.zoom === 2 ? largeDigitSize.height : infoHeight);
				// the large digit only with the matrix under it
				if (layout.zoom === 2) assert.ok(layout.matrixBelow > 0, `${width}x${height}`);
			}
		}
	});
});
