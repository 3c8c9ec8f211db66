import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {embeddedMnistFiles} from '../../../source/data/embedded.js';
import {readIdxImages} from '../../../source/data/idx.js';
import {DIGIT_BOX, frameLikeMnist, inkBox} from '../../../source/data/mnist-framing.js';

const side = 28;
const blank = () => new Float32Array(side * side);
const paint = (image: Float32Array, rows: [number, number], columns: [number, number], value = 1) => {
	for (let r = rows[0]; r <= rows[1]; r++) for (let c = columns[0]; c <= columns[1]; c++) image[r * side + c] = value;
	return image;
};

/** The image moved down by dy and right by dx, what moves out lost. */
function shifted(image: ArrayLike<number>, dy: number, dx: number): Float32Array {
	const out = blank();
	for (let r = 0; r < side; r++) {
		for (let c = 0; c < side; c++) {
			const y = r + dy,
				x = c + dx;
			if (y >= 0 && y < side && x >= 0 && x < side) out[y * side + x] = image[r * side + c]!;
		}
	}
	return out;
}

describe('frameLikeMnist', () => {
	test('a blank drawing stays blank', () => {
		assert.deepEqual(frameLikeMnist(blank()), blank());
	});

	test('one pixel becomes the 20×20 box, centred: rows and columns 4 to 23', () => {
		const framed = frameLikeMnist(paint(blank(), [0, 0], [27, 27], 0.5));
		assert.deepEqual(framed, paint(blank(), [4, 23], [4, 23], 0.5));
	});

	test('a small vertical stroke is scaled to 20 high and kept 2 wide in proportion, its centre of mass at the centre', () => {
		// 10 high, 1 wide, at the top left: scaled by 2 to 20 × 2
		const framed = frameLikeMnist(paint(blank(), [0, 9], [0, 0]));
		const box = inkBox(framed)!;
		assert.deepEqual(box, {top: 4, left: 13, height: DIGIT_BOX, width: 2});
		assert.ok(framed.every(value => value === 0 || value === 1));
	});

	test('a wide drawing keeps its aspect ratio: 12 × 6 becomes 20 × 10', () => {
		const framed = frameLikeMnist(paint(blank(), [3, 8], [2, 13]));
		const box = inkBox(framed)!;
		assert.deepEqual([box.width, box.height], [20, 10]);
		// the mean of the area under each new pixel: a solid rectangle stays solid
		assert.ok(framed.every(value => value === 0 || Math.abs(value - 1) < 1e-6));
	});

	test('an uneven drawing is placed by its centre of mass, not its box', () => {
		// a heavy left column and a light one six pixels right: the mass sits left of the box's middle
		const image = paint(paint(blank(), [4, 23], [4, 4], 1), [4, 23], [10, 10], 0.5);
		const framed = frameLikeMnist(image);
		const box = inkBox(framed)!;
		assert.deepEqual([box.left, box.width], [12, 7], 'the box is not centred (it would start at column 10)');
		let mass = 0,
			column = 0;
		framed.forEach((value, i) => {
			mass += value;
			column += value * (i % side);
		});
		assert.ok(Math.abs(column / mass - 13.5) <= 0.5, `centre of mass at column ${column / mass}`);
	});

	test('real MNIST test digits come back as they were, moved by at most a pixel', async () => {
		const {images} = await readIdxImages(embeddedMnistFiles().test.images);
		let exact = 0;
		for (let n = 0; n < 1000; n++) {
			const digit = Float32Array.from(images.subarray(n * 784, (n + 1) * 784), value => value / 255);
			const framed = frameLikeMnist(digit);
			const shifts = [-1, 0, 1].flatMap(dy => [-1, 0, 1].map(dx => shifted(digit, dy, dx)));
			const closest = Math.min(...shifts.map(candidate => candidate.reduce((sum, value, i) => sum + Math.abs(value - framed[i]!), 0)));
			// 9,997 of the 10,000 are exactly 20 pixels on their longer side, so nothing is rescaled
			if (Math.max(inkBox(digit)!.width, inkBox(digit)!.height) === DIGIT_BOX) assert.ok(closest < 1e-5, `digit ${n + 1}: ${closest}`);
			if (closest < 1e-5) exact++;
		}
		assert.ok(exact >= 998, `${exact} of 1,000`);
	});
});
