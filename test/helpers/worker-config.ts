import type {TrainConfig} from '../../source/train/config.js';

/**
 * A small run of the embedded MNIST for the training worker's tests: 784-16-10,
 * batch 32, momentum at 0.05, seed 1; each test says how long and on how many images.
 */
export function workerConfig(run: Pick<TrainConfig, 'epochs' | 'limit' | 'testLimit'> & Partial<TrainConfig>): TrainConfig {
	return {
		hidden: [16],
		batchSize: 32,
		learningRate: 0.05,
		optimizer: 'momentum',
		seed: 1,
		backend: 'auto',
		classes: 'digits',
		sources: {},
		...run,
	};
}
