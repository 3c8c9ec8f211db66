/**
 * Every backend's element-wise work against the plain loops it stands for:
 * the optimizers' updates (optim/), ReLU (relu.ts), packing pixels, the
 * output layer's step (softmax-cross-entropy.ts), the finiteness check; and
 * the two backends along a few real training steps.
 */
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {createBackend} from '../../../../source/nn/backend/create-backend.js';
import {jsBackend} from '../../../../source/nn/backend/js-backend.js';
import {WasmBackend} from '../../../../source/nn/backend/wasm/wasm-backend.js';
import {Network} from '../../../../source/nn/network.js';
import {adamStep} from '../../../../source/nn/optim/adam.js';
import {createOptimizer} from '../../../../source/nn/optim/create-optimizer.js';
import {gradientDescentStep} from '../../../../source/nn/optim/gd.js';
import {momentumStep} from '../../../../source/nn/optim/momentum.js';
import {type OptimizerName, optimizerNames} from '../../../../source/nn/optim/optimizer.js';
import {relu, reluGrad} from '../../../../source/nn/relu.js';
import {Rng} from '../../../../source/nn/rng.js';
import {softmaxCrossEntropyStep} from '../../../../source/nn/softmax-cross-entropy.js';
import {mnistSlice} from '../../../helpers/mnist-slice.js';
import {on, random} from './arrays.js';

const wasm = createBackend('wasm');
const backends = [jsBackend, wasm];

describe("every backend's updates compute what the optimizers' loops compute", () => {
	for (const name of optimizerNames) {
		test(`${name}: three steps on parameters of 1 to 9 values (every tail of the 4-wide loop)`, () => {
			for (let length = 1; length <= 9; length++) {
				const rng = new Rng(length);
				const start = random(rng, length),
					grads = [random(rng, length), random(rng, length), random(rng, length)];
				const expected = byHand(name, start, grads);
				for (const backend of backends) {
					const parameter = {value: on(backend, start), grad: backend.allocate(length), backend};
					const optimizer = createOptimizer(name, 0.01);
					for (const grad of grads) {
						parameter.grad.set(grad);
						optimizer.step([parameter]);
					}
					for (const [i, value] of parameter.value.entries()) {
						assert.ok(
							Math.abs(value - expected[i]!) <= 1e-6 * (1 + Math.abs(value)),
							`${name} ${backend.name} length ${length} [${i}]: ${value} vs ${expected[i]}`,
						);
					}
					assert.ok(
						parameter.value.some((value, i) => value !== start[i]),
						'the step moved something',
					);
				}
			}
		});
	}
});

/** Steps of lr 0.01 by the optimizers' plain loops on plain arrays, with their defaults (momentum 0.9; Adam's β and ε, and its bias corrections). */
function byHand(name: OptimizerName, start: Float32Array, grads: readonly Float32Array[]): Float32Array {
	const value = start.slice(),
		first = new Float32Array(start.length),
		second = new Float32Array(start.length);
	for (const [index, grad] of grads.entries()) {
		const t = index + 1;
		if (name === 'gd') gradientDescentStep(value, grad, 0.01);
		else if (name === 'momentum') momentumStep(value, grad, first, 0.01, 0.9);
		else adamStep(value, grad, first, second, 0.01 / (1 - 0.9 ** t), 0.9, 0.999, 1 - 0.999 ** t, 1e-8);
	}
	return value;
}

describe('ReLU on every backend', () => {
	test("forward and backward give exactly what relu.ts's loops give, NaN, -0 and ±Infinity included, on every tail length", () => {
		const special = [Number.NaN, -0, 0, -1e-30, 1e-30, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -2.5, 3.25];
		for (let length = 1; length <= 23; length++) {
			const rng = new Rng(length);
			const z = Float32Array.from({length}, (_, i) => (i < special.length ? special[(i + length) % special.length]! : rng.next() * 2 - 1));
			const upstream = Float32Array.from({length}, () => rng.next() * 2 - 1);
			const a = z.slice();
			relu(a);
			const dz = upstream.slice();
			reluGrad(dz, a);
			for (const backend of backends) {
				const output = on(backend, z),
					grad = on(backend, upstream);
				backend.relu(output);
				backend.reluGrad(grad, output);
				for (let i = 0; i < length; i++) {
					assert.ok(Object.is(output[i], a[i]), `${backend.name} length ${length} forward [${i}] of ${z[i]}: ${output[i]} vs ${a[i]}`);
					assert.ok(Object.is(grad[i], dz[i]), `${backend.name} length ${length} backward [${i}]: ${grad[i]} vs ${dz[i]}`);
				}
			}
		}
	});
});

describe('packing pixels', () => {
	test('every byte value becomes exactly pixel / 255 on every backend', () => {
		const bytes = Uint8Array.from({length: 256 + 7}, (_, i) => i % 256);
		for (const backend of backends) {
			const out = backend.allocate(bytes.length);
			backend.packPixels(bytes, null, 0, 1, bytes.length, out);
			for (const [i, value] of out.entries()) assert.equal(value, Math.fround((i % 256) / 255), `${backend.name}: byte ${i % 256}`);
		}
	});

	test('blank steps of 16 pixels become zeros, over whatever was there, and inked ones pixel / 255', () => {
		// 16-byte steps alternately blank and inked (one inked byte at a different place each time), then a tail
		const bytes = new Uint8Array(16 * 9 + 5);
		for (let step = 1; step < 9; step += 2) bytes[16 * step + (step % 16)] = 40 * step;
		bytes[16 * 9 + 2] = 255;
		for (const backend of backends) {
			const out = backend.allocate(bytes.length);
			out.fill(Number.NaN);
			backend.packPixels(bytes, null, 0, 1, bytes.length, out);
			for (const [i, value] of out.entries()) assert.equal(value, Math.fround(bytes[i]! / 255), `${backend.name}: pixel ${i}`);
		}
	});

	test('a network packs the images of a shuffled order into its input, with the same result on every backend', () => {
		const {images} = mnistSlice(10);
		const bytes = Uint8Array.from(images, value => Math.round(value * 255));
		const order = Uint32Array.of(9, 3, 0, 7, 5, 1);
		const packed = (['js', 'wasm'] as const).map(backend =>
			Array.from(Network.create([784, 8, 10], new Rng(1), backend).packImages(bytes, order, 2, 3)),
		);
		assert.equal(packed[0]!.length, 3 * 784);
		assert.deepEqual(packed[1], packed[0]);
		for (const [r, image] of [0, 7, 5].entries()) {
			for (let p = 0; p < 784; p++) assert.equal(packed[1]![r * 784 + p], Math.fround(bytes[image * 784 + p]! / 255));
		}
		const network = Network.create([784, 8, 10], new Rng(1), 'wasm');
		const x = network.packImages(bytes, null, 4, 2);
		assert.ok(network.dense[0]!.backend.owns(x), "packed straight into the kernels' memory");
		assert.deepEqual(
			Array.from(network.predict(x, 2).subarray(0, 20)),
			Array.from(network.predict(Float32Array.from(x), 2).subarray(0, 20)),
		);
	});
});

describe("images held in the kernels' memory", () => {
	test('pack as images elsewhere do, read where they lie, by one thread or shared by two', async () => {
		const rng = new Rng(5);
		const team = new WasmBackend({threads: 2});
		await team.ready();
		try {
			// 784 pixels (49 steps of 16) and 37 (two steps and a tail of 5); 128 images of 784 are enough to be shared
			for (const [size, count] of [
				[784, 300],
				[37, 40],
			] as const) {
				const bytes = Uint8Array.from({length: count * size}, () => (rng.next() < 0.3 ? rng.int(256) : 0));
				const order = Uint32Array.from({length: count}, (_, i) => i);
				rng.shuffle(order);
				for (const backend of [wasm, team]) {
					const held = backend.imageBytes!(bytes.length);
					held.set(bytes);
					assert.ok(backend.owns(new Float32Array(held.buffer, held.byteOffset - (held.byteOffset % 4), 1)));
					const batch = 128;
					const fromHeld = backend.allocate(batch * size),
						fromElsewhere = backend.allocate(batch * size);
					for (const start of [0, Math.max(0, count - batch), 3]) {
						const rows = Math.min(batch, count - start);
						fromHeld.fill(Number.NaN);
						backend.packPixels(held, order, start, rows, size, fromHeld);
						backend.packPixels(bytes, order, start, rows, size, fromElsewhere);
						for (let r = 0; r < rows; r++) {
							for (let p = 0; p < size; p++) {
								const expected = Math.fround(bytes[order[start + r]! * size + p]! / 255);
								assert.equal(fromHeld[r * size + p], expected, `${size} pixels, row ${r} of ${start}, pixel ${p}`);
							}
						}
						assert.deepEqual(fromHeld.subarray(0, rows * size), fromElsewhere.subarray(0, rows * size));
						backend.packPixels(held, null, start, rows, size, fromHeld);
						assert.equal(fromHeld[(rows - 1) * size + 3], Math.fround(bytes[(start + rows - 1) * size + 3]! / 255), 'in order');
					}
				}
			}
		} finally {
			team.close();
		}
	});
});

describe("the output layer's step (softmax, cross-entropy, the output gradient)", () => {
	/** Logits spread to ±`spread`, with a row whose two largest are equal (the first is the top), and labels; what the plain loops make of them. */
	function batchOf(rng: Rng, batch: number, classes: number, spread: number) {
		const logits = random(rng, batch * classes).map(value => value * spread);
		if (classes > 1) logits[classes - 1] = logits[0] = spread;
		const labels = Array.from({length: batch}, () => Math.floor(rng.next() * classes));
		const expected = logits.slice();
		const result = {loss: 0, correct: 0};
		softmaxCrossEntropyStep(expected, labels, batch, classes, 1 / batch, result);
		return {logits, labels, expected, result};
	}

	test('every backend gives the loss, the rows right and the gradient of the plain loops, for 1 to 12 classes and logits to ±60', () => {
		for (const classes of [1, 2, 3, 4, 5, 7, 10, 12])
			for (const spread of [1, 8, 60]) {
				const batch = 9;
				const {logits, labels, expected, result: plain} = batchOf(new Rng(classes * 100 + spread), batch, classes, spread);
				for (const backend of backends) {
					const z = on(backend, logits);
					const result = {loss: 0, correct: 0};
					backend.softmaxCrossEntropyStep(z, labels, batch, classes, 1 / batch, result);
					const where = `${backend.name}, ${classes} classes, ±${spread}`;
					assert.ok(Math.abs(result.loss - plain.loss) <= 1e-6 * (1 + plain.loss), `${where}: loss ${result.loss} vs ${plain.loss}`);
					assert.equal(result.correct, plain.correct, `${where}: rows right`);
					for (const [i, value] of z.entries())
						assert.ok(Math.abs(value - expected[i]!) <= 1e-6 / batch, `${where} [${i}]: ${value} vs ${expected[i]}`);
				}
			}
	});

	test('a confident right answer costs a tiny positive amount and a confident wrong one its margin, on every backend', () => {
		for (const backend of backends) {
			const result = {loss: 0, correct: 0};
			backend.softmaxCrossEntropyStep(on(backend, Float32Array.of(50, 0, 0, 50)), [0, 0], 2, 2, 0.5, result);
			// log(1 + e^−50) for the first row, 50 + log(1 + e^−50) for the second
			assert.ok(Math.abs(result.loss - 50 - 2 * Math.exp(-50)) < 1e-9, `${backend.name}: ${result.loss}`);
			assert.equal(result.correct, 1);
			const right = {loss: 0, correct: 0};
			backend.softmaxCrossEntropyStep(on(backend, Float32Array.of(50, 0)), [0], 1, 2, 1, right);
			assert.ok(right.loss > 0 && Math.abs(right.loss - Math.exp(-50)) < 1e-3 * Math.exp(-50), `${backend.name}: ${right.loss}`);
		}
	});

	test('a logit that is not a number makes the loss NaN on every backend, as the trainer expects of a diverged step', () => {
		for (const backend of backends) {
			const result = {loss: 0, correct: 0};
			backend.softmaxCrossEntropyStep(on(backend, Float32Array.of(1, Number.NaN, 2)), [0], 1, 3, 1, result);
			assert.ok(Number.isNaN(result.loss), `${backend.name}: ${result.loss}`);
		}
	});

	test('the wasm kernels refuse a label outside the classes before they write anything', () => {
		const z = on(wasm, Float32Array.of(1, 2, 3, 4));
		assert.throws(() => wasm.softmaxCrossEntropyStep(z, [0, 2], 2, 2, 0.5, {loss: 0, correct: 0}), /label 2 is not one of 2 classes/);
		assert.deepEqual([...z], [1, 2, 3, 4]);
	});
});

describe('the finiteness check after each step', () => {
	test('every ±Infinity or NaN is found, wherever it lies, on every backend', () => {
		const rng = new Rng(8);
		for (const backend of backends) {
			for (const length of [0, 1, 3, 7, 8, 9, 16, 31, 33, 1000]) {
				const values = random(rng, length).map(value => value * 1e38);
				assert.equal(backend.allFinite(on(backend, values)), true, `${backend.name}: ${length} finite values`);
				for (let at = 0; at < length; at += Math.max(1, Math.floor(length / 7))) {
					for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
						const spoiled = values.slice();
						spoiled[at] = bad;
						assert.equal(backend.allFinite(on(backend, spoiled)), false, `${backend.name}: ${bad} at ${at} of ${length}`);
					}
				}
			}
		}
	});
});

describe('js and wasm follow the same training trajectory on real MNIST', () => {
	const batch = 50,
		steps = 8;
	const {images, labels} = mnistSlice(batch * steps);
	const learningRates = {gd: 0.1, momentum: 0.05, adam: 0.002};

	for (const name of optimizerNames) {
		test(`${steps} ${name} steps of 784-32-10, batch ${batch}: same losses, same weights`, () => {
			const [js, onWasm] = (['js', 'wasm'] as const).map(backend => {
				const network = Network.create([784, 32, 10], new Rng(17), backend);
				const optimizer = createOptimizer(name, learningRates[name]);
				const losses: number[] = [];
				for (let step = 0; step < steps; step++) {
					network.zeroGradients();
					const x = images.subarray(step * batch * 784, (step + 1) * batch * 784);
					losses.push(network.trainBatch(x, labels.subarray(step * batch, (step + 1) * batch), batch, 1 / batch).loss / batch);
					optimizer.step(network.parameters());
				}
				return {losses, parameters: network.parameters().map(parameter => Float32Array.from(parameter.value))};
			}) as [{losses: number[]; parameters: Float32Array[]}, {losses: number[]; parameters: Float32Array[]}];
			assert.ok(js.losses[steps - 1]! < js.losses[0]!, `the loss falls: ${js.losses.join(', ')}`);
			for (const [step, loss] of js.losses.entries()) {
				assert.ok(Math.abs(loss - onWasm.losses[step]!) <= 1e-5 * loss, `step ${step}: js loss ${loss}, wasm ${onWasm.losses[step]}`);
			}
			for (const [index, values] of js.parameters.entries()) {
				let worst = 0;
				for (let i = 0; i < values.length; i++) worst = Math.max(worst, Math.abs(values[i]! - onWasm.parameters[index]![i]!));
				assert.ok(worst <= 1e-5, `parameter ${index}: max |js − wasm| ${worst}`);
			}
		});
	}
});
