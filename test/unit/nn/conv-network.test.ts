import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {
	type Architecture,
	architectureParameters,
	architectureProblem,
	buildNetwork,
	convArchitecture,
} from '../../../source/nn/architecture.js';
import {createBackend} from '../../../source/nn/backend/create-backend.js';
import {jsBackend} from '../../../source/nn/backend/js-backend.js';
import {Conv2d} from '../../../source/nn/conv2d.js';
import {Dense} from '../../../source/nn/dense.js';
import {Flatten} from '../../../source/nn/flatten.js';
import {MaxPool2d} from '../../../source/nn/max-pool2d.js';
import {Network} from '../../../source/nn/network.js';
import {Rng} from '../../../source/nn/rng.js';
import {checkGradient, random} from './finite-differences.js';
import {bits} from './model-file-fixtures.js';

const mnistShape = {channels: 1, height: 28, width: 28};

describe('architectures', () => {
	test('the LeNet-like network: conv 5×5 8 → pool → conv 5×5 16 → pool → flatten → dense 10', () => {
		const network = buildNetwork(convArchitecture(mnistShape, {filters: [8, 16], classes: 10}), new Rng(1), jsBackend);
		const shapes = network.features.map(layer => [layer.constructor.name, layer.input, layer.outputs]);
		assert.deepEqual(shapes, [
			['Conv2d', mnistShape, 8 * 24 * 24],
			['MaxPool2d', {channels: 8, height: 24, width: 24}, 8 * 12 * 12],
			['Conv2d', {channels: 8, height: 12, width: 12}, 16 * 8 * 8],
			['MaxPool2d', {channels: 16, height: 8, width: 8}, 16 * 4 * 4],
			['Flatten', {channels: 16, height: 4, width: 4}, 256],
		]);
		assert.deepEqual(network.sizes, [784, 10]);
		assert.equal(network.classes, 10);
		const parameters = network.parameters().reduce((sum, {value}) => sum + value.length, 0);
		// 8·(25 + 1) + 16·(8·25 + 1) + 10·(256 + 1)
		assert.equal(parameters, 208 + 3216 + 2570);
		assert.equal(architectureParameters(convArchitecture(mnistShape, {filters: [8, 16], classes: 10})), parameters);
	});

	test('He initialisation with fan-in channels·kernel², biases zero', () => {
		const network = buildNetwork(convArchitecture(mnistShape, {filters: [32, 32], classes: 10}), new Rng(2), jsBackend);
		const second = network.features[2] as Conv2d;
		assert.equal(second.fanIn, 32 * 25);
		let squares = 0;
		for (const w of second.weights) squares += w * w;
		const variance = squares / second.weights.length;
		// 25,600 draws of variance 2/800: within 5% of it
		assert.ok(Math.abs(variance / (2 / 800) - 1) < 0.05, `variance ${variance}`);
		assert.ok(second.biases.every(b => b === 0));
	});

	test('a dense-only architecture builds the network Network.create builds, to the bit', () => {
		const architecture: Architecture = {
			input: mnistShape,
			layers: [
				{kind: 'dense', units: 32},
				{kind: 'dense', units: 10},
			],
		};
		const built = buildNetwork(architecture, new Rng(9), jsBackend);
		const created = Network.create([784, 32, 10], new Rng(9), jsBackend);
		assert.deepEqual(built.sizes, created.sizes);
		assert.equal(built.features.length, 0);
		assert.deepEqual(
			built.parameters().map(({value}) => bits(value)),
			created.parameters().map(({value}) => bits(value)),
		);
		assert.equal(architectureParameters(architecture), 784 * 32 + 32 + 32 * 10 + 10);
	});

	test('what an architecture may not be, in one line', () => {
		const problem = (layers: Architecture['layers'], input = mnistShape) => architectureProblem({input, layers});
		assert.equal(problem([{kind: 'dense', units: 10}]), null);
		assert.equal(problem([]), 'the last layer is the dense layer of the classes');
		assert.equal(problem([{kind: 'conv', filters: 4, kernel: 5}]), 'the last layer is the dense layer of the classes');
		assert.equal(
			problem([
				{kind: 'dense', units: 10},
				{kind: 'conv', filters: 4, kernel: 5},
				{kind: 'dense', units: 10},
			]),
			'layer 2: a conv layer comes before the dense layers',
		);
		assert.equal(problem([{kind: 'pool'}, {kind: 'dense', units: 10}]), 'layer 1: the first image layer is a convolution');
		assert.equal(
			problem([
				{kind: 'conv', filters: 4, kernel: 29},
				{kind: 'dense', units: 10},
			]),
			'layer 1: a 29×29 kernel does not fit maps of 28×28',
		);
		assert.equal(
			problem([{kind: 'conv', filters: 4, kernel: 27}, {kind: 'pool'}, {kind: 'pool'}, {kind: 'dense', units: 10}]),
			'layer 3: a 2×2 pool needs maps of at least 2×2, not 1×1',
		);
		assert.equal(
			problem([
				{kind: 'conv', filters: 0, kernel: 3},
				{kind: 'dense', units: 10},
			]),
			'layer 1: a convolution has 1 or more filters',
		);
		assert.throws(() => buildNetwork({input: mnistShape, layers: []}, new Rng(1), jsBackend), /the last layer is the dense layer/);
	});

	test('image layers that do not chain are refused when the network is put together', () => {
		const conv = new Conv2d({channels: 1, height: 6, width: 6}, 2, 3, {backend: jsBackend});
		const dense = new Dense(8, 2, {backend: jsBackend});
		assert.throws(() => new Network([dense], [conv]), /image layers end with a flatten/);
		assert.throws(
			() => new Network([dense], [new MaxPool2d(conv.output, jsBackend), new Flatten(conv.output)]),
			/start with a convolution/,
		);
		assert.throws(
			() =>
				new Network(
					[dense],
					[conv, new MaxPool2d({channels: 2, height: 5, width: 5}, jsBackend), new Flatten({channels: 2, height: 2, width: 2})],
				),
			/layer 2 reads 2×5×5 but layer 1 gives 2×4×4/,
		);
		assert.throws(() => new Network([dense], [conv, new Flatten(conv.output)]), /the flatten gives 32 values but the dense layer takes 8/);
	});
});

describe('a conv network against finite differences', () => {
	// conv → relu → pool → conv → relu → pool → flatten → dense → relu → dense → softmax, odd sizes throughout
	const architecture: Architecture = {
		input: {channels: 2, height: 11, width: 9},
		layers: [
			{kind: 'conv', filters: 3, kernel: 3},
			{kind: 'pool'},
			{kind: 'conv', filters: 3, kernel: 2},
			{kind: 'pool'},
			{kind: 'dense', units: 5},
			{kind: 'dense', units: 4},
		],
	};

	test('through trainBatch: every weight and bias of every layer against the loss', () => {
		const rng = new Rng(71);
		const network = buildNetwork(architecture, rng);
		for (const {value} of network.parameters()) if (value.every(v => v === 0)) value.set(random(rng, value.length, -0.2, 0.2));
		const batch = 3,
			classes = 4;
		const x = random(rng, batch * 2 * 11 * 9);
		const labels = Array.from({length: batch}, () => rng.int(classes));
		const scale = 1 / batch;
		const loss = () => network.trainBatch(x, labels, batch, scale).loss * scale;

		network.zeroGradients();
		network.trainBatch(x, labels, batch, scale);
		const parameters = network.parameters();
		assert.equal(parameters.length, 8);
		const analytic = parameters.map(parameter => Float64Array.from(parameter.grad));
		assert.ok(
			analytic.every(grad => grad.some(value => value !== 0)),
			'every parameter has some gradient',
		);
		const names = ['conv 1 dK', 'conv 1 db', 'conv 2 dK', 'conv 2 db', 'dense 1 dW', 'dense 1 db', 'dense 2 dW', 'dense 2 db'];
		for (const [index, parameter] of parameters.entries()) checkGradient(parameter.value, analytic[index]!, loss, names[index]!);
	});

	for (const backend of ['js', 'wasm'] as const) {
		test(`${backend}: trainBatch with replace writes every layer's gradients over what was there`, () => {
			const [cleared, replaced] = [1, 2].map(() => buildNetwork(architecture, new Rng(73), createBackend(backend)));
			const rng = new Rng(74);
			const batch = 3;
			const x = random(rng, batch * 2 * 11 * 9);
			const labels = [1, 3, 0];
			cleared!.zeroGradients();
			cleared!.trainBatch(x, labels, batch, 1 / batch);
			for (const {grad} of replaced!.parameters()) grad.fill(Number.NaN);
			replaced!.trainBatch(x, labels, batch, 1 / batch, true);
			const expected = cleared!.parameters();
			for (const [index, {grad}] of replaced!.parameters().entries()) {
				assert.ok(
					expected[index]!.grad.some(value => value !== 0),
					`parameter ${index} has some gradient`,
				);
				assert.deepEqual(grad, expected[index]!.grad, `parameter ${index}`);
			}
		});
	}

	test('scoreGradient through every layer: the input gradient of one class score, batch 1', () => {
		const rng = new Rng(72);
		const built = buildNetwork(architecture, rng, jsBackend);
		// the same layers, with a first convolution that keeps its input gradient
		const [first, ...rest] = built.features as [Conv2d, ...Array<Conv2d | MaxPool2d | Flatten>];
		const conv = new Conv2d(first.input, 3, 3, {backend: jsBackend, weights: first.weights, biases: random(rng, 3, -0.2, 0.2)});
		const network = new Network(built.dense, [conv, ...rest]);
		const x = random(rng, 2 * 11 * 9);
		// log p_2 − log p_0 = z_2 − z_0: a difference of two scores, read from the probabilities
		const scores = () => {
			const p = network.predict(x, 1);
			return Math.log(p[2]!) - Math.log(p[0]!);
		};
		const two = Float64Array.from(network.scoreGradient(x, 2));
		const zero = Float64Array.from(network.scoreGradient(x, 0));
		checkGradient(
			x,
			two.map((value, i) => value - zero[i]!),
			scores,
			'd(z2 − z0)/dX',
		);
		assert.ok(
			network.parameters().every(({grad}) => grad.every(value => value === 0)),
			'the weight gradients are cleared again',
		);
	});
});
