import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {lowestTestLoss, patienceStanding, stopsForPatience} from '../../../source/train/patience.js';

/** A history from test losses, epoch 1 first; accuracy is beside the point here. */
const epochs = (...losses: (number | null)[]) =>
	losses.map((testLoss, index) => ({epoch: index + 1, testLoss, testAccuracy: testLoss === null ? null : 0.5}));

describe('the lowest test loss', () => {
	test('the first epoch to reach it: a later equal loss is no improvement', () => {
		assert.deepEqual(lowestTestLoss(epochs(0.9, 0.5, 0.7, 0.5, 0.6)), {epoch: 2, testLoss: 0.5, testAccuracy: 0.5});
	});

	test('none without a test loss', () => {
		assert.equal(lowestTestLoss([]), null);
		assert.equal(lowestTestLoss(epochs(null, null)), null);
	});

	test('the epochs since it that did not beat it', () => {
		assert.deepEqual(patienceStanding(epochs(0.9, 0.5, 0.7, 0.5)), {epoch: 2, testLoss: 0.5, testAccuracy: 0.5, epochsWithout: 2});
		assert.equal(patienceStanding(epochs(0.9, 0.5))!.epochsWithout, 0);
	});
});

describe('the --patience rule', () => {
	test('stops once N epochs in a row have not been strictly lower than the best so far', () => {
		const losses = [0.77, 0.58, 0.56, 0.55, 0.49, 0.494, 0.46, 0.45, 0.454, 0.474, 0.473, 0.5];
		// the first epoch at which the rule says stop, for each patience
		const stopsAt = (patience: number) => losses.findIndex((_, i) => stopsForPatience(epochs(...losses.slice(0, i + 1)), patience)) + 1;
		assert.equal(stopsAt(1), 6, '0.494 after 0.49');
		assert.equal(stopsAt(2), 10, '0.454 and 0.474 after 0.45 at epoch 8 (0.494 did not count: 0.46 came before two epochs)');
		assert.equal(stopsAt(3), 11);
		assert.equal(stopsAt(4), 12);
		assert.equal(stopsAt(5), 0, 'never within these epochs');
	});

	test('an equal loss counts as not improved', () => {
		assert.deepEqual(stopsForPatience(epochs(0.5, 0.5, 0.5), 2), {epoch: 1, testLoss: 0.5, testAccuracy: 0.5, epochsWithout: 2});
	});

	test('a lower loss starts the count again', () => {
		assert.equal(stopsForPatience(epochs(0.5, 0.6, 0.4, 0.45), 2), null);
		assert.equal(stopsForPatience(epochs(0.5, 0.6, 0.4, 0.45, 0.41), 2)!.epoch, 3);
	});

	test('a resumed history is read the same: only the epoch numbers and losses count', () => {
		const history = epochs(0.5, 0.4, 0.45, 0.46);
		assert.deepEqual(stopsForPatience(history, 2), stopsForPatience(structuredClone(history), 2));
		assert.equal(stopsForPatience(history.slice(0, 3), 2), null);
	});

	test('nothing to go on before an epoch with a test loss', () => {
		assert.equal(stopsForPatience([], 1), null);
		assert.equal(stopsForPatience(epochs(null), 1), null);
	});
});
