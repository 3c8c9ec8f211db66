import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {Inspector, scaledPixels} from '../../../source/nn/inspector.js';
import {Network} from '../../../source/nn/network.js';
import {Rng} from '../../../source/nn/rng.js';
import {evaluate} from '../../../source/train/evaluate.js';
import {mnistBytes} from '../../helpers/mnist-slice.js';

describe('evaluate', () => {
	test("each hidden unit's mean activation over the images is the mean of what the unit does with each", () => {
		const count = 30;
		const images = Uint8Array.from(mnistBytes('train-images-idx3-ubyte', 16, count * 784));
		const labels = Uint8Array.from(mnistBytes('train-labels-idx1-ubyte', 8, count));
		const network = Network.create([784, 12, 6, 10], new Rng(5));
		const {meanActivations, predictions} = evaluate(network, {images, labels, count, rows: 28, columns: 28, source: 'slice'});
		const inspector = new Inspector(network.weightsCopy());
		const sums = [new Float64Array(12), new Float64Array(6)];
		for (let n = 0; n < count; n++) {
			const reading = inspector.read(scaledPixels(images.subarray(n * 784, (n + 1) * 784)));
			for (const [layer, units] of reading.hidden.entries()) for (const [u, value] of units.entries()) sums[layer]![u]! += value;
			assert.equal(predictions[n], reading.probabilities.indexOf(Math.max(...reading.probabilities)));
		}
		assert.equal(meanActivations.length, 2);
		for (const [layer, means] of meanActivations.entries()) {
			for (const [u, mean] of means.entries())
				assert.ok(Math.abs(mean - sums[layer]![u]! / count) < 1e-4, `layer ${layer + 1} unit ${u}: ${mean}`);
		}
	});
});
