import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {jsonLines} from '../../../source/output/json-lines.js';
import type {EpochResult} from '../../../source/train/events.js';

const confusion = [
	[3, 1],
	[0, 4],
];
const epoch = (n: number): EpochResult => ({
	type: 'epoch',
	epoch: n,
	epochs: 2,
	trainLoss: 0.5,
	trainAccuracy: 0.75,
	testLoss: 0.4,
	testAccuracy: 0.875,
	seconds: 1.23456,
	samplesPerSecond: 100.4,
	test: {loss: 0.4, accuracy: 0.875, confusion, predictions: new Uint8Array(8), probabilities: new Float32Array(16), meanActivations: []},
});
const batch = (loss: number) => ({type: 'batch', epoch: 1, epochs: 2, batch: 1, batches: 2, images: 4, loss, seconds: 0.5}) as const;
const progress = (losses: number[]) => ({...batch(0), type: 'progress', losses: Float32Array.from(losses)}) as const;

describe('jsonLines', () => {
	test("an epoch line carries the epoch's test confusion matrix and the loss of each of its steps, from steps or progress messages", () => {
		const line = jsonLines();
		assert.equal(line(batch(2.123456789)), undefined);
		assert.equal(line(batch(1.5)), undefined);
		const first = JSON.parse(line(epoch(1))!);
		assert.deepEqual(first, {
			event: 'epoch',
			epoch: 1,
			epochs: 2,
			trainLoss: 0.5,
			trainAccuracy: 0.75,
			testLoss: 0.4,
			testAccuracy: 0.875,
			seconds: 1.235,
			samplesPerSecond: 100,
			confusion,
			stepLosses: [2.12346, 1.5],
		});
		line(progress([0.75, 0.5]));
		line(progress([0.25]));
		assert.deepEqual(JSON.parse(line(epoch(2))!).stepLosses, [0.75, 0.5, 0.25], "only the epoch's own steps");
	});
});
