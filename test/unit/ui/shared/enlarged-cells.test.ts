import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import type {DigitCell} from '../../../../source/ui/shared/digit-art.js';
import {enlargedCells} from '../../../../source/ui/shared/enlarged-cells.js';

const cell = (glyph: string, fg: number | null, bg: number | null): DigitCell => ({glyph, fg, bg});
const text = (rows: readonly DigitCell[][]) => rows.map(row => row.map(({glyph, fg, bg}) => `${glyph}${fg ?? '-'}/${bg ?? '-'}`).join(' '));

describe('enlargedCells', () => {
	test('a half-block line becomes two lines, a pixel two columns: ink as a block, a faint edge as a grey blank', () => {
		const line = [cell('▀', 250, 235), cell('▄', 240, null), cell('█', 255, null), cell(' ', null, 233), cell(' ', null, null)];
		assert.deepEqual(text(enlargedCells([line])), [
			'█250/- █250/-  -/-  -/- █255/- █255/-  -/233  -/233  -/-  -/-',
			' -/235  -/235 █240/- █240/- █255/- █255/-  -/233  -/233  -/-  -/-',
		]);
	});

	test("solid: a background that means something (a pixel's contribution) is drawn as a block too", () => {
		assert.deepEqual(text(enlargedCells([[cell('▀', 21, 196)]], {solid: true})), ['█21/- █21/-', '█196/- █196/-']);
	});

	test('an ASCII shade stands for both halves, repeated', () => {
		assert.deepEqual(text(enlargedCells([[cell('#', null, null)]])), ['#-/- #-/-', '#-/- #-/-']);
	});
});
