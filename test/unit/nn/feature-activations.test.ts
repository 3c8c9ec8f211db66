/**
 * What a convolutional network shows of itself: the maps of the last
 * forward pass (each convolution's after ReLU, each pool's), checked by hand
 * on a tiny network and against the plain loops on the LeNet-like one; the
 * copies of its image layers a view is drawn from, and the Inspector built
 * from them reading as the network does.
 */
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {buildNetwork, convArchitecture} from '../../../source/nn/architecture.js';
import {jsBackend} from '../../../source/nn/backend/js-backend.js';
import {Conv2d, convForwardLoops} from '../../../source/nn/conv2d.js';
import {Dense} from '../../../source/nn/dense.js';
import {Flatten} from '../../../source/nn/flatten.js';
import {Inspector} from '../../../source/nn/inspector.js';
import {MaxPool2d, maxPoolForwardLoops} from '../../../source/nn/max-pool2d.js';
import {Network} from '../../../source/nn/network.js';
import {Rng} from '../../../source/nn/rng.js';
import {weightsSnapshot} from '../../../source/train/weights-snapshot.js';
import {random} from './finite-differences.js';

/** 1×4×4 → conv 2×2 ×2 → 2×3×3 → pool → 2×1×1 → flatten → dense 2 → 2. */
function tinyNetwork(): Network {
	const input = {channels: 1, height: 4, width: 4};
	// filter 1 adds a value and the one down and right of it; filter 2 is 0.5 minus the value
	const conv = new Conv2d(input, 2, 2, {
		backend: jsBackend,
		inputGradient: false,
		weights: Float32Array.from([1, 0, 0, 1, -1, 0, 0, 0]),
		biases: Float32Array.from([0, 0.5]),
	});
	const pool = new MaxPool2d(conv.output, jsBackend);
	const dense = new Dense(2, 2, {backend: jsBackend, weights: Float32Array.from([1, 0, 0, 1]), biases: new Float32Array(2)});
	return new Network([dense], [conv, pool, new Flatten(pool.output)]);
}

describe('the feature maps of the last forward pass', () => {
	test('a tiny conv network, by hand: the conv maps after ReLU, then the pooled maps', () => {
		const network = tinyNetwork();
		const x = network.inputBuffer(1);
		// pixel (y, x) is 4y + x
		x.set(Float32Array.from({length: 16}, (_, i) => i));
		network.predict(x, 1);
		const [conv, pool, ...rest] = network.featureActivations(1);
		assert.equal(rest.length, 0);
		assert.deepEqual({kind: conv!.kind, shape: conv!.shape}, {kind: 'conv', shape: {channels: 2, height: 3, width: 3}});
		// filter 1 at (y, x): (4y + x) + (4(y + 1) + x + 1) = 8y + 2x + 5; filter 2: 0.5 − (4y + x), negative but at (0, 0)
		assert.deepEqual(Array.from(conv!.values), [5, 7, 9, 13, 15, 17, 21, 23, 25, 0.5, 0, 0, 0, 0, 0, 0, 0, 0]);
		// the 2×2 window at the top left of each 3×3 map (the odd last row and column dropped)
		assert.deepEqual(
			{kind: pool!.kind, shape: pool!.shape, values: Array.from(pool!.values)},
			{
				kind: 'pool',
				shape: {channels: 2, height: 1, width: 1},
				values: [15, 0.5],
			},
		);
	});

	test('the LeNet-like network on a batch of 3: the plain loops and ReLU, layer by layer', () => {
		const rng = new Rng(5);
		const network = buildNetwork(
			convArchitecture({channels: 1, height: 28, width: 28}, {filters: [3, 4], hidden: [6], classes: 10}),
			rng,
			'js',
		);
		const batch = 3;
		const x = network.inputBuffer(batch);
		x.set(random(rng, batch * 784, 0, 1));
		const input = x.slice();
		network.predict(x, batch);
		const maps = network.featureActivations(batch);
		assert.deepEqual(
			maps.map(({kind, shape}) => `${kind} ${shape.channels}×${shape.height}×${shape.width}`),
			['conv 3×24×24', 'pool 3×12×12', 'conv 4×8×8', 'pool 4×4×4'],
		);
		let activation = input;
		for (const [index, layer] of network.features.entries()) {
			if (layer instanceof Conv2d) {
				const z = new Float32Array(batch * layer.outputs);
				convForwardLoops(activation, layer.weights, layer.biases, z, batch, layer.geometry);
				activation = z.map(value => Math.max(0, value));
			} else if (layer instanceof MaxPool2d) {
				const z = new Float32Array(batch * layer.outputs);
				maxPoolForwardLoops(activation, z, new Int32Array(z.length), batch, layer.input);
				activation = z;
			} else continue;
			assert.deepEqual(maps[index]!.values, activation, `layer ${index + 1}`);
		}
	});

	test('a dense network has none', () => {
		const network = Network.create([4, 3, 2], new Rng(1), 'js');
		network.predict(network.inputBuffer(1), 1);
		assert.deepEqual(network.featureActivations(1), []);
		assert.deepEqual(weightsSnapshot(network).features, undefined);
	});
});

describe('the weights snapshot of a conv network', () => {
	const rng = new Rng(9);
	const network = buildNetwork(
		convArchitecture({channels: 1, height: 28, width: 28}, {filters: [2, 3], hidden: [5], classes: 10}),
		rng,
		'js',
	);
	const snapshot = weightsSnapshot(network);

	test('copies the image layers: their kinds and shapes, the convolutions’ weights, nothing shared', () => {
		assert.deepEqual(
			snapshot.features?.map(layer => layer.type),
			['conv2d', 'maxpool2d', 'conv2d', 'maxpool2d', 'flatten'],
		);
		const first = snapshot.features![0]!;
		assert.ok(first.type === 'conv2d');
		assert.deepEqual([first.filters, first.kernel, first.input], [2, 5, {channels: 1, height: 28, width: 28}]);
		const conv = network.features[0] as Conv2d;
		assert.deepEqual(first.weights, conv.weights);
		assert.notEqual(first.weights.buffer, conv.weights.buffer);
	});

	test('an Inspector made from it reads an image as the network does: the probabilities and the maps', () => {
		const image = random(rng, 784, 0, 1);
		const x = network.inputBuffer(1);
		x.set(image);
		const probabilities = network.predict(x, 1).slice(0, 10);
		const maps = network.featureActivations(1).map(({values}) => values.slice());
		const reading = new Inspector(snapshot.weights, snapshot.features).read(image);
		assert.deepEqual(reading.probabilities, probabilities);
		assert.deepEqual(
			reading.maps.map(({values}) => values),
			maps,
		);
		assert.equal(reading.hidden[0]!.length, 5);
	});
});
