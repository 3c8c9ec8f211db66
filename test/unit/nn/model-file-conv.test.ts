import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {buildNetwork, convArchitecture} from '../../../source/nn/architecture.js';
import type {Conv2d} from '../../../source/nn/conv2d.js';
import {maxParameters, parseModel, serializeModel} from '../../../source/nn/model-file.js';
import {Rng} from '../../../source/nn/rng.js';
import {random} from './finite-differences.js';
import {assertRejected, bits, file} from './model-file-fixtures.js';

/**
 * A version-2 file by hand: a 1×4×4 image, one 3×3 filter, a pool, a flatten, a dense layer of two classes.
 * K = | 1 2  0 |  on a[y][x] = 4y + x + 1 gives 12y + 3x, plus 0.5: | 0.5  3.5 |, ReLU, pool: 15.5
 *     | 0 1  0 |                                                      | 12.5 15.5 |
 *     | 0 0 -1 |
 * then Z = [1, 1]·15.5 + [0, ln 3]: p = [1/4, 3/4].
 */
function handWritten(): Record<string, unknown> & {layers: Array<Record<string, unknown>>} {
	return {
		format: 'mnist-tui-model',
		version: 2,
		classes: ['left', 'right'],
		layers: [
			{type: 'conv2d', input: [1, 4, 4], filters: 1, kernel: 3, activation: 'relu', weights: [1, 2, 0, 0, 1, 0, 0, 0, -1], biases: [0.5]},
			{type: 'maxpool2d', input: [1, 2, 2], size: 2},
			{type: 'flatten', input: [1, 1, 1]},
			{type: 'dense', inputs: 1, outputs: 2, activation: 'softmax', weights: [1, 1], biases: [0, Math.log(3)]},
		],
	};
}

function spoiltConv(change: (model: ReturnType<typeof handWritten>) => void): string {
	const model = handWritten();
	change(model);
	return JSON.stringify(model);
}

describe('version 2: image layers', () => {
	test('a file written by hand loads and predicts the hand-computed probabilities', () => {
		const model = parseModel(JSON.stringify(handWritten()), file);
		assert.deepEqual(model.network.sizes, [16, 2]);
		assert.deepEqual(
			model.network.features.map(layer => layer.constructor.name),
			['Conv2d', 'MaxPool2d', 'Flatten'],
		);
		const p = model.network.predict(
			Float32Array.from({length: 16}, (_, i) => i + 1),
			1,
		);
		assert.ok(Math.abs(p[0]! - 1 / 4) < 1e-6 && Math.abs(p[1]! - 3 / 4) < 1e-6, `p = ${p[0]}, ${p[1]}`);
	});

	test('round trip of a conv network: version 2, bit-identical parameters and predictions, extra keys kept', () => {
		const rng = new Rng(81);
		const network = buildNetwork(
			convArchitecture({channels: 1, height: 12, width: 10}, {filters: [3, 4], kernel: 3, hidden: [6], classes: 3}),
			rng,
		);
		for (const {value} of network.parameters()) if (value.every(v => v === 0)) value.set(random(rng, value.length));
		const extra = {config: {arch: 'cnn'}, history: [{epoch: 1, testAccuracy: 0.5}]};
		const text = serializeModel(network, ['a', 'b', 'c'], extra);
		const written = JSON.parse(text) as {version: number; layers: Array<Record<string, unknown>>};
		assert.equal(written.version, 2);
		assert.deepEqual(
			written.layers.map(layer => [layer.type, layer.input ?? layer.inputs]),
			[
				['conv2d', [1, 12, 10]],
				['maxpool2d', [3, 10, 8]],
				['conv2d', [3, 5, 4]],
				['maxpool2d', [4, 3, 2]],
				['flatten', [4, 1, 1]],
				['dense', 4],
				['dense', 6],
			],
		);
		assert.deepEqual(written.layers[0], {...written.layers[0], filters: 3, kernel: 3, activation: 'relu'});
		assert.deepEqual(written.layers[1], {type: 'maxpool2d', input: [3, 10, 8], size: 2});

		const model = parseModel(text, file);
		assert.deepEqual(
			model.network.parameters().map(({value}) => bits(value)),
			network.parameters().map(({value}) => bits(value)),
		);
		assert.deepEqual(model.extra, extra);
		const x = random(rng, 2 * 120, 0, 1);
		assert.deepEqual(bits(model.network.predict(x, 2).slice(0, 6)), bits(network.predict(x, 2).slice(0, 6)));
		// the first layer reads pixels and keeps no input gradient, the second keeps one
		const [first, , second] = model.network.features as Conv2d[];
		assert.equal(first!.needsInputGrad, false);
		assert.equal(second!.needsInputGrad, true);
	});

	test('a dense network is still written as version 1, and a version-2 file of dense layers loads the same', () => {
		const network = buildNetwork(
			{
				input: {channels: 1, height: 2, width: 2},
				layers: [
					{kind: 'dense', units: 3},
					{kind: 'dense', units: 2},
				],
			},
			new Rng(3),
		);
		const text = serializeModel(network, ['x', 'y']);
		assert.ok(text.startsWith('{"format":"mnist-tui-model","version":1,'));
		const asVersion2 = parseModel(text.replace('"version":1', '"version":2'), file);
		assert.deepEqual(
			asVersion2.network.parameters().map(({value}) => bits(value)),
			network.parameters().map(({value}) => bits(value)),
		);
	});
});

describe('version 2: refusals, one line each', () => {
	test('image layers in a version-1 file', () => {
		assertRejected(
			spoiltConv(model => {
				model.version = 1;
			}),
			'layer 1: type "conv2d" needs model version 2',
		);
	});

	test('an unknown layer type', () => {
		assertRejected(
			spoiltConv(model => {
				model.layers[1]!.type = 'avgpool2d';
			}),
			'layer 2: type "avgpool2d" is not supported (expected "conv2d", "maxpool2d", "flatten", "dense")',
		);
	});

	test('shapes that are not [channels, height, width] or too large', () => {
		const message = 'layer 1: "input" must be [channels, height, width]: whole numbers, at most 65536 values in all';
		for (const input of [[4, 4], [1, 4, 0], [1, 4.5, 4], '1x4x4', [64, 64, 64]]) {
			assertRejected(
				spoiltConv(model => {
					model.layers[0]!.input = input;
				}),
				message,
			);
		}
	});

	test('a convolution: filters, kernel, activation, weights and biases', () => {
		const cases: Array<[(layer: Record<string, unknown>) => void, string]> = [
			[layer => (layer.filters = 0), 'layer 1: "filters" must be a whole number from 1 to 65536'],
			[layer => (layer.kernel = 5), 'layer 1: "kernel" must be a whole number from 1 to 4, the input\'s smaller side'],
			[layer => (layer.activation = 'softmax'), 'layer 1: expected "activation": "relu"'],
			[layer => (layer.weights = [1, 2, 3]), 'layer 1 weights (1 filters × 1 channels × 3×3): expected 9 numbers, found 3'],
			[layer => (layer.biases = [Number.NaN]), 'layer 1 biases: value 0 is null, expected a finite number'],
		];
		for (const [change, message] of cases)
			assertRejected(
				spoiltConv(model => change(model.layers[0]!)),
				message,
			);
	});

	test('a pool of another size', () => {
		assertRejected(
			spoiltConv(model => {
				model.layers[1]!.size = 3;
			}),
			'layer 2: expected "size": 2 (2×2 windows, stride 2)',
		);
	});

	test('layers in an order the network cannot run', () => {
		const [conv, pool, flatten, dense] = handWritten().layers;
		const cases: Array<[unknown[], string]> = [
			[[pool, flatten, dense], 'layer 1: the first layer is a conv2d or dense layer'],
			[[conv, pool, dense], 'layer 3: a dense layer after a maxpool2d layer needs a flatten layer between them'],
			[[conv, {type: 'flatten', input: [1, 2, 2]}, pool, flatten, dense], 'layer 3: a flatten layer is followed by a dense layer'],
			[[conv, pool, flatten], 'layer 3: the last layer is a dense layer with "activation": "softmax"'],
			[
				[
					{type: 'dense', inputs: 16, outputs: 16, activation: 'relu', weights: new Array(256).fill(0), biases: new Array(16).fill(0)},
					conv,
					pool,
					flatten,
					dense,
				],
				'layer 2: a conv2d layer cannot follow a dense layer',
			],
		];
		for (const [layers, message] of cases) {
			assertRejected(
				spoiltConv(model => {
					model.layers = layers as Array<Record<string, unknown>>;
				}),
				message,
			);
		}
	});

	test('shapes that do not chain', () => {
		assertRejected(
			spoiltConv(model => {
				model.layers[1]!.input = [1, 3, 3];
			}),
			'layer 2 reads 1×3×3 but layer 1 gives 1×2×2',
		);
		assertRejected(
			spoiltConv(model => {
				model.layers[3] = {type: 'dense', inputs: 2, outputs: 2, activation: 'softmax', weights: [1, 1, 1, 1], biases: [0, 0]};
			}),
			'layer 4 has 2 inputs but layer 3 has 1 outputs',
		);
	});

	test('more weights than a network may have, from the shapes alone', () => {
		assertRejected(
			spoiltConv(model => {
				// 1024 filters of 64×8×8 on a 64×8×8 input: 4,195,328 weights and biases, the lists empty
				model.layers = [
					{type: 'conv2d', input: [64, 8, 8], filters: 1024, kernel: 8, activation: 'relu', weights: [], biases: []},
					{type: 'flatten', input: [1024, 1, 1]},
					{type: 'dense', inputs: 1024, outputs: 2, activation: 'softmax', weights: [], biases: []},
				];
			}),
			`${(1024 * (64 * 64 + 1) + 1024 * 2 + 2).toLocaleString('en-US')} weights and biases, more than the ${maxParameters.toLocaleString('en-US')} a network here may have`,
		);
	});
});
