import {availableParallelism} from 'node:os';
import path from 'node:path';
import type {DataSources} from '../data/load.js';
import type {BackendChoice} from '../nn/backend/backend.js';
import type {OptimizerName} from '../nn/optim/optimizer.js';
import {defaultWarmup, type Schedule} from '../nn/optim/schedule.js';

export const classSets = {
	digits: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
	fashion: ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'],
} as const;
export type ClassSet = keyof typeof classSets;

/** True for the class names 0-9 (in that order): the digits, which need no introduction. */
export const areDigits = (classes: readonly string[]): boolean => classes.every((name, index) => name === String(index));

/**
 * The class names when --classes is not given. Fashion-MNIST's files carry
 * MNIST's names, so it is told by where they are: "fashion" (any case) in a
 * data file's name or in the name of its folder or the folder above
 * (fashion-mnist/, data/FashionMNIST/raw/). Higher folders are not looked at,
 * so a project folder that happens to say "fashion" does not count.
 */
export function classSetFor(sources: DataSources): ClassSet {
	const folders = [sources.data, ...[sources.train, sources.test].map(file => file && path.dirname(path.resolve(file)))];
	const names = [sources.train, sources.test].map(file => file && path.basename(file));
	for (const folder of folders) {
		if (folder === undefined) continue;
		const resolved = path.resolve(folder);
		names.push(path.basename(resolved), path.basename(path.dirname(resolved)));
	}
	return names.some(name => name !== undefined && /fashion/i.test(name)) ? 'fashion' : 'digits';
}

/** The ranges the flags take, and a checkpoint's settings with them: [least, most]. */
export const settingRanges = {
	epochs: [1, 100_000],
	batchSize: [1, 1_000_000_000],
	seed: [0, 2 ** 32 - 1],
	images: [1, 1_000_000_000],
	threads: [1, 64],
	/** Learning rates: above 0, at most this. */
	learningRate: [0, 1e9],
} as const;

/** The kinds of network: dense layers only, or convolutions and pools in front of them. */
export const archNames = ['mlp', 'cnn'] as const;
export type ArchName = (typeof archNames)[number];

/** The settings of how a network is trained, each with a default for each kind of network. */
export type Recipe = Pick<TrainConfig, 'epochs' | 'batchSize' | 'learningRate' | 'schedule' | 'optimizer'>;

/** Everything a training run needs to know, resolved from flags and defaults. */
export interface TrainConfig {
	/** The kind of network; unset means the model's (with --model) or mlp. */
	readonly arch?: ArchName;
	/** A cnn's filter counts, one 5×5 convolution (ReLU, 2×2 max-pool) each; unset means the model's or cnnDefaults.filters. */
	readonly filters?: readonly number[];
	/** The recipe for a --model that turns out to be a cnn when --arch was not given: the cnn's defaults where no flag says otherwise. */
	readonly cnnRecipe?: Recipe;
	/** Hidden layer sizes (after the convolutions for a cnn); unset means the model's (with --model) or the default. */
	readonly hidden?: readonly number[];
	readonly epochs: number;
	readonly batchSize: number | 'full';
	/** The base rate: the peak of a schedule, what the dashboard's +/- double and halve. */
	readonly learningRate: number;
	/** How the rate changes over the run's steps, as a share of the base rate; unset: constant. */
	readonly schedule?: Schedule;
	readonly optimizer: OptimizerName;
	readonly seed: number;
	readonly sources: DataSources;
	/** Train on the first N training images only. */
	readonly limit?: number;
	/** Test on the first N test images only. */
	readonly testLimit?: number;
	readonly classes: ClassSet;
	/** Where the matrix products run: WebAssembly SIMD, plain TypeScript, or the first that works. */
	readonly backend: BackendChoice;
	/** Threads sharing the wasm products, or 'auto' (also when unset): see threadCount. */
	readonly threads?: number | 'auto';
	/** Start from this saved model instead of random weights. */
	readonly model?: string;
	/** Write the model here after every epoch, at the end and on interrupt. */
	readonly save?: string;
	/** Stop once the test loss has not been strictly lower than the best so far for this many epochs in a row. */
	readonly patience?: number;
	/** Write the model of the epoch with the lowest test loss here, whenever an epoch beats the best so far. */
	readonly saveBest?: string;
	/** The entry exits with code 3 below this final test accuracy; the run refuses a test set without labels before it trains. */
	readonly minAccuracy?: number;
	/** Continue the checkpointed run in `file`; `given` lists the flags given beside it (without --), checked against it. */
	readonly resume?: {readonly file: string; readonly given: readonly string[]};
}

/**
 * The defaults: 784-256-10 with momentum on mini-batches of 128, the rate
 * on a one-cycle schedule (a linear warm-up over 20% of the steps to 0.2,
 * then a cosine down to 0), 4 epochs. On the full MNIST they end at
 * 98.16-98.24% test accuracy over seeds 1-4; 784-512-10 ends higher
 * (98.22-98.36%) but takes twice the time, 3 epochs of it 98.10-98.16%,
 * 3 epochs of 784-256-10 below 98% (97.90-97.95%). The default run takes
 * about 3 s on two quiet cores (the former 784-512-10, batch 64, constant
 * 0.05 for 10 epochs: 13.6 s for 98.32%). The tutorial's setup is
 * --hidden 50 --batch-size full --optimizer gd --lr 0.5: gd keeps a constant rate.
 * The other optimizers' rates, measured the same way (784-256-10, batch 128,
 * 4 epochs, seed 1): Adam with one-cycle to 0.001 → 96.85%, 0.002 → 97.73%,
 * 0.005 → 98.15%; gd at a constant 0.1 → 95.57%, 0.5 (the tutorial's) → 97.62%.
 */
export const defaults = {
	hidden: [256],
	epochs: 4,
	batchSize: 128,
	schedule: {name: 'onecycle', warmup: defaultWarmup},
	optimizer: 'momentum',
	seed: 1,
	classes: 'digits',
	backend: 'auto',
	threads: 'auto',
} as const satisfies Partial<TrainConfig>;

/**
 * The convolutional network (--arch cnn) and its recipe, in one place: a
 * LeNet-like conv 5×5 ×16 → ReLU → 2×2 max-pool → conv 5×5 ×32 → ReLU →
 * 2×2 max-pool → dense 128 → ReLU → dense 10, trained with momentum on
 * batches of 128, the rate on a one-cycle schedule to 0.1, for 4 epochs:
 * 99.20–99.23% for seeds 1–4 on the full MNIST (8·16 filters reach
 * 99.07–99.17% in half the time; a peak of 0.05 about 0.1% less; README).
 * `learningRate` is the rate for momentum; another --optimizer takes its own
 * default rate (defaultLearningRates).
 */
export const cnnDefaults = {
	filters: [16, 32],
	hidden: [128],
	epochs: 4,
	batchSize: 128,
	schedule: {name: 'onecycle', warmup: defaultWarmup},
	optimizer: 'momentum',
	learningRate: 0.1,
} as const satisfies Partial<TrainConfig>;

/** Each optimizer's learning rate when --lr is not given: momentum's 0.2 would send Adam astray (87% after 2 epochs). */
export const defaultLearningRates: Readonly<Record<OptimizerName, number>> = {momentum: 0.2, adam: 0.005, gd: 0.5};

/**
 * 'auto' is one thread per core, at most 4: the products of the default
 * network are cut into parts of 64 outputs, too small to gain from more.
 */
export function threadCount(threads: number | 'auto' = 'auto'): number {
	return threads === 'auto' ? Math.max(1, Math.min(4, availableParallelism())) : threads;
}

/**
 * The wasm team for a --threads setting: a number is that many threads on
 * every product; 'auto' hands the parts only to the partners that pay off,
 * fewer while another process takes their cores (see team-pace.ts).
 */
export function threadTeam(threads: number | 'auto' = 'auto'): {threads: number; adaptive: boolean} {
	return {threads: threadCount(threads), adaptive: threads === 'auto'};
}
