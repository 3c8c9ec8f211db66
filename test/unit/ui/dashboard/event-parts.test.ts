import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import type {EpochSummary} from '../../../../source/train/events.js';
import {bestEpoch, testLossRising} from '../../../../source/train/history.js';
import {dashboardReducer} from '../../../../source/ui/dashboard/dashboard-state.js';
import {eventParts, fitEventParts} from '../../../../source/ui/dashboard/event-parts.js';
import {configLine} from '../../../../source/ui/dashboard/header-text.js';
import {config, done, firstEpoch, loading, stopped, training} from '../fixtures.js';

const epoch = (n: number, trainLoss: number, testLoss: number | null, testAccuracy: number | null = 0.9): EpochSummary => ({
	epoch: n,
	trainLoss,
	trainAccuracy: 0.9,
	testLoss,
	testAccuracy,
	seconds: 1,
});
const line = (parts: readonly {text: string}[]) => parts.map(part => part.text).join('');

describe('testLossRising', () => {
	test('counts the last epochs whose test loss rose while the train loss fell', () => {
		assert.deepEqual(testLossRising([epoch(1, 0.3, 0.2), epoch(2, 0.2, 0.1), epoch(3, 0.1, 0.12)]), {since: 2, epochs: 1});
		assert.deepEqual(testLossRising([epoch(1, 0.3, 0.2), epoch(2, 0.2, 0.1), epoch(3, 0.1, 0.12), epoch(4, 0.05, 0.13)]), {
			since: 2,
			epochs: 2,
		});
	});

	test('says nothing while the test loss falls, or when both rise', () => {
		assert.equal(testLossRising([epoch(1, 0.3, 0.2), epoch(2, 0.2, 0.1)]), null);
		assert.equal(testLossRising([epoch(1, 0.2, 0.1), epoch(2, 0.3, 0.2)]), null);
		// a rise that has ended is history
		assert.equal(testLossRising([epoch(1, 0.3, 0.1), epoch(2, 0.2, 0.2), epoch(3, 0.1, 0.15)]), null);
	});

	test('says nothing with fewer than two epochs or without test labels', () => {
		assert.equal(testLossRising([]), null);
		assert.equal(testLossRising([epoch(1, 0.3, 0.2)]), null);
		assert.equal(testLossRising([epoch(1, 0.3, null), epoch(2, 0.2, null)]), null);
	});
});

describe('bestEpoch', () => {
	test('is the first epoch with the highest test accuracy', () => {
		assert.deepEqual(bestEpoch([epoch(1, 1, 1, 0.9), epoch(2, 1, 1, 0.95), epoch(3, 1, 1, 0.95), epoch(4, 1, 1, 0.94)]), {
			epoch: 2,
			testAccuracy: 0.95,
		});
		assert.equal(bestEpoch([epoch(1, 1, null, null)]), null);
		assert.equal(bestEpoch([]), null);
	});
});

describe('eventParts', () => {
	test('before the first epoch: when the first test results come', () => {
		assert.equal(line(eventParts(firstEpoch)), 'test loss and accuracy at the end of epoch 1');
		assert.deepEqual(eventParts(loading), []);
	});

	test('while training: the best test accuracy and its epoch', () => {
		assert.deepEqual(eventParts(training), [{text: 'best test accuracy 97.98% (epoch 3)', short: 'best 97.98% (epoch 3)', tone: 'plain'}]);
	});

	test('when done: the time, the best epoch; stopped: the rising test loss and where the model went', () => {
		assert.equal(line(eventParts(done)), 'training done in 1m12sbest test accuracy 97.98% (epoch 3)');
		assert.deepEqual(
			eventParts(stopped).map(part => part.tone),
			['warn', 'warn', 'plain', 'plain'],
		);
		assert.deepEqual(
			eventParts(stopped).map(part => part.text),
			[
				'stopped after epoch 5 (3m12s)',
				'test loss rising since epoch 3, train loss falling',
				'best test accuracy 97.98% (epoch 3)',
				'saved to model.json',
			],
		);
	});

	test('stopped by --patience: why, in words, said shorter when the line is narrow', () => {
		const best = {epoch: 4, testLoss: 0.07123, testAccuracy: 0.978, epochsWithout: 3};
		const state = {...done, done: {...done.done!, epochs: 7, stopped: 'patience' as const, best}};
		assert.deepEqual(eventParts(state)[0], {
			text: 'stopped after epoch 7: the test loss has not improved for 3 epochs (best 0.07123 at epoch 4)',
			short: 'stopped after epoch 7: no lower test loss for 3 epochs',
			tone: 'good',
		});
		assert.equal(line(fitEventParts(eventParts(state), 60, false)), 'stopped after epoch 7: no lower test loss for 3 epochs');
	});

	test('with --patience, while training: the epochs without a lower test loss so far', () => {
		// the fixture's test loss is lowest at epoch 3, then 0.0781 and 0.0803
		assert.deepEqual(stopped.lowestLoss, {epoch: 3, testLoss: 0.0768, testAccuracy: 0.9798, epochsWithout: 2});
		const waiting = {...stopped, phase: 'training' as const, done: null, start: {...stopped.start!, config: {...config, patience: 3}}};
		assert.deepEqual(eventParts(waiting)[0], {
			text: 'test loss not lower for 2 of 3 epochs (best 0.07680 at epoch 3)',
			short: 'patience 2/3',
			tone: 'warn',
		});
		assert.equal(eventParts({...waiting, start: stopped.start}).length, 3, 'not without --patience');
		assert.match(configLine(waiting.start, 200, false), / · seed 1 · patience 3 · /);
	});

	test('a failure comes first, in red', () => {
		const failed = dashboardReducer(training, {type: 'failed', message: 'the loss exploded at epoch 4, batch 17; try a lower --lr'});
		assert.deepEqual(eventParts(failed)[0], {text: 'the loss exploded at epoch 4, batch 17; try a lower --lr', tone: 'bad'});
	});
});

describe('fitEventParts', () => {
	test('joins the parts that fit, said shorter or left out when they do not', () => {
		const parts = eventParts(stopped);
		assert.equal(
			line(fitEventParts(parts, 200, false)),
			'stopped after epoch 5 (3m12s) · test loss rising since epoch 3, train loss falling · best test accuracy 97.98% (epoch 3) · saved to model.json',
		);
		assert.equal(
			line(fitEventParts(parts, 110, false)),
			'stopped after epoch 5 (3m12s) · test loss rising since epoch 3, train loss falling · best 97.98% (epoch 3)',
		);
		assert.equal(line(fitEventParts(parts, 80, false)), 'stopped after epoch 5 (3m12s) · test loss up since epoch 3 · saved to model.json');
		assert.equal(line(fitEventParts(parts, 60, true)), 'stopped after epoch 5 (3m12s) - test loss up since epoch 3');
	});

	test('cuts only the first part, and never goes past the width', () => {
		assert.equal(line(fitEventParts(eventParts(stopped), 20, false)), 'stopped after epoch…');
		for (let width = 0; width <= 160; width++) assert.ok(line(fitEventParts(eventParts(stopped), width, false)).length <= width);
	});
});
