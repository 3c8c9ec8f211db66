import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import type {Backend} from '../../../source/nn/backend/backend.js';
import {createBackend} from '../../../source/nn/backend/create-backend.js';
import {Network} from '../../../source/nn/network.js';
import {GradientDescent} from '../../../source/nn/optim/gd.js';
import {Rng} from '../../../source/nn/rng.js';
import {mnistBytes} from '../../helpers/mnist-slice.js';

/**
 * One full-batch gradient-descent step of the tutorial's [784 → 50 → 10]
 * network on the first m real MNIST training images, against the tutorial's
 * formulas written out in float64 with its own layout: X is (784, m), one
 * image per column, and Z, A, dZ are (units, m).
 */
const m = 200,
	n0 = 784,
	n1 = 50,
	n2 = 10,
	lr = 0.5;
const readStart = (name: string, bytes: number): Buffer => mnistBytes(name, 0, bytes);

const imageFile = readStart('train-images-idx3-ubyte', 16 + m * n0);
const labelFile = readStart('train-labels-idx1-ubyte', 8 + m);
assert.deepEqual([imageFile.readUInt32BE(0), imageFile.readUInt32BE(8), imageFile.readUInt32BE(12)], [2051, 28, 28]);
assert.equal(labelFile.readUInt32BE(0), 2049);
const pixels = imageFile.subarray(16);
const labels = Uint8Array.from(labelFile.subarray(8));

/** The engine's input: [m, 784] row-major, pixel / 255. */
const input = Float32Array.from(pixels, pixel => pixel / 255);

interface Reference {
	w1: Float64Array;
	b1: Float64Array;
	w2: Float64Array;
	b2: Float64Array;
	dw1: Float64Array;
	db1: Float64Array;
	dw2: Float64Array;
	db2: Float64Array;
	cost: number;
}

/** The tutorial's forward, cost and backward; W is (n_l, n_(l-1)), so W[k][i] is w[k*n_(l-1) + i]. */
function tutorialStep(network: Network): Reference {
	const layer1 = network.dense[0]!,
		layer2 = network.dense[1]!;
	const w1 = Float64Array.from(layer1.weights),
		b1 = Float64Array.from(layer1.biases);
	const w2 = Float64Array.from(layer2.weights),
		b2 = Float64Array.from(layer2.biases);
	// X[i][j] = pixel i of image j
	const X = new Float64Array(n0 * m);
	for (let j = 0; j < m; j++) for (let i = 0; i < n0; i++) X[i * m + j] = pixels[j * n0 + i]! / 255;
	// Z1 = W1·X + b1, A1 = ReLU(Z1)
	const Z1 = new Float64Array(n1 * m),
		A1 = new Float64Array(n1 * m);
	for (let k = 0; k < n1; k++) {
		for (let j = 0; j < m; j++) {
			let z = b1[k]!;
			for (let i = 0; i < n0; i++) z += w1[k * n0 + i]! * X[i * m + j]!;
			Z1[k * m + j] = z;
			A1[k * m + j] = Math.max(0, z);
		}
	}
	// Z2 = W2·A1 + b2, A2 = softmax(Z2) column by column
	const A2 = new Float64Array(n2 * m);
	for (let j = 0; j < m; j++) {
		let sum = 0;
		for (let k = 0; k < n2; k++) {
			let z = b2[k]!;
			for (let h = 0; h < n1; h++) z += w2[k * n1 + h]! * A1[h * m + j]!;
			A2[k * m + j] = Math.exp(z);
			sum += Math.exp(z);
		}
		for (let k = 0; k < n2; k++) A2[k * m + j] = A2[k * m + j]! / sum;
	}
	// cost = −(1/m) Σ log A2[label_j][j]
	let cost = 0;
	for (let j = 0; j < m; j++) cost -= Math.log(A2[labels[j]! * m + j]!) / m;
	// dZ2 = A2 − Y
	const dZ2 = new Float64Array(n2 * m);
	for (let k = 0; k < n2; k++) for (let j = 0; j < m; j++) dZ2[k * m + j] = A2[k * m + j]! - (labels[j] === k ? 1 : 0);
	// dW2 = dZ2·A1ᵀ / m, db2 = Σ dZ2 / m
	const dw2 = new Float64Array(n2 * n1),
		db2 = new Float64Array(n2);
	for (let k = 0; k < n2; k++) {
		for (let h = 0; h < n1; h++) {
			let sum = 0;
			for (let j = 0; j < m; j++) sum += dZ2[k * m + j]! * A1[h * m + j]!;
			dw2[k * n1 + h] = sum / m;
		}
		let sum = 0;
		for (let j = 0; j < m; j++) sum += dZ2[k * m + j]!;
		db2[k] = sum / m;
	}
	// dZ1 = W2ᵀ·dZ2 * (Z1 > 0)
	const dZ1 = new Float64Array(n1 * m);
	for (let h = 0; h < n1; h++) {
		for (let j = 0; j < m; j++) {
			let sum = 0;
			for (let k = 0; k < n2; k++) sum += w2[k * n1 + h]! * dZ2[k * m + j]!;
			dZ1[h * m + j] = Z1[h * m + j]! > 0 ? sum : 0;
		}
	}
	// dW1 = dZ1·Xᵀ / m, db1 = Σ dZ1 / m
	const dw1 = new Float64Array(n1 * n0),
		db1 = new Float64Array(n1);
	for (let h = 0; h < n1; h++) {
		for (let i = 0; i < n0; i++) {
			let sum = 0;
			for (let j = 0; j < m; j++) sum += dZ1[h * m + j]! * X[i * m + j]!;
			dw1[h * n0 + i] = sum / m;
		}
		let sum = 0;
		for (let j = 0; j < m; j++) sum += dZ1[h * m + j]!;
		db1[h] = sum / m;
	}
	return {w1, b1, w2, b2, dw1, db1, dw2, db2, cost};
}

function newNetwork(backend?: Backend): Network {
	const rng = new Rng(2024);
	const network = Network.create([n0, n1, n2], rng, backend);
	// small nonzero biases, so the bias terms are checked as well
	for (const layer of network.dense) for (let k = 0; k < layer.outputs; k++) layer.biases[k] = (rng.next() - 0.5) * 0.1;
	return network;
}

/** The network's gradients against the written-out formulas' dW1, db1, dW2, db2. */
function assertGradients(network: Network, reference: Reference): void {
	const expected = [reference.dw1, reference.db1, reference.dw2, reference.db2];
	network.parameters().forEach(({grad}, index) => {
		assert.ok(maxDifference(grad, expected[index]!) < 1e-6, `parameter ${index}: ${maxDifference(grad, expected[index]!)}`);
	});
}

function maxDifference(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
	assert.equal(actual.length, expected.length);
	let worst = 0;
	for (let i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(actual[i]! - expected[i]!));
	return worst;
}

function maxAbs(values: ArrayLike<number>): number {
	let worst = 0;
	for (let i = 0; i < values.length; i++) worst = Math.max(worst, Math.abs(values[i]!));
	return worst;
}

describe(`the tutorial's step on ${m} MNIST images`, () => {
	const network = newNetwork();
	const reference = tutorialStep(network);

	test('gradients and updated weights match W -= lr·dW from the written-out formulas', () => {
		network.zeroGradients();
		const result = network.trainBatch(input, labels, m, 1 / m);
		const loss = result.loss;
		new GradientDescent(lr).step(network.parameters());
		const [layer1, layer2] = network.dense;
		// name, engine value after the step, its gradient, reference value before the step, reference gradient
		const parameters: Array<[string, Float32Array, Float32Array, Float64Array, Float64Array]> = [
			['W1', layer1!.weights, layer1!.weightGrad, reference.w1, reference.dw1],
			['b1', layer1!.biases, layer1!.biasGrad, reference.b1, reference.db1],
			['W2', layer2!.weights, layer2!.weightGrad, reference.w2, reference.dw2],
			['b2', layer2!.biases, layer2!.biasGrad, reference.b2, reference.db2],
		];
		for (const [name, actual, engineGradient, before, gradient] of parameters) {
			assert.ok(maxAbs(gradient) > 1e-3, `${name}: the reference gradient is not trivial`);
			assert.ok(maxDifference(engineGradient, gradient) < 1e-6, `d${name}: ${maxDifference(engineGradient, gradient)}`);
			const after = before.map((value, i) => value - lr * gradient[i]!);
			assert.ok(maxDifference(actual, after) < 1e-5, `${name}: ${maxDifference(actual, after)}`);
		}
		// the tutorial's cost is the mean cross-entropy: the summed loss over m
		assert.ok(Math.abs(loss / m - reference.cost) < 1e-5 * reference.cost, `cost ${loss / m} vs ${reference.cost}`);
	});

	test('three uneven trainBatch calls with scale 1/m add up to the full-batch gradient', () => {
		const chunked = newNetwork();
		chunked.zeroGradients();
		let loss = 0,
			start = 0;
		for (const size of [37, 101, 62]) {
			const result = chunked.trainBatch(input.subarray(start * n0, (start + size) * n0), labels.subarray(start, start + size), size, 1 / m);
			loss += result.loss;
			start += size;
		}
		assert.equal(start, m);
		assertGradients(chunked, reference);
		assert.ok(Math.abs(loss / m - reference.cost) < 1e-5 * reference.cost, `cost ${loss / m} vs ${reference.cost}`);
	});

	for (const backend of ['js', 'wasm'] as const) {
		test(`${backend}: the first of the calls with replace writes the gradient over what was there (a step with no clearing)`, () => {
			const stepped = newNetwork(createBackend(backend));
			// what the step before left, and NaN, which any sum added to it would carry
			for (const [index, {grad}] of stepped.parameters().entries()) grad.fill(index % 2 ? Number.NaN : 3);
			let start = 0;
			for (const size of [37, 101, 62]) {
				const x = stepped.packImages(pixels, null, start, size);
				stepped.trainBatch(x, labels.subarray(start, start + size), size, 1 / m, start === 0);
				start += size;
			}
			assertGradients(stepped, reference);
		});
	}
});
