import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {Network} from '../../../source/nn/network.js';
import {createOptimizer} from '../../../source/nn/optim/create-optimizer.js';
import {optimizerNames} from '../../../source/nn/optim/optimizer.js';
import {Rng} from '../../../source/nn/rng.js';
import {mnistSlice} from '../../helpers/mnist-slice.js';
import {checkGradient, random} from './finite-differences.js';

/** The first MNIST training image as pixel / 255, and its label. */
function firstImage(): {image: Float32Array; label: number} {
	const {images, labels} = mnistSlice(1);
	return {image: images, label: labels[0]!};
}

describe('training steps', () => {
	const {image, label} = firstImage();

	for (const name of optimizerNames) {
		test(`one ${name} step raises the true-class probability of the image`, () => {
			const network = Network.create([784, 32, 10], new Rng(7));
			const before = network.predict(image, 1)[label]!;
			network.zeroGradients();
			network.trainBatch(image, [label], 1, 1);
			createOptimizer(name, 0.01).step(network.parameters());
			const after = network.predict(image, 1)[label]!;
			assert.ok(after > before, `p(${label}) went from ${before} to ${after}`);
			assert.ok(after < 1);
		});
	}

	test('the same seed gives identical initial weights, another seed different ones', () => {
		const weights = (seed: number) =>
			Network.create([784, 16, 10], new Rng(seed))
				.parameters()
				.map(p => Array.from(p.value));
		assert.deepEqual(weights(3), weights(3));
		const [a, b] = [weights(3), weights(4)];
		assert.notDeepEqual(a[0], b[0]);
		assert.notDeepEqual(a[2], b[2]);
	});
});

describe('the network against finite differences', () => {
	for (const [sizes, seed] of [
		[[6, 5, 3], 21],
		[[4, 7, 5, 3], 22],
	] as const) {
		test(`network [${sizes.join(', ')}] through trainBatch: every weight and bias`, () => {
			const rng = new Rng(seed);
			const network = Network.create(sizes, rng);
			for (const layer of network.dense) layer.biases.set(random(rng, layer.outputs, -0.1, 0.1));
			const batch = 4,
				classes = sizes[sizes.length - 1]!;
			const x = random(rng, batch * sizes[0]!);
			const labels = Array.from({length: batch}, () => rng.int(classes));
			const scale = 1 / batch;
			// trainBatch's loss is the summed cross-entropy; the gradients it adds are of loss·scale
			const loss = () => network.trainBatch(x, labels, batch, scale).loss * scale;

			network.zeroGradients();
			network.trainBatch(x, labels, batch, scale);
			const parameters = network.parameters();
			assert.equal(parameters.length, 2 * (sizes.length - 1));
			const analytic = parameters.map(parameter => Float64Array.from(parameter.grad));
			assert.ok(
				analytic.every(grad => grad.some(value => value !== 0)),
				'every parameter has some gradient',
			);
			parameters.forEach((parameter, index) => {
				const layer = Math.floor(index / 2) + 1;
				checkGradient(parameter.value, analytic[index]!, loss, `layer ${layer} ${index % 2 === 0 ? 'dW' : 'db'}`);
			});
		});
	}
});
