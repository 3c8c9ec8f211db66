import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {buildNetwork, convArchitecture} from '../../../source/nn/architecture.js';
import {createBackend} from '../../../source/nn/backend/create-backend.js';
import type {WasmBackend} from '../../../source/nn/backend/wasm/wasm-backend.js';
import {Network} from '../../../source/nn/network.js';
import {Rng} from '../../../source/nn/rng.js';
import {touchPages, warmUp} from '../../../source/train/warm-up.js';

describe('the warm-up', () => {
	test('leaves a network of the same backend as it was, and trains it to the same numbers', async () => {
		const train = (network: Network) => {
			const images = Uint8Array.from({length: 8 * 784}, (_, index) => (index * 37) % 256);
			const labels = Uint8Array.from({length: 8}, (_, index) => index % 10);
			network.zeroGradients();
			return network.trainBatch(network.packImages(images, null, 0, 8), labels, 8, 1 / 8).loss;
		};
		const cold = createBackend('wasm', {threads: 2});
		const warm = createBackend('wasm', {threads: 2});
		try {
			const before = Network.create([784, 16, 10], new Rng(3), warm);
			const copy = before.weightsCopy();
			await warmUp(warm, 'adam', new AbortController().signal);
			assert.deepEqual(before.weightsCopy(), copy);
			assert.equal(train(Network.create([784, 16, 10], new Rng(5), warm)), train(Network.create([784, 16, 10], new Rng(5), cold)));
		} finally {
			cold.close();
			warm.close();
		}
	});

	test("a cnn's warm-up trains a throwaway cnn and leaves the run's cnn as it was", async () => {
		const backend = createBackend('wasm', {threads: 2});
		try {
			const architecture = convArchitecture({channels: 1, height: 28, width: 28}, {filters: [2, 4], hidden: [8], classes: 10});
			const before = buildNetwork(architecture, new Rng(3), backend);
			const weights = before.parameters().map(({value}) => value.slice());
			const loaded = new AbortController();
			loaded.abort();
			await warmUp(backend, 'momentum', loaded.signal, architecture);
			assert.deepEqual(
				before.parameters().map(({value}) => value.slice()),
				weights,
			);
		} finally {
			backend.close();
		}
	});

	test('leaves the partner threads warm: they have taken parts of its calls, and the memory it used is given back', async () => {
		const backend = createBackend('wasm', {threads: 2}) as WasmBackend;
		try {
			const mark = backend.mark();
			await warmUp(backend, 'momentum', new AbortController().signal);
			assert.ok(backend.partnerParts > 0, 'the partner took parts');
			assert.equal(backend.mark(), mark);
		} finally {
			backend.close();
		}
	});

	test('once the files are loaded, it ends after the step it is on', async () => {
		const loaded = new AbortController();
		loaded.abort();
		await warmUp(createBackend('js'), 'gd', loaded.signal);
	});

	test('reads the first byte of every 4096', async () => {
		const bytes = new Uint8Array(3 * 4096 + 10);
		bytes[0] = 1;
		bytes[4096] = 2;
		bytes[4097] = 50;
		bytes[3 * 4096] = 4;
		assert.equal(await touchPages(bytes), 7);
	});
});
