/**
 * Where the browser's parts go in the body (the room between the dashboard's
 * header and its key hints), from its size alone; nothing goes outside it.
 */
export const digitSize = {width: 28, height: 14} as const;
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
	/** Neighbouring digits drawn on each side of the selected one. */
	readonly neighbours: number;
	/** The text beside the digits. */
	readonly infoWidth: number;
	/** The digit and its text, with the header and the blank line above. */
	readonly mainHeight: number;
	/** Lines for the confusion matrix under the digit (0: none); in matrix mode it is drawn instead of the digit when 0. */
	readonly matrixBelow: number;
}

export function browserLayout(width: number, height: number): BrowserLayout {
	const w = Math.max(0, Math.floor(width));
	const h = Math.max(0, Math.floor(height));
	const room = w - digitSize.width - infoGap - infoRoomForStrip;
	const neighbours = Math.max(0, Math.min(maxNeighbours, Math.floor(room / (2 * (smallDigit.width + stripGap)))));
	const infoWidth = Math.max(0, w - digitSize.width - infoGap - 2 * neighbours * (smallDigit.width + stripGap));
	// header, a blank line, the digit and its text, and the footer line
	const mainHeight = Math.min(infoHeight, Math.max(0, h - 3));
	const spare = h - 3 - mainHeight - 1;
	// a blank line above the matrix, and its precision row when there is room
	const matrixBelow = spare >= matrixRows + 1 ? Math.min(spare, matrixRows + 2) : 0;
	return {width: w, height: h, neighbours, infoWidth, mainHeight, matrixBelow};
}
