import type {Dataset} from '../data/dataset.js';
import {DivergedError} from '../errors.js';
import type {Network} from '../nn/network.js';
import type {Optimizer} from '../nn/optim/optimizer.js';
import type {Rng} from '../nn/rng.js';
import {identityOrder, packLabels} from './batches.js';
import {evaluate} from './evaluate.js';
import type {TrainerEvent} from './events.js';

export interface TrainerOptions {
	readonly network: Network;
	readonly optimizer: Optimizer;
	readonly train: Dataset;
	readonly test: Dataset;
	readonly epochs: number;
	/** Images per optimizer step; 'full' is one gradient-descent step on the whole training set per epoch. */
	readonly batchSize: number | 'full';
	readonly rng: Rng;
	/** Where to start and what to keep up to date as it trains: a new run's by default, a checkpoint's to continue one. */
	readonly state?: TrainerState;
	/** The rate of step `step` (0 is the run's first) of `steps`, set on the optimizer before it; unset, the optimizer's own. */
	readonly learningRate?: (step: number, steps: number) => number;
}

/**
 * Where a run stands, updated after every step: with the network, the
 * optimizer's state and the rng it is what a checkpoint needs to continue
 * exactly where the run stopped, even in the middle of an epoch.
 */
export interface TrainerState {
	/** The epoch in progress, or the next one when no step of it is done yet. */
	epoch: number;
	/** Steps done in that epoch. */
	batch: number;
	/** The training images' order: that epoch's once it has begun, the epoch before's until then. */
	readonly order: Uint32Array;
	/** The epoch's summed loss, right predictions and training seconds so far. */
	lossSum: number;
	correct: number;
	seconds: number;
}

export function newTrainerState(trainCount: number): TrainerState {
	return {epoch: 1, batch: 0, order: identityOrder(trainCount), lossSum: 0, correct: 0, seconds: 0};
}

/** Optimizer steps in an epoch of `trainCount` images. */
export const batchesPerEpoch = (batchSize: number | 'full', trainCount: number): number =>
	batchSize === 'full' ? 1 : Math.ceil(trainCount / Math.min(batchSize, trainCount));

/**
 * A mean cross-entropy above this is divergence, not learning: a random guess
 * costs ln 10 ≈ 2.3, and a step too big often kills every ReLU, leaving a huge
 * but finite loss rather than NaN.
 */
export const explodedLoss = 1000;

/** A full-batch step is accumulated over chunks this big, so memory stays small. */
const chunkSize = 1000;

/**
 * Trains epoch after epoch, yielding progress after every step and results
 * after every epoch. The consumer decides what to show, save or stop: the
 * trainer never prints, and stops cleanly whenever the consumer stops asking.
 */
export function* trainer(options: TrainerOptions): Generator<TrainerEvent, void, undefined> {
	const {network, optimizer, train, test, epochs, rng} = options;
	const stepSize = options.batchSize === 'full' ? train.count : Math.min(options.batchSize, train.count);
	const chunk = Math.min(stepSize, chunkSize);
	const labels = new Uint8Array(chunk);
	const state = options.state ?? newTrainerState(train.count);
	const {order} = state;
	const parameters = network.parameters();
	const batches = batchesPerEpoch(options.batchSize, train.count);
	const steps = epochs * batches;

	for (let epoch = state.epoch; epoch <= epochs; epoch++) {
		if (state.batch === 0) {
			// full-batch descent sees every image each step: order does not matter
			if (options.batchSize !== 'full') rng.shuffle(order);
			state.lossSum = state.correct = state.seconds = 0;
		}
		// training time only: the time spent away at a yield (output, pauses) is not counted
		let resumed = performance.now();
		for (let batch = state.batch + 1; batch <= batches; batch++) {
			const stepStart = (batch - 1) * stepSize;
			const stepCount = Math.min(stepSize, train.count - stepStart);
			let stepLoss = 0,
				stepCorrect = 0;
			for (let offset = 0; offset < stepCount; offset += chunk) {
				const count = Math.min(chunk, stepCount - offset);
				const x = network.packImages(train.images, order, stepStart + offset, count);
				packLabels(train, order, stepStart + offset, count, labels);
				// the step's first batch writes the gradients, the others add to them
				const result = network.trainBatch(x, labels, count, 1 / stepCount, offset === 0);
				stepLoss += result.loss;
				stepCorrect += result.correct;
			}
			const meanLoss = stepLoss / stepCount;
			if (!(meanLoss <= explodedLoss)) {
				const what = Number.isFinite(meanLoss)
					? `the loss exploded to ${meanLoss.toPrecision(3)}`
					: 'the loss is no longer a finite number';
				throw DivergedError.at(epoch, batch, optimizer.learningRate, what);
			}
			if (options.learningRate) optimizer.learningRate = options.learningRate((epoch - 1) * batches + batch - 1, steps);
			optimizer.step(parameters);
			// a step can overflow a weight while its loss was still fine; caught here, not epochs later
			if (!network.hasFiniteWeights()) {
				throw DivergedError.at(epoch, batch, optimizer.learningRate, 'the weights are no longer finite numbers');
			}
			state.batch = batch;
			state.lossSum += stepLoss;
			state.correct += stepCorrect;
			state.seconds += (performance.now() - resumed) / 1000;
			yield {type: 'batch', epoch, epochs, batch, batches, images: stepStart + stepCount, loss: meanLoss, seconds: state.seconds};
			resumed = performance.now();
		}
		const evaluation = evaluate(network, test);
		const {lossSum, correct, seconds} = state;
		state.epoch = epoch + 1;
		state.batch = 0;
		yield {
			type: 'epoch',
			epoch,
			epochs,
			trainLoss: lossSum / train.count,
			trainAccuracy: correct / train.count,
			testLoss: evaluation.loss,
			testAccuracy: evaluation.accuracy,
			seconds,
			samplesPerSecond: train.count / seconds,
			test: evaluation,
		};
	}
}
