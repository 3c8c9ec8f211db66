import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {classSets} from '../../../../source/train/config.js';
import {dashboardReducer} from '../../../../source/ui/dashboard/dashboard-state.js';
import {summaryLines} from '../../../../source/ui/dashboard/summary.js';
import {done, loading, training} from '../fixtures.js';

describe('the summary after the dashboard', () => {
	test('a finished run: final and best accuracy, epochs, time, the three most confused pairs, no model saved', () => {
		assert.deepEqual(summaryLines(done, 71.6), [
			'mnist-tui: trained 784-512-10 for 3 of 3 epochs in 1m12s',
			'  test accuracy 97.98% (loss 0.07680), best 97.98% at epoch 3',
			// the fixture's matrix: 7→2 and 9→4 nine times, 4→9 and 5→3 eight; ties by true label
			'  most confused (true→predicted): 7→2 (9), 9→4 (9), 4→9 (8)',
			'  model not saved (use --save FILE to keep it)',
		]);
	});

	test('a stopped run says so and where the model went', () => {
		const saved = dashboardReducer(training, {type: 'saved', path: 'runs/model.json', epoch: 3});
		const lines = summaryLines(saved, 62);
		assert.match(lines[0]!, /^mnist-tui: stopped 784-512-10 for 3 of 10 epochs in 1m02s$/);
		assert.equal(lines.at(-1), '  model saved to runs/model.json');
	});

	test('a run stopped by --patience: trained, why it stopped, where the best model went', () => {
		const best = {epoch: 4, testLoss: 0.07123, testAccuracy: 0.978, epochsWithout: 3};
		const byPatience = {...done, done: {...done.done!, stopped: 'patience' as const, best, bestSavedTo: 'best.json'}};
		assert.deepEqual(summaryLines(byPatience, 71.6), [
			'mnist-tui: trained 784-512-10 for 3 of 3 epochs in 1m12s',
			'  test accuracy 97.98% (loss 0.07680), best 97.98% at epoch 3',
			'  stopped: the test loss has not improved for 3 epochs (best 0.07123 at epoch 4)',
			'  most confused (true→predicted): 7→2 (9), 9→4 (9), 4→9 (8)',
			'  model not saved (use --save FILE to keep it)',
			'  best model (epoch 4, test loss 0.07123) saved to best.json',
		]);
	});

	test('stopped while loading', () => {
		assert.deepEqual(summaryLines(loading, 0.4), ['mnist-tui: stopped while loading, after 0.4s']);
	});
});

describe('the summary with Fashion-MNIST class names', () => {
	test('the confused pairs carry over to a second line, so every line fits 80 columns', () => {
		const fashion = {...done, start: {...done.start!, classes: classSets.fashion}};
		const lines = summaryLines(fashion, 71.6);
		assert.deepEqual(lines.slice(2, 4), [
			'  most confused (true→predicted): Sneaker→Pullover (9), Ankle boot→Coat (9),',
			'                                  Coat→Ankle boot (8)',
		]);
		for (const line of lines) assert.ok(line.length <= 80, line);
	});
});

describe('the summary with --ascii', () => {
	test('ASCII arrows in the confused pairs', () => {
		assert.equal(summaryLines(done, 71.6, true)[2], '  most confused (true->predicted): 7->2 (9), 9->4 (9), 4->9 (8)');
	});
});
