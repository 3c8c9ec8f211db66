import {convForwardLoops, convInputGradLoops, convOutputs, convWeightGradLoops} from '../conv2d.js';
import {maxPoolBackwardLoops, maxPoolForwardLoops} from '../max-pool2d.js';
import {adamStep} from '../optim/adam.js';
import {gradientDescentStep} from '../optim/gd.js';
import {momentumStep} from '../optim/momentum.js';
import {relu, reluGrad} from '../relu.js';
import {softmaxCrossEntropyStep} from '../softmax-cross-entropy.js';
import type {Backend} from './backend.js';
import {accumulateWeightGrad, denseForward, inputGrad} from './js-products.js';

/** pixel / 255 for every byte value: exactly what f32 division gives, as a table lookup. */
const pixelScale = Float32Array.from({length: 256}, (_, value) => value / 255);

/**
 * Plain TypeScript on ordinary Float32Arrays, on the calling thread: the
 * layers' and optimizers' own loops, with the products register-tiled
 * (js-products.ts). The fallback where WebAssembly SIMD is missing.
 */
export const jsBackend: Backend = {
	name: 'js',
	threads: 1,
	allocate: length => new Float32Array(length),
	owns: () => true,
	denseForward(x, w, b, out, batch, inputs, outputs, applyRelu) {
		denseForward(x, w, b, out, batch, inputs, outputs);
		if (applyRelu) relu(out.subarray(0, batch * outputs));
	},
	accumulateWeightGrad,
	inputGrad,
	convForward(a, w, b, z, batch, geometry, applyRelu) {
		convForwardLoops(a, w, b, z, batch, geometry);
		if (applyRelu) relu(z.subarray(0, batch * convOutputs(geometry)));
	},
	convWeightGrad: convWeightGradLoops,
	convInputGrad: convInputGradLoops,
	maxPoolForward: maxPoolForwardLoops,
	maxPoolBackward: maxPoolBackwardLoops,
	// nothing to skip: the zeros cost what any value does
	get sparseInput() {
		return jsBackend;
	},
	updates: {gradientDescent: gradientDescentStep, momentum: momentumStep, adam: adamStep},
	relu,
	reluGrad,
	fillZero: values => values.fill(0),
	softmaxCrossEntropyStep,
	allFinite,
	packPixels(images, order, start, count, size, out) {
		for (let r = 0; r < count; r++) {
			const from = (order ? order[start + r]! : start + r) * size,
				to = r * size;
			for (let p = 0; p < size; p++) out[to + p] = pixelScale[images[from + p]!]!;
		}
	},
	close() {},
};

/** Whether every value is a finite number: x·0 is 0 for a finite x and NaN otherwise, so sums tell without a branch per value. */
function allFinite(values: Float32Array): boolean {
	let a = 0,
		b = 0,
		c = 0,
		d = 0;
	const whole = values.length - (values.length % 4);
	for (let i = 0; i < whole; i += 4) {
		a += values[i]! * 0;
		b += values[i + 1]! * 0;
		c += values[i + 2]! * 0;
		d += values[i + 3]! * 0;
	}
	for (let i = whole; i < values.length; i++) a += values[i]! * 0;
	return a + b + c + d === 0;
}
