/**
 * Where a training step's time goes: 784-128-10, batch 128, momentum, on
 * 20,000 MNIST images, each step as the trainer runs it (the finiteness
 * check included), each backend call timed; the median of each part per
 * step over the later epochs (medians: a busy machine's preemptions drop out).
 *   npx tsx bench/epoch-parts.ts [threads] [epochs]
 */
import {loadTrain} from '../source/data/load.js';
import {WasmBackend} from '../source/nn/backend/wasm/wasm-backend.js';
import {Network} from '../source/nn/network.js';
import {createOptimizer} from '../source/nn/optim/create-optimizer.js';
import {Rng} from '../source/nn/rng.js';
import {heldImages} from './epoch.js';
import {median} from './median.js';

const threads = Number(process.argv[2] ?? 1);
const epochs = Number(process.argv[3] ?? 4);
const train = await loadTrain({}, 20000);
const backend = new WasmBackend({threads});
await backend.ready();
const images = heldImages(backend, train.images);
const samples: Record<string, number[]> = {};
let stepParts: Record<string, number> = {};
let inside = false;
function wrap(target: Record<string, unknown>, key: string, name: string): void {
	const call = (target[key] as (...args: unknown[]) => unknown).bind(target);
	target[key] = (...args: unknown[]) => {
		if (inside) return call(...args);
		inside = true;
		const started = performance.now();
		const result = call(...args);
		stepParts[name] = (stepParts[name] ?? 0) + performance.now() - started;
		inside = false;
		return result;
	};
}
const calls = backend as unknown as Record<string, unknown>;
wrap(backend.sparseInput as unknown as Record<string, unknown>, 'denseForward', 'first layer forward (sparse)');
wrap(backend.sparseInput as unknown as Record<string, unknown>, 'accumulateWeightGrad', 'first layer dW, db (sparse)');
wrap(calls, 'denseForward', 'second layer forward');
wrap(calls, 'accumulateWeightGrad', 'second layer dW, db');
wrap(calls, 'inputGrad', 'second layer dX');
wrap(calls, 'relu', 'relu, relu grad');
wrap(calls, 'reluGrad', 'relu, relu grad');
wrap(calls, 'fillZero', 'zero gradients');
wrap(calls, 'packPixels', 'pack pixels');
wrap(backend.updates as unknown as Record<string, unknown>, 'momentum', 'momentum updates');
wrap(calls, 'allFinite', 'finiteness check');
wrap(calls, 'softmaxCrossEntropyStep', 'softmax, loss, output gradient');
const network = Network.create([784, 128, 10], new Rng(1), backend);
const optimizer = createOptimizer('momentum', 0.05);
const order = Uint32Array.from({length: train.count}, (_, i) => i);
new Rng(1).shuffle(order);
const parameters = network.parameters();
const labels = new Uint8Array(128);
const epochSeconds: number[] = [];
for (let epoch = 0; epoch < epochs; epoch++) {
	const epochStarted = performance.now();
	for (let start = 0; start < train.count; start += 128) {
		const count = Math.min(128, train.count - start);
		stepParts = {};
		const started = performance.now();
		const x = network.packImages(images, order, start, count);
		for (let r = 0; r < count; r++) labels[r] = train.labels![order[start + r]!]!;
		network.trainBatch(x, labels, count, 1 / count, true);
		optimizer.step(parameters);
		network.hasFiniteWeights();
		const total = performance.now() - started;
		const kernels = Object.values(stepParts).reduce((sum, part) => sum + part, 0);
		if (epoch === 0 || count < 128) continue;
		for (const [name, ms] of Object.entries({...stepParts, 'the rest (labels, the loop, calls)': total - kernels, 'whole step': total}))
			(samples[name] ??= []).push(ms);
	}
	epochSeconds.push((performance.now() - epochStarted) / 1000);
}
console.log(`${threads} thread(s): epochs ${epochSeconds.map(s => s.toFixed(3)).join(' ')} s; median µs per step:`);
for (const [name, values] of Object.entries(samples)) console.log(`  ${name.padEnd(34)} ${(1000 * median(values)).toFixed(1).padStart(7)}`);
backend.close();
