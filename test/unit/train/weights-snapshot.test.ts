import assert from 'node:assert/strict';
import {test} from 'node:test';
import {buildNetwork, convArchitecture} from '../../../source/nn/architecture.js';
import {Network} from '../../../source/nn/network.js';
import {Rng} from '../../../source/nn/rng.js';
import {snapshotBuffers, weightsSnapshot} from '../../../source/train/weights-snapshot.js';

test('the buffers moved to the main thread: every dense layer’s weights and biases, then every convolution’s', () => {
	const network = buildNetwork(
		convArchitecture({channels: 1, height: 28, width: 28}, {filters: [2, 3], hidden: [4], classes: 10}),
		new Rng(1),
		'js',
	);
	const snapshot = weightsSnapshot(network);
	const buffers = snapshotBuffers(snapshot);
	const convs = snapshot.features!.flatMap(layer => (layer.type === 'conv2d' ? [layer.weights.buffer, layer.biases.buffer] : []));
	assert.deepEqual(buffers, [...snapshot.weights.flatMap(layer => [layer.weights.buffer, layer.biases.buffer]), ...convs]);
	assert.equal(convs.length, 4);
	// each its own: none is listed twice, which postMessage would refuse
	assert.equal(new Set(buffers).size, buffers.length);
});

test('a dense network: its layers only, as before image layers existed', () => {
	const snapshot = weightsSnapshot(Network.create([6, 4, 3], new Rng(2), 'js'));
	assert.deepEqual(Object.keys(snapshot), ['weights']);
	assert.equal(snapshotBuffers(snapshot).length, 4);
	assert.deepEqual(snapshotBuffers({}), []);
});
