import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {Inspector, scaledPixels} from '../../../source/nn/inspector.js';
import {type LayerWeights, Network} from '../../../source/nn/network.js';
import {Rng} from '../../../source/nn/rng.js';
import {mnistSlice} from '../../helpers/mnist-slice.js';
import {checkGradient, random} from './finite-differences.js';

/** Z_L written out, in float64: Z = W·A + b, A = max(0, Z) between layers. */
function logits(layers: readonly LayerWeights[], input: ArrayLike<number>): number[] {
	let activation = Array.from(input);
	layers.forEach(({inputs, outputs, weights, biases}, l) => {
		activation = Array.from({length: outputs}, (_, o) => {
			let z = biases[o]!;
			for (let i = 0; i < inputs; i++) z += weights[o * inputs + i]! * activation[i]!;
			return l < layers.length - 1 ? Math.max(0, z) : z;
		});
	});
	return activation;
}

describe('Inspector', () => {
	const rng = new Rng(11);
	const layers = Network.create([6, 5, 4, 3], rng, 'js').weightsCopy();
	const inspector = new Inspector(layers);
	const input = random(rng, 6, 0, 1);

	test('reads the hidden activations and the probabilities the written-out forward pass gives', () => {
		const {hidden, probabilities} = inspector.read(input);
		assert.deepEqual(
			hidden.map(units => units.length),
			[5, 4],
		);
		const z = logits(layers, input);
		const most = Math.max(...z);
		const exps = z.map(value => Math.exp(value - most));
		const total = exps.reduce((a, b) => a + b, 0);
		for (const [c, p] of probabilities.entries()) assert.ok(Math.abs(p - exps[c]! / total) < 1e-6, `p${c}`);
		const firstLayer = logits(layers.slice(0, 1), input).map(value => Math.max(0, value));
		for (const [u, a] of hidden[0]!.entries()) assert.ok(Math.abs(a - firstLayer[u]!) < 1e-6, `unit ${u}`);
	});

	for (const cls of [0, 1, 2]) {
		test(`the contributions to class ${cls} are input × ∂z/∂input, against finite differences`, () => {
			const contributions = inspector.contributions(input, cls);
			const gradient = Array.from(contributions, (value, i) => value / input[i]!);
			const probe = Float32Array.from(input);
			checkGradient(probe, gradient, () => logits(layers, probe)[cls]!, `∂z${cls}/∂x`);
		});
	}

	test('blank pixels contribute nothing, and a real digit is read as the network reads it', () => {
		const {images, labels} = mnistSlice(1);
		const pixels = images.map(value => Math.round(value * 255));
		const network = Network.create([784, 16, 10], new Rng(3), 'js');
		const reading = new Inspector(network.weightsCopy()).read(scaledPixels(pixels));
		assert.deepEqual(Array.from(reading.probabilities), Array.from(network.predict(scaledPixels(pixels), 1).slice(0, 10)));
		const contributions = new Inspector(network.weightsCopy()).contributions(scaledPixels(pixels), labels[0]!);
		pixels.forEach((value, i) => {
			if (value === 0) assert.ok(contributions[i] === 0, `pixel ${i}`);
		});
	});
});
