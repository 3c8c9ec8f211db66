/**
 * Just enough of an IDX reader for the benchmark: raw (not gzipped) MNIST
 * images and labels, checked for magic and length, pixels kept as bytes.
 */
import {readFileSync} from 'node:fs';

const imagesMagic = 0x00000803;
const labelsMagic = 0x00000801;

export interface BenchData {
	/** count × 784 pixels, 0-255, image after image. */
	readonly images: Uint8Array;
	readonly labels: Uint8Array;
	readonly count: number;
	readonly imageSize: number;
}

export function readMnist(imagesPath: string, labelsPath: string): BenchData {
	const imageBytes = readFileSync(imagesPath);
	const labelBytes = readFileSync(labelsPath);
	const images = new DataView(imageBytes.buffer, imageBytes.byteOffset, imageBytes.byteLength);
	const labels = new DataView(labelBytes.buffer, labelBytes.byteOffset, labelBytes.byteLength);
	if (images.byteLength < 16 || images.getUint32(0) !== imagesMagic) throw new Error(`${imagesPath}: not an IDX image file`);
	if (labels.byteLength < 8 || labels.getUint32(0) !== labelsMagic) throw new Error(`${labelsPath}: not an IDX label file`);
	const count = images.getUint32(4);
	const imageSize = images.getUint32(8) * images.getUint32(12);
	if (labels.getUint32(4) !== count) throw new Error(`${count} images but ${labels.getUint32(4)} labels`);
	if (imageBytes.byteLength < 16 + count * imageSize) throw new Error(`${imagesPath}: shorter than its header says`);
	if (labelBytes.byteLength < 8 + count) throw new Error(`${labelsPath}: shorter than its header says`);
	return {
		images: imageBytes.subarray(16, 16 + count * imageSize),
		labels: labelBytes.subarray(8, 8 + count),
		count,
		imageSize,
	};
}
