/**
 * The shape of one image-like activation: channels of height × width values.
 * A batch is a flat [batch, channels·height·width] array, channel-major
 * (value (c, y, x) of image r at r·size + (c·height + y)·width + x), the
 * same rows a dense layer reads.
 */
export interface ImageShape {
	readonly channels: number;
	readonly height: number;
	readonly width: number;
}

/** Values in one image of this shape. */
export const imageSize = ({channels, height, width}: ImageShape): number => channels * height * width;

/** c×h×w, as the network's shapes are written in messages. */
export const shapeText = ({channels, height, width}: ImageShape): string => `${channels}×${height}×${width}`;

/** A convolution's dimensions: input C×H×W, F filters of K×K, so output F×(H−K+1)×(W−K+1) (conv2d.ts). */
export interface ConvGeometry {
	readonly channels: number;
	readonly height: number;
	readonly width: number;
	readonly filters: number;
	readonly kernel: number;
}
