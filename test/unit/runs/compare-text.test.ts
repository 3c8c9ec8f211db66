import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {lineText} from '../../../source/runs/compare-lines.js';
import {comparisonLines} from '../../../source/runs/compare-text.js';
import {overlayChart} from '../../../source/runs/overlay-chart.js';
import {compareRuns, comparisonJson} from '../../../source/runs/run-comparison.js';
import {lastRun} from '../../../source/runs/run-log.js';

const fashion = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'];
const matrix = (shift: number) =>
	Array.from({length: 10}, (_, r) => Array.from({length: 10}, (_, c) => (r === c ? 50 - shift : c === (r + 1) % 10 ? shift : 0)));

function logOf(file: string, accuracies: readonly number[], shift: number, classes?: readonly string[], extra: object = {}) {
	const config = {
		layers: [784, 64, 10],
		epochs: accuracies.length,
		batchSize: 64,
		learningRate: 0.05,
		optimizer: 'adam',
		seed: 1,
		...(classes ? {classes} : {}),
		...extra,
	};
	const lines = [
		{event: 'start', config, trainCount: 500, testCount: 500},
		...accuracies.map((testAccuracy, index) => ({
			event: 'epoch',
			epoch: index + 1,
			epochs: accuracies.length,
			trainLoss: 1,
			trainAccuracy: 0.5,
			testLoss: 1 - testAccuracy,
			testAccuracy,
			seconds: 1,
		})),
		{
			event: 'done',
			epochs: accuracies.length,
			testAccuracy: accuracies.at(-1),
			testLoss: 0.1,
			seconds: 3,
			confusion: matrix(shift),
			savedTo: null,
		},
	];
	return lastRun(
		file,
		lines.map(line => JSON.stringify(line)),
	);
}

describe('overlayChart', () => {
	test('each run drawn with its own glyph on the line between its epochs, = where runs meet, the values on the left, the epochs below', () => {
		const lines = overlayChart([{values: [0, 1]}, {values: [1, 0.5, 0]}], {width: 20, height: 3, format: value => value.toFixed(1)}).map(
			lineText,
		);
		assert.deepEqual(lines, [
			'1.0 |oooo  **',
			'0.5 |  **==ooooo',
			'0.0 |**         oooo',
			'    +---------------',
			'     1    epoch    3',
			'     = two or more runs in one place',
		]);
	});
});

describe('comparisonLines', () => {
	test('fits 80 columns with eight runs of long names, names escaped, glyphs told apart, fashion class numbers explained', () => {
		const runs = Array.from({length: 8}, (_, index) =>
			logOf(`/logs/a-rather-long-run-name-number-${index}\u001b[31m.jsonl`, [0.5 + index / 20, 0.6 + index / 20], index, fashion),
		);
		const lines = comparisonLines(compareRuns(runs), 80).map(lineText);
		const long = lines.filter(line => line.length > 80);
		assert.deepEqual(long, []);
		assert.ok(!lines.some(line => line.includes('\u001b')), 'no raw escape reaches the terminal');
		assert.match(lines.join('\n'), /a-rather-long-run-name-number-7\\x1b\[31m\.jsonl/);
		assert.ok(lines.includes('Confusion change, a-rather-long-run-name-number-7\\x1b[31m.jsonl minus a-rather-~'));
		assert.ok(lines.includes('  data: ?'), 'the data source under the settings: the names need the room');
		assert.ok(lines.some(line => line.startsWith('  classes: 0 T-shirt/top, 1 Trouser')));
		assert.deepEqual(
			lines.filter(line => /^[*o+x#@%&] a-rather/.test(line)).map(line => line[0]),
			['*', 'o', '+', 'x', '#', '@', '%', '&', '*', 'o', '+', 'x', '#', '@', '%', '&'],
		);
	});

	test('runs whose logs have no confusion matrix say so instead of a difference', () => {
		const a = logOf('a.jsonl', [0.8], 0);
		const b = {...logOf('b.jsonl', [0.9], 1), done: null};
		const lines = comparisonLines(compareRuns([a, b]), 80).map(lineText);
		assert.deepEqual(lines.slice(-2), [
			'Confusion change, b.jsonl minus a.jsonl',
			'  not shown: b.jsonl has no confusion matrix in its log',
		]);
		assert.ok(
			lines.some(line => /^o b\.jsonl +1 +90\.00% +90\.00% +0\.1000 +1\.0s +unfinished$/.test(line)),
			lines.join('\n'),
		);
	});

	test('a run steered while it trained: its lr marked, what changed said under the settings and listed in --json', () => {
		const a = logOf('a.jsonl', [0.8, 0.85], 0);
		const plain = logOf('b.jsonl', [0.9, 0.95], 1);
		const control = {epoch: 1, step: 4, setting: 'learningRate' as const, from: 0.05, values: {learningRate: 0.1, momentum: 0.9}};
		const b = {
			...plain,
			controls: [control, {epoch: 2, step: 1, setting: 'momentum' as const, from: 0.9, values: {learningRate: 0.1, momentum: 0.85}}],
		};
		const comparison = compareRuns([a, b]);
		const lines = comparisonLines(comparison, 100).map(lineText);
		assert.ok(lines.some(line => /^\* a\.jsonl +784-64-10 +adam +0\.05 /.test(line)));
		assert.ok(lines.some(line => /^o b\.jsonl +784-64-10 +adam +0\.05\* /.test(line)));
		assert.ok(lines.includes('  (*) b.jsonl: changed while training: lr 0.05->0.1, momentum 0.9->0.85 (2 changes)'), lines.join('\n'));
		const json = JSON.parse(comparisonJson(comparison));
		assert.deepEqual(json.runs[0].controls, []);
		assert.deepEqual(json.runs[1].controls[1], {epoch: 2, step: 1, lr: 0.1, momentum: 0.85, changed: 'momentum', previous: 0.9});
	});

	test('a schedule column when a run has one (a log from before schedules had a constant rate), lines below when it does not fit', () => {
		const runs = [
			logOf('a.jsonl', [0.8], 0, undefined, {schedule: {name: 'onecycle', warmup: 0.2}}),
			logOf('b.jsonl', [0.8], 0, undefined, {schedule: {name: 'onecycle', warmup: 0.3}}),
			logOf('c.jsonl', [0.8], 0, undefined, {schedule: {name: 'cosine'}}),
			logOf('d.jsonl', [0.8], 0, undefined, {schedule: {name: 'constant'}}),
			logOf('e.jsonl', [0.8], 0),
		];
		const settings = (lines: string[]) => lines.slice(lines.indexOf('Settings') + 1, lines.indexOf('Results') - 1);
		assert.deepEqual(settings(comparisonLines(compareRuns(runs), 100).map(lineText)), [
			'  run      layers     optimizer  lr    batch  epochs  seed  train/test  schedule               data',
			'* a.jsonl  784-64-10  adam       0.05  64     1       1     500/500     onecycle               ?',
			'o b.jsonl  784-64-10  adam       0.05  64     1       1     500/500     onecycle, 30% warm-up  ?',
			'+ c.jsonl  784-64-10  adam       0.05  64     1       1     500/500     cosine                 ?',
			'x d.jsonl  784-64-10  adam       0.05  64     1       1     500/500     constant               ?',
			'# e.jsonl  784-64-10  adam       0.05  64     1       1     500/500     constant               ?',
		]);
		assert.deepEqual(settings(comparisonLines(compareRuns(runs), 80).map(lineText)), [
			'  run      layers     optimizer  lr    batch  epochs  seed  train/test',
			'* a.jsonl  784-64-10  adam       0.05  64     1       1     500/500',
			'o b.jsonl  784-64-10  adam       0.05  64     1       1     500/500',
			'+ c.jsonl  784-64-10  adam       0.05  64     1       1     500/500',
			'x d.jsonl  784-64-10  adam       0.05  64     1       1     500/500',
			'# e.jsonl  784-64-10  adam       0.05  64     1       1     500/500',
			'* schedule: onecycle',
			'o schedule: onecycle, 30% warm-up',
			'+ schedule: cosine',
			'x schedule: constant',
			'# schedule: constant',
			'  data: ?',
		]);
		const constant = comparisonLines(compareRuns(runs.slice(3)), 120).map(lineText);
		assert.ok(!constant.some(line => line.includes('schedule')), constant.join('\n'));
		const json = JSON.parse(comparisonJson(compareRuns(runs)));
		assert.deepEqual(
			json.runs.map((run: {config: {schedule: unknown}}) => run.config.schedule),
			[{name: 'onecycle', warmup: 0.2}, {name: 'onecycle', warmup: 0.3}, {name: 'cosine'}, {name: 'constant'}, null],
		);
	});
});
