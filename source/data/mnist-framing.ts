/**
 * A drawing framed the way MNIST framed NIST's digits: cropped to the
 * drawing, scaled to fit a 20×20 box keeping its aspect ratio, and placed in
 * the 28×28 field with its centre of mass at the centre. A digit drawn big
 * or small, high or low, then looks to the network like the digits it
 * learned from.
 */
import {IMAGE_COLUMNS, IMAGE_ROWS} from './dataset.js';

/** The box the longer side of a digit is scaled to. */
export const DIGIT_BOX = 20;

/** Where the ink is: the first and last rows and columns holding any, or null for a blank image. */
export interface InkBox {
	readonly top: number;
	readonly left: number;
	readonly height: number;
	readonly width: number;
}

/** `image`: 28×28 values 0 to 1, row-major. Returns a new image of the same size; a blank image stays blank. */
export function frameLikeMnist(image: ArrayLike<number>): Float32Array {
	const framed = new Float32Array(IMAGE_ROWS * IMAGE_COLUMNS);
	const box = inkBox(image);
	if (!box) return framed;
	const scale = DIGIT_BOX / Math.max(box.width, box.height);
	const width = Math.max(1, Math.round(box.width * scale));
	const height = Math.max(1, Math.round(box.height * scale));
	const digit = resample(image, box, width, height);
	// the centre of mass of the scaled digit goes to the centre of the field (13.5, 13.5 in pixel indices)
	const [row, column] = centreOfMass(digit, width);
	const top = Math.round((IMAGE_ROWS - 1) / 2 - row);
	const left = Math.round((IMAGE_COLUMNS - 1) / 2 - column);
	for (let r = 0; r < height; r++) {
		for (let c = 0; c < width; c++) {
			const y = top + r;
			const x = left + c;
			if (y >= 0 && y < IMAGE_ROWS && x >= 0 && x < IMAGE_COLUMNS) framed[y * IMAGE_COLUMNS + x] = digit[r * width + c]!;
		}
	}
	return framed;
}

export function inkBox(image: ArrayLike<number>): InkBox | null {
	let top = IMAGE_ROWS,
		bottom = -1,
		left = IMAGE_COLUMNS,
		right = -1;
	for (let r = 0; r < IMAGE_ROWS; r++) {
		for (let c = 0; c < IMAGE_COLUMNS; c++) {
			if (!(image[r * IMAGE_COLUMNS + c]! > 0)) continue;
			top = Math.min(top, r);
			bottom = Math.max(bottom, r);
			left = Math.min(left, c);
			right = Math.max(right, c);
		}
	}
	return bottom < 0 ? null : {top, left, height: bottom - top + 1, width: right - left + 1};
}

/**
 * The box's pixels resampled to width × height by area: each new pixel is the
 * mean of the old pixels under it, weighted by how much of each it covers.
 * At the same size this is the box itself, pixel for pixel.
 */
function resample(image: ArrayLike<number>, box: InkBox, width: number, height: number): Float32Array {
	const out = new Float32Array(width * height);
	const rowSpans = spans(box.height, height);
	const columnSpans = spans(box.width, width);
	for (let r = 0; r < height; r++) {
		for (let c = 0; c < width; c++) {
			let sum = 0,
				area = 0;
			for (const [sourceRow, rowShare] of rowSpans[r]!) {
				for (const [sourceColumn, columnShare] of columnSpans[c]!) {
					const weight = rowShare * columnShare;
					sum += weight * image[(box.top + sourceRow) * IMAGE_COLUMNS + box.left + sourceColumn]!;
					area += weight;
				}
			}
			out[r * width + c] = sum / area;
		}
	}
	return out;
}

/** For each of `to` new pixels along a side of `from` old ones: the old pixels under it and how much of each. */
function spans(from: number, to: number): [index: number, share: number][][] {
	const step = from / to;
	return Array.from({length: to}, (_, k) => {
		const start = k * step;
		const end = start + step;
		const covered: [number, number][] = [];
		for (let i = Math.floor(start); i < Math.min(from, Math.ceil(end)); i++) {
			const share = Math.min(end, i + 1) - Math.max(start, i);
			if (share > 1e-9) covered.push([i, share]);
		}
		return covered;
	});
}

/** The intensity-weighted mean row and column of a width-wide image, in pixel indices. */
function centreOfMass(image: Float32Array, width: number): [row: number, column: number] {
	let mass = 0,
		rows = 0,
		columns = 0;
	for (let i = 0; i < image.length; i++) {
		const value = image[i]!;
		mass += value;
		rows += value * Math.floor(i / width);
		columns += value * (i % width);
	}
	return [rows / mass, columns / mass];
}
