import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {parseModel, serializeModel} from '../../../source/nn/model-file.js';
import {Network} from '../../../source/nn/network.js';
import {Rng} from '../../../source/nn/rng.js';

import {bits, file, validModel} from './model-file-fixtures.js';

describe('serializeModel → parseModel', () => {
	test('the valid fixture loads', () => {
		const model = parseModel(JSON.stringify(validModel()), file);
		assert.deepEqual(model.network.sizes, [2, 3, 2]);
		assert.deepEqual(model.classes, ['no', 'yes']);
		assert.deepEqual(model.extra, {});
	});

	test('round trip: bit-identical weights and biases, classes and extra keys kept', () => {
		const rng = new Rng(31);
		const network = Network.create([7, 5, 3], rng);
		for (const layer of network.dense) for (let k = 0; k < layer.outputs; k++) layer.biases[k] = rng.normal();
		// float32 extremes: the largest finite, the smallest subnormal, a tiny normal, an awkward fraction
		network.dense[0]!.weights.set([3.4028234663852886e38, 1.401298464324817e-45, -1.1754943508222875e-38, 1 / 3]);
		const classes = ['a', 'b', 'c'];
		const extra = {config: {hidden: [5], learningRate: 0.1}, history: [{epoch: 1, testAccuracy: 0.5}]};
		const text = serializeModel(network, classes, extra);
		const model = parseModel(text, file);
		assert.deepEqual(model.network.sizes, [7, 5, 3]);
		model.network.dense.forEach((layer, index) => {
			const original = network.dense[index]!;
			assert.deepEqual(bits(layer.weights), bits(original.weights), `layer ${index + 1} weights`);
			assert.deepEqual(bits(layer.biases), bits(original.biases), `layer ${index + 1} biases`);
		});
		assert.deepEqual(model.classes, classes);
		assert.deepEqual(model.extra, extra);
		// the extra keys cannot override the model's own
		const clash = parseModel(serializeModel(network, classes, {format: 'other', version: 9, classes: ['z'], layers: [], note: 1}), file);
		assert.deepEqual(clash.network.sizes, [7, 5, 3]);
		assert.deepEqual(clash.classes, classes);
		assert.deepEqual(clash.extra, {note: 1});
		assert.ok(text.startsWith('{"format":"mnist-tui-model"'), 'the format comes first');
	});

	test("layers are written like the tutorial's W: weights[o*inputs + i]", () => {
		const network = Network.create([3, 2], new Rng(1));
		network.dense[0]!.weights.set([0, 1, 2, 10, 11, 12]); // row o holds 10·o + i
		network.dense[0]!.biases.set([0.5, -0.5]);
		const written = JSON.parse(serializeModel(network, ['x', 'y'])) as Record<string, unknown>;
		assert.equal(written.format, 'mnist-tui-model');
		assert.equal(written.version, 1);
		assert.deepEqual(written.layers, [
			{type: 'dense', inputs: 3, outputs: 2, activation: 'softmax', weights: [0, 1, 2, 10, 11, 12], biases: [0.5, -0.5]},
		]);
		// and the forward pass reads them that way: x = e_i picks column i
		const model = parseModel(JSON.stringify(written), file);
		const p = model.network.predict(Float32Array.of(0, 1, 0), 1);
		// Z = [w[0][1] + 0.5, w[1][1] − 0.5] = [1.5, 10.5]
		assert.ok(Math.abs(p[0]! - 1 / (1 + Math.exp(9))) < 1e-7);
	});

	test('a model written by hand elsewhere loads and predicts the hand-computed probabilities', () => {
		const ln3 = Math.log(3);
		const handWritten = {
			format: 'mnist-tui-model',
			version: 1,
			classes: ['left', 'right'],
			trainedWith: 'numpy, by hand',
			layers: [
				// W1 = | 1 2 |  b1 = |  0 |
				//      | 3 0 |       | -2 |
				{type: 'dense', inputs: 2, outputs: 2, activation: 'relu', weights: [1, 2, 3, 0], biases: [0, -2]},
				// W2 = | 1 2 |  b2 = |  0   |
				//      | 3 0 |       | ln 3 |
				{type: 'dense', inputs: 2, outputs: 2, activation: 'softmax', weights: [1, 2, 3, 0], biases: [0, ln3]},
			],
		};
		const model = parseModel(JSON.stringify(handWritten, null, 2), file);
		assert.deepEqual(model.extra, {trainedWith: 'numpy, by hand'});
		const p = model.network.predict(Float32Array.of(2, 1, -2, 0.5, 0, 1), 3);
		const expected = [
			// x = [2, 1]: Z1 = [2 + 2, 6 − 2] = [4, 4]; Z2 = [4 + 8, 12 + ln 3]: p = [1/4, 3/4]
			1 / 4,
			3 / 4,
			// x = [−2, 0.5]: Z1 = [−2 + 1, −6 − 2] = [−1, −8], ReLU → [0, 0]; Z2 = [0, ln 3]: p = [1/4, 3/4]
			1 / 4,
			3 / 4,
			// x = [0, 1]: Z1 = [2, −2], ReLU → [2, 0]; Z2 = [2, 6 + ln 3]: p = [1, 3e⁴] / (1 + 3e⁴)
			1 / (1 + 3 * Math.exp(4)),
			(3 * Math.exp(4)) / (1 + 3 * Math.exp(4)),
		];
		for (const [i, value] of expected.entries()) assert.ok(Math.abs(p[i]! - value) < 1e-6, `p[${i}] = ${p[i]}, expected ${value}`);
	});
});
