/**
 * A digit with each pixel's contribution to a class's score drawn over it:
 * the ink that pushed the class up in blue, the ink that pushed it down in
 * red, the rest in the digit's greys. Half blocks, two pixel rows a line,
 * as the digit art; without colour, signs over the shade ramp.
 */
import {IMAGE_COLUMNS as side} from '../../data/dataset.js';
import {type DigitCell, grey, shadeRamp, stackedCell} from '../shared/digit-art.js';
import {divergingColour, largestSize, quiet, rampCharacter} from '../shared/diverging.js';

/** `pixels` 0-255 and their `contributions` (any scale), 28×28 each. */
export function explainedCells(pixels: ArrayLike<number>, contributions: ArrayLike<number>, ascii: boolean): DigitCell[][] {
	const largest = largestSize(contributions);
	const share = (at: number) => (largest > 0 ? contributions[at]! / largest : 0);
	const colour = (at: number): number | null => divergingColour(share(at)) ?? (pixels[at]! > 0 ? grey(pixels[at]!) : null);
	const rows: DigitCell[][] = [];
	for (let row = 0; row < side; row += 2) {
		const cells: DigitCell[] = [];
		for (let column = 0; column < side; column++) {
			const top = row * side + column;
			const bottom = top + side;
			if (ascii) {
				const mean = (share(top) + share(bottom)) / 2;
				const ink = (pixels[top]! + pixels[bottom]!) / 2;
				const glyph = Math.abs(mean) >= quiet ? rampCharacter(mean) : shadeRamp[Math.floor((ink * shadeRamp.length) / 256)]!;
				cells.push({glyph, fg: null, bg: null});
				continue;
			}
			cells.push(stackedCell(colour(top), colour(bottom)));
		}
		rows.push(cells);
	}
	return rows;
}
