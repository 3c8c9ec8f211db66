import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {createBackend, resolveBackend} from '../../../../../source/nn/backend/create-backend.js';
import {jsBackend} from '../../../../../source/nn/backend/js-backend.js';
import {parseModel, serializeModel} from '../../../../../source/nn/model-file.js';
import {Network} from '../../../../../source/nn/network.js';
import {Rng} from '../../../../../source/nn/rng.js';
import {random} from '../arrays.js';

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

	test('memory given back by release is handed out again zeroed, and a network trained there trains as on fresh memory', () => {
		const train = (backend: ReturnType<typeof createBackend>) => {
			const network = Network.create([784, 16, 10], new Rng(2), backend);
			const images = Uint8Array.from({length: 8 * 784}, (_, index) => (index % 5 === 0 ? (index * 37) % 256 : 0));
			const labels = Uint8Array.from({length: 8}, (_, index) => index % 10);
			network.zeroGradients();
			const loss = network.trainBatch(network.packImages(images, null, 0, 8), labels, 8, 1 / 8).loss;
			return {loss, finite: network.hasFiniteWeights(), weights: network.weightsCopy()};
		};
		const fresh = createBackend('wasm');
		const reused = createBackend('wasm');
		const kept = reused.allocate(3);
		kept.set([1, 2, 3]);
		const mark = reused.mark!();
		// a throwaway network leaves values everywhere it worked, the backend's own working arrays included
		train(reused);
		reused.allocate(1000).fill(9);
		reused.release!(mark);
		const again = reused.allocate(1000);
		assert.equal(again.byteOffset, mark);
		assert.ok(
			again.every(value => value === 0),
			'zeroed',
		);
		assert.deepEqual(Array.from(kept), [1, 2, 3]);
		reused.release!(mark);
		assert.deepEqual(train(reused), train(fresh));
		assert.throws(() => reused.release!(mark + 1_000_000_000), /no such mark/);
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
		for (const [index, parameter] of onJs.parameters().entries()) {
			assert.deepEqual(Array.from(onWasm.parameters()[index]!.value), Array.from(parameter.value));
		}
	});
});
