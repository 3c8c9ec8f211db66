/**
 * Where the browser's parts go in the body (the room between the dashboard's
 * header and its key hints), from its size alone; nothing goes outside it.
 */
export const digitSize = {width: 28, height: 14} as const;
/** The digit twice as big (two columns and one line a pixel), when the matrix still fits below it. */
export const largeDigitSize = {width: 56, height: 28} as const;
/** A neighbouring digit: 14x7 art over two lines of labels. */
export const smallDigit = {width: 14, art: 7, height: 9} as const;

/** Columns between the digits of the strip, and between the digits and the text beside them. */
export const stripGap = 2;
export const infoGap = 3;
/** The text beside the digit: five lines, then ten probability bars. */
export const infoHeight = 15;
/** The text column needs this much before neighbours are drawn beside the digit. */
const infoRoomForStrip = 50;
const maxNeighbours = 3;
/** Title, column labels, ten rows; then the precision row when there is room. */
const matrixRows = 12;

export interface BrowserLayout {
	readonly width: number;
	readonly height: number;
	/** The selected digit's drawing: 1 is 28x14, 2 is 56x28. */
	readonly zoom: 1 | 2;
	/** Neighbouring digits drawn on each side of the selected one. */
	readonly neighbours: number;
	/** Lines above a neighbour, to centre it on the digit. */
	readonly neighbourTop: number;
	/** The text beside the digits. */
	readonly infoWidth: number;
	/** The digit and its text, with the header and the blank line above. */
	readonly mainHeight: number;
	/** The next digits of the list in a row under the digit (0: no row). */
	readonly stripBelow: number;
	/** Lines for the confusion matrix under the digit (0: none); in matrix mode it is drawn instead of the digit when 0. */
	readonly matrixBelow: number;
}

export function browserLayout(width: number, height: number): BrowserLayout {
	const w = Math.max(0, Math.floor(width));
	const h = Math.max(0, Math.floor(height));
	// header and blank line, the digit row, a blank line and the matrix, the footer line
	const large = w >= largeDigitSize.width + infoGap + infoRoomForStrip && h - 3 - largeDigitSize.height - 1 >= matrixRows + 1;
	const digit = large ? largeDigitSize : digitSize;
	const room = w - digit.width - infoGap - infoRoomForStrip;
	const neighbours = Math.max(0, Math.min(maxNeighbours, Math.floor(room / (2 * (smallDigit.width + stripGap)))));
	const infoWidth = Math.max(0, w - digit.width - infoGap - 2 * neighbours * (smallDigit.width + stripGap));
	const mainHeight = Math.min(large ? largeDigitSize.height : infoHeight, Math.max(0, h - 3));
	const neighbourTop = Math.ceil((digit.height - smallDigit.height) / 2);
	// with the large digit, a row of the next digits when the matrix leaves room for one
	const stripRoom = h - 3 - mainHeight - 1 - (matrixRows + 1) - 1;
	const stripBelow = large && stripRoom >= smallDigit.height ? Math.floor((w + stripGap) / (smallDigit.width + stripGap)) : 0;
	const spare = h - 3 - mainHeight - 1 - (stripBelow > 0 ? smallDigit.height + 1 : 0);
	// a blank line above the matrix, and its precision row when there is room
	const matrixBelow = spare >= matrixRows + 1 ? Math.min(spare, matrixRows + 2) : 0;
	return {width: w, height: h, zoom: large ? 2 : 1, neighbours, neighbourTop, infoWidth, mainHeight, stripBelow, matrixBelow};
}
