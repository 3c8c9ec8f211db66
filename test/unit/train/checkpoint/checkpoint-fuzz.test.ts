/**
 * Checkpoints damaged in their meaning, seeded (test/helpers/mutations.ts):
 * each is resumed by the real run for one step. It must either train, or
 * stop with one InputError naming the checkpoint: never another exception.
 */
import assert from 'node:assert/strict';
import {readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, test} from 'node:test';
import {InputError} from '../../../../source/errors.js';
import {Rng} from '../../../../source/nn/rng.js';
import type {TrainConfig} from '../../../../source/train/config.js';
import {runTraining} from '../../../../source/train/run.js';
import {seed} from '../../../helpers/fuzz-sources.js';
import {mutateCheckpoint} from '../../../helpers/mutations.js';
import {fixtures, temporaryFolder} from '../../../helpers/paths.js';

const folder = temporaryFolder();

const config: TrainConfig = {
	hidden: [8],
	epochs: 3,
	batchSize: 16,
	learningRate: 0.01,
	optimizer: 'adam',
	seed: 2,
	backend: 'js',
	classes: 'digits',
	sources: {train: join(fixtures, 'mnist_train_100.csv'), test: join(fixtures, 'mnist_test_100.csv')},
	threads: 1,
};

/** Runs until `steps` optimizer steps are done, then asks the run to stop; the last event. */
async function run(settings: TrainConfig, steps: number) {
	let done = 0;
	let last: unknown;
	for await (const event of runTraining(settings, {stopRequested: () => done >= steps})) {
		if (event.type === 'batch') done++;
		last = event;
	}
	return last as {type: string};
}

describe(`checkpoints damaged in their meaning (seed ${seed})`, () => {
	test('100 cases, each resumed for one step: trained, or one InputError naming the file', async t => {
		const checkpoints: string[] = [];
		for (const optimizer of ['adam', 'momentum'] as const) {
			const save = join(folder, `${optimizer}.json`);
			// stopped in the second epoch: a history, an epoch half done, optimizer state
			await run({...config, optimizer, save}, 9);
			checkpoints.push(readFileSync(save, 'utf8'));
		}
		const rng = new Rng(seed + 5);
		const failures: string[] = [];
		let trained = 0,
			refused = 0;
		for (let index = 0; index < 100; index++) {
			const mutant = mutateCheckpoint(rng, checkpoints[rng.int(checkpoints.length)]!);
			const file = join(folder, `case-${index}.json`);
			writeFileSync(file, mutant.content);
			try {
				assert.equal((await run({...config, resume: {file, given: []}}, 1)).type, 'done');
				trained++;
			} catch (error) {
				const label = `case ${index} (${mutant.what})`;
				if (!(error instanceof InputError)) failures.push(`${label}: ${String(error)}`);
				else if (!error.message.includes(file)) failures.push(`${label}: the message does not name the file: ${error.message}`);
				else refused++;
			}
		}
		t.diagnostic(`100 cases: ${trained} trained, ${refused} refused with an input error`);
		assert.deepEqual(failures, [], `seed ${seed}`);
		assert.ok(refused > 50, 'most damage is noticed');
	});
});
