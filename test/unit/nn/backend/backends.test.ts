import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {defaultTiles} from '../../../../scripts/wasm/kernels-wat.js';
import {createBackend, resolveBackend} from '../../../../source/nn/backend/create-backend.js';
import {jsBackend} from '../../../../source/nn/backend/js-backend.js';
import {parseModel, serializeModel} from '../../../../source/nn/model-file.js';
import {Network} from '../../../../source/nn/network.js';
import {createOptimizer} from '../../../../source/nn/optim/create-optimizer.js';
import {optimizerNames} from '../../../../source/nn/optim/optimizer.js';
import {Relu} from '../../../../source/nn/relu.js';
import {Rng} from '../../../../source/nn/rng.js';
import {mnistSlice} from '../../../helpers/mnist-slice.js';
import {on, random} from './arrays.js';

const wasm = createBackend('wasm');

// [batch, inputs, outputs]: the shapes asked for, then every remainder of the tiles
// (forward: 2 rows x 4 outputs, 4 inputs a step; gradients: 2 rows x 4·4 columns, then 12, 8, 4, 1;
// first layer: 1 row x 8, 4, 3, 2, 1 outputs, and one group of 4 inputs x 8, 4, 2, 1 outputs, the rest dense)
const named: Array<[number, number, number]> = [
	[1, 1, 1],
	[7, 13, 5],
	[129, 785, 33],
	[64, 784, 512],
	[128, 784, 128],
	[128, 128, 10],
];
const remainders: Array<[number, number, number]> = [];
for (const batch of [1, 2, 3, 5]) {
	for (let inputs = 1; inputs <= 4 * defaultTiles.outerVectors + 19; inputs++) {
		for (const outputs of [1, 2, 3, 4, 5, 6, 7, 9, 15, 17]) remainders.push([batch, inputs, outputs]);
	}
}

/**
 * js against wasm, entry by entry: float32 sums in different orders differ by
 * a few units of rounding of the summed magnitudes, Σ|terms| (float64).
 */
function assertAgree(js: Float32Array, wasmValues: Float32Array, magnitude: Float64Array, what: string): void {
	assert.equal(js.length, wasmValues.length, `${what}: length`);
	for (let i = 0; i < js.length; i++) {
		const error = Math.abs(js[i]! - wasmValues[i]!);
		if (!(error <= 1e-5 * (magnitude[i]! + 1e-6)))
			assert.fail(`${what}[${i}]: js ${js[i]} vs wasm ${wasmValues[i]} (magnitude ${magnitude[i]})`);
	}
}

/**
 * Runs the three products on both backends from the same random operands and
 * compares every output; the wasm backend's first-layer products too, which skip
 * zeros of x (`zeros`: the share of x that is 0, in runs as in images).
 */
function compareProducts(batch: number, inputs: number, outputs: number, zeros = 0): void {
	const rng = new Rng(batch * 1_000_003 + inputs * 1009 + outputs);
	const x = random(rng, batch * inputs),
		w = random(rng, outputs * inputs),
		b = random(rng, outputs);
	for (let i = 0; i < x.length; ) {
		const run = 1 + rng.int(12),
			zero = rng.next() < zeros;
		for (const end = Math.min(x.length, i + run); i < end; i++) if (zero) x[i] = 0;
	}
	const dz = random(rng, batch * outputs),
		dw0 = random(rng, outputs * inputs),
		db0 = random(rng, outputs);
	const shape = `${batch}x${inputs}x${outputs}`;

	const forwardSize = new Float64Array(batch * outputs);
	for (let r = 0; r < batch; r++) {
		for (let o = 0; o < outputs; o++) {
			let size = Math.abs(b[o]!);
			for (let i = 0; i < inputs; i++) size += Math.abs(x[r * inputs + i]! * w[o * inputs + i]!);
			forwardSize[r * outputs + o] = size;
		}
	}
	const sparse = wasm.sparseInput;
	for (const relu of [false, true]) {
		const results = [jsBackend, wasm, sparse].map(products => {
			const out = on(wasm, new Float32Array(batch * outputs).fill(Number.NaN));
			products.denseForward(on(wasm, x), on(wasm, w), on(wasm, b), out, batch, inputs, outputs, relu);
			return out;
		});
		for (const [index, name] of [
			[1, 'wasm'],
			[2, 'wasm sparse-input'],
		] as const) {
			assertAgree(results[0]!, results[index]!, forwardSize, `${shape} ${name} forward${relu ? ' + ReLU' : ''}`);
			if (relu)
				assert.ok(
					results[index]!.every(value => value >= 0),
					`${shape}: ${name} ReLU left a negative`,
				);
		}
	}

	const gradients = [jsBackend, wasm, sparse].map(products => {
		const dw = on(wasm, dw0),
			db = on(wasm, db0);
		products.accumulateWeightGrad(on(wasm, dz), on(wasm, x), dw, db, batch, inputs, outputs);
		return {dw, db};
	});
	const dwSize = new Float64Array(outputs * inputs),
		dbSize = new Float64Array(outputs);
	for (let o = 0; o < outputs; o++) {
		let bias = Math.abs(db0[o]!);
		for (let r = 0; r < batch; r++) bias += Math.abs(dz[r * outputs + o]!);
		dbSize[o] = bias;
		for (let i = 0; i < inputs; i++) {
			let size = Math.abs(dw0[o * inputs + i]!);
			for (let r = 0; r < batch; r++) size += Math.abs(dz[r * outputs + o]! * x[r * inputs + i]!);
			dwSize[o * inputs + i] = size;
		}
	}
	for (const [index, name] of [
		[1, 'wasm'],
		[2, 'wasm sparse-input'],
	] as const) {
		assertAgree(gradients[0]!.dw, gradients[index]!.dw, dwSize, `${shape} ${name} dW`);
		assertAgree(gradients[0]!.db, gradients[index]!.db, dbSize, `${shape} ${name} db`);
	}

	const inputGradients = [jsBackend, wasm].map(backend => {
		const dx = on(backend, new Float32Array(batch * inputs).fill(Number.NaN));
		backend.inputGrad(on(backend, dz), on(backend, w), dx, batch, inputs, outputs);
		return dx;
	});
	const dxSize = new Float64Array(batch * inputs);
	for (let r = 0; r < batch; r++) {
		for (let i = 0; i < inputs; i++) {
			let size = 0;
			for (let o = 0; o < outputs; o++) size += Math.abs(dz[r * outputs + o]! * w[o * inputs + i]!);
			dxSize[r * inputs + i] = size;
		}
	}
	assertAgree(inputGradients[0]!, inputGradients[1]!, dxSize, `${shape} dX`);
}

describe('js and wasm products agree', () => {
	for (const [batch, inputs, outputs] of named) {
		test(`${batch}x${inputs}x${outputs}: forward (with and without ReLU), dW and db, dX`, () => compareProducts(batch, inputs, outputs));
	}

	test(`every tile remainder: ${remainders.length} shapes from 1x1x1 to 5x${remainders.at(-1)![1]}x${remainders.at(-1)![2]}`, () => {
		for (const [batch, inputs, outputs] of remainders) compareProducts(batch, inputs, outputs);
	});

	for (const zeros of [0.5, 0.8, 1]) {
		test(`x ${zeros * 100}% zeros, in runs: the first layer's products that skip them`, () => {
			for (const [batch, inputs, outputs] of [
				...remainders.filter((_, index) => index % 7 === 0),
				[7, 13, 5],
				[129, 785, 33],
				[64, 784, 512],
			] as const) {
				compareProducts(batch, inputs, outputs, zeros);
			}
		});
	}
});

describe('the wasm backend', () => {
	test('auto means wasm on this runtime; js and wasm are what they say', () => {
		assert.equal(resolveBackend('auto'), 'wasm');
		assert.equal(resolveBackend('js'), 'js');
		assert.equal(createBackend('js'), jsBackend);
		assert.equal(Network.create([4, 3, 2], new Rng(1)).backend, 'wasm');
		assert.equal(Network.create([4, 3, 2], new Rng(1), 'js').backend, 'js');
		assert.equal(Network.create([4, 3, 2], new Rng(1), 'wasm').backend, 'wasm');
	});

	test('arrays handed out stay valid and unmoved when the memory grows', () => {
		const backend = createBackend('wasm');
		const small = backend.allocate(5);
		small.set([1, 2, 3, 4, 5]);
		const large = backend.allocate(40_000_000);
		large[large.length - 1] = 7;
		assert.deepEqual(Array.from(small), [1, 2, 3, 4, 5]);
		assert.ok(backend.owns(small) && backend.owns(large));
		assert.equal(small.byteOffset % 16, 0);
		assert.equal(large.byteOffset % 16, 0);
		assert.ok(
			large.every((value, i) => value === (i === large.length - 1 ? 7 : 0)),
			'new arrays start at zero',
		);
	});

	test('refuses an array from outside its memory instead of reading whatever is at its offset', () => {
		const backend = createBackend('wasm');
		const w = backend.allocate(4),
			b = backend.allocate(2),
			out = backend.allocate(4);
		assert.equal(backend.owns(new Float32Array(4)), false);
		assert.throws(() => backend.denseForward(new Float32Array(4), w, b, out, 2, 2, 2, false), /outside their memory/);
	});

	test('a network reads its input buffer in place, and copies any other input in, with the same result', () => {
		const network = Network.create([6, 5, 3], new Rng(3), 'wasm');
		const x = random(new Rng(4), 2 * 6);
		const copied = Array.from(network.predict(x, 2).subarray(0, 6));
		const buffer = network.inputBuffer(2);
		assert.equal(buffer.length, 12);
		buffer.set(x);
		assert.deepEqual(Array.from(network.predict(buffer, 2).subarray(0, 6)), copied);
	});

	test('a model file loads onto either backend, with the same weights', () => {
		const text = serializeModel(Network.create([5, 4, 3], new Rng(8), 'js'), ['a', 'b', 'c']);
		const onJs = parseModel(text, 'model.json', 'js').network,
			onWasm = parseModel(text, 'model.json', 'wasm').network;
		assert.equal(onJs.backend, 'js');
		assert.equal(onWasm.backend, 'wasm');
		for (const [index, parameter] of onJs.parameters().entries())
			assert.deepEqual(Array.from(onWasm.parameters()[index]!.value), Array.from(parameter.value));
	});
});

describe('js and wasm follow the same training trajectory on real MNIST', () => {
	const batch = 50,
		steps = 8;
	const {images, labels} = mnistSlice(batch * steps);
	const learningRates = {gd: 0.1, momentum: 0.05, adam: 0.002};

	for (const name of optimizerNames) {
		test(`${steps} ${name} steps of 784-32-10, batch ${batch}: same losses, same weights`, () => {
			const runs = (['js', 'wasm'] as const).map(backend => {
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
			});
			const [js, wasmRun] = runs as [(typeof runs)[0], (typeof runs)[0]];
			assert.ok(js.losses[steps - 1]! < js.losses[0]!, `the loss falls: ${js.losses.join(', ')}`);
			js.losses.forEach((loss, step) => {
				assert.ok(Math.abs(loss - wasmRun.losses[step]!) <= 1e-5 * loss, `step ${step}: js loss ${loss}, wasm ${wasmRun.losses[step]}`);
			});
			js.parameters.forEach((values, index) => {
				let worst = 0;
				for (let i = 0; i < values.length; i++) worst = Math.max(worst, Math.abs(values[i]! - wasmRun.parameters[index]![i]!));
				assert.ok(worst <= 1e-5, `parameter ${index}: max |js − wasm| ${worst}`);
			});
		});
	}
});

describe('js and wasm optimizer updates agree', () => {
	for (const name of optimizerNames) {
		test(`${name}: three steps on parameters of 1 to 9 values (every tail of the 4-wide loop)`, () => {
			for (let length = 1; length <= 9; length++) {
				const rng = new Rng(length);
				const start = random(rng, length),
					grads = [random(rng, length), random(rng, length), random(rng, length)];
				const finals = [jsBackend, wasm].map(backend => {
					const parameter = {value: on(backend, start), grad: backend.allocate(length), backend};
					const optimizer = createOptimizer(name, 0.01);
					for (const grad of grads) {
						parameter.grad.set(grad);
						optimizer.step([parameter]);
					}
					return parameter.value;
				});
				finals[0]!.forEach((value, i) => {
					assert.ok(
						Math.abs(value - finals[1]![i]!) <= 1e-6 * (1 + Math.abs(value)),
						`${name} length ${length} [${i}]: js ${value}, wasm ${finals[1]![i]}`,
					);
				});
				assert.ok(
					finals[0]!.some((value, i) => value !== start[i]),
					'the step moved something',
				);
			}
		});
	}
});

describe('packing pixels', () => {
	test('every byte value becomes exactly pixel / 255 on both backends', () => {
		const bytes = Uint8Array.from({length: 256 + 7}, (_, i) => i % 256);
		for (const backend of [jsBackend, wasm]) {
			const out = backend.allocate(bytes.length);
			backend.packPixels(bytes, null, 0, 1, bytes.length, out);
			for (const [i, value] of out.entries()) assert.equal(value, Math.fround((i % 256) / 255), `${backend.name}: byte ${i % 256}`);
		}
	});

	test('a network packs the images of a shuffled order into its input, with the same result on both backends', () => {
		const {images} = mnistSlice(10);
		const bytes = Uint8Array.from(images, value => Math.round(value * 255));
		const order = Uint32Array.of(9, 3, 0, 7, 5, 1);
		const packed = (['js', 'wasm'] as const).map(backend =>
			Array.from(Network.create([784, 8, 10], new Rng(1), backend).packImages(bytes, order, 2, 3)),
		);
		assert.equal(packed[0]!.length, 3 * 784);
		assert.deepEqual(packed[1], packed[0]);
		[0, 7, 5].forEach((image, r) => {
			for (let p = 0; p < 784; p++) assert.equal(packed[1]![r * 784 + p], Math.fround(bytes[image * 784 + p]! / 255));
		});
		const network = Network.create([784, 8, 10], new Rng(1), 'wasm');
		const x = network.packImages(bytes, null, 4, 2);
		assert.ok(network.dense[0]!.backend.owns(x), "packed straight into the kernels' memory");
		assert.deepEqual(
			Array.from(network.predict(x, 2).subarray(0, 20)),
			Array.from(network.predict(Float32Array.from(x), 2).subarray(0, 20)),
		);
	});
});

describe('the finiteness check after each step', () => {
	test('every ±Infinity or NaN is found, wherever it lies, by the plain loop and the wasm kernel', () => {
		const rng = new Rng(8);
		const checks: Array<[string, (values: Float32Array) => boolean]> = [
			['loop', values => jsBackend.allFinite(values)],
			['wasm', values => wasm.allFinite(on(wasm, values))],
		];
		for (const [name, check] of checks) {
			for (const length of [0, 1, 3, 7, 8, 9, 16, 31, 33, 1000]) {
				const values = random(rng, length).map(value => value * 1e38);
				assert.equal(check(values), true, `${name}: ${length} finite values`);
				for (let at = 0; at < length; at += Math.max(1, Math.floor(length / 7))) {
					for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
						const spoiled = values.slice();
						spoiled[at] = bad;
						assert.equal(check(spoiled), false, `${name}: ${bad} at ${at} of ${length}`);
					}
				}
			}
		}
	});
});

describe('ReLU on the wasm backend', () => {
	test('forward and backward give exactly what relu.ts loops give, NaN, -0 and ±Infinity included, on every tail length', () => {
		const special = [Number.NaN, -0, 0, -1e-30, 1e-30, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -2.5, 3.25];
		for (let length = 1; length <= 23; length++) {
			const rng = new Rng(length);
			const z = Float32Array.from({length}, (_, i) => (i < special.length ? special[(i + length) % special.length]! : rng.next() * 2 - 1));
			const upstream = Float32Array.from({length}, () => rng.next() * 2 - 1);
			const [plain, kernels] = [new Relu(length, jsBackend), new Relu(length, wasm)].map(relu => {
				const input = on(wasm, z),
					grad = on(wasm, upstream);
				const output = Float32Array.from(relu.forward(input, 1));
				return {output, grad: Float32Array.from(relu.backward(grad, 1))};
			});
			for (let i = 0; i < length; i++) {
				assert.ok(
					Object.is(kernels!.output[i], plain!.output[i]),
					`length ${length} forward [${i}] of ${z[i]}: ${kernels!.output[i]} vs ${plain!.output[i]}`,
				);
				assert.ok(
					Object.is(kernels!.grad[i], plain!.grad[i]),
					`length ${length} backward [${i}]: ${kernels!.grad[i]} vs ${plain!.grad[i]}`,
				);
			}
		}
	});
});
