import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {InputError} from '../../../../source/errors.js';
import {Rng} from '../../../../source/nn/rng.js';
import {checkpointFields, parseCheckpoint, runSettings} from '../../../../source/train/checkpoint/checkpoint.js';
import {newTrainerState} from '../../../../source/train/trainer.js';
import {config} from '../../ui/fixtures.js';

/** A checkpoint's keys as a model file holds them, from a run with these settings. */
const saved = (settings: Record<string, unknown>) =>
	JSON.parse(
		JSON.stringify(
			checkpointFields({
				settings: {...runSettings(config, [784, 8, 10]), ...settings},
				state: newTrainerState(5),
				rng: new Rng(1),
				optimizer: {},
				history: [],
			}),
		),
	) as Record<string, unknown>;

describe('--patience in a checkpoint', () => {
	test("is kept with the run's settings, and absent when not given", () => {
		assert.equal(parseCheckpoint(saved({patience: 3}), 'm.json').settings.patience, 3);
		assert.equal(parseCheckpoint(saved({}), 'm.json').settings.patience, undefined);
		assert.equal(runSettings({...config, patience: 4}, [784, 8, 10]).patience, 4);
	});

	test('a damaged one is an InputError naming the field', () => {
		for (const patience of [0, 1.5, '3', -1]) {
			assert.throws(
				() => parseCheckpoint(saved({patience}), 'm.json'),
				(error: unknown) => {
					assert.ok(error instanceof InputError);
					assert.equal(
						error.message,
						'--resume m.json: the training state is damaged: training.config.patience: expected a whole number from 1 to 100000',
					);
					return true;
				},
			);
		}
	});
});
