import assert from 'node:assert/strict';
import {mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, test} from 'node:test';
import {classSets} from '../../source/train/config.js';
import {jsonLines, runCli} from '../helpers/cli.js';
import {idxImages, idxLabels} from '../helpers/mnist-files.js';
import {temporaryFolder} from '../helpers/paths.js';

/**
 * Fashion-MNIST carries MNIST's file names; the program tells it by its folder
 * name. The fixture: a few dozen 28x28 images in IDX files, in a folder named
 * like Debian's (/usr/share/datasets/fashion-mnist); image i is of class i mod 10,
 * drawn as a bright band whose place gives its class, so a network can learn it.
 */
function fashionFolder(): string {
	const folder = join(temporaryFolder(), 'fashion-mnist');
	mkdirSync(folder);
	const write = (prefix: string, count: number) => {
		const images = new Uint8Array(count * 784);
		const labels = new Uint8Array(count);
		for (let i = 0; i < count; i++) {
			labels[i] = i % 10;
			for (let row = 2 + 2 * labels[i]!; row < 6 + 2 * labels[i]!; row++) {
				for (let column = 4; column < 24; column++) images[i * 784 + row * 28 + column] = 150 + ((i * 7 + column) % 100);
			}
		}
		writeFileSync(join(folder, `${prefix}-images-idx3-ubyte`), idxImages(images, count));
		writeFileSync(join(folder, `${prefix}-labels-idx1-ubyte`), idxLabels(labels));
	};
	write('train', 60);
	write('t10k', 20);
	return folder;
}

const small = ['--epochs', '2', '--hidden', '16', '--batch-size', '10'];

describe('Fashion-MNIST, told by its folder name', () => {
	const folder = fashionFolder();

	test('--plain: the class names on the start, in the confused pairs, and in the model file', async () => {
		const model = join(temporaryFolder(), 'fashion.json');
		const run = await runCli(['--data', folder, ...small, '--plain', '--save', model]);
		assert.equal(run.code, 0, run.stderr);
		const lines = run.stdout.split('\n');
		assert.equal(lines[2], 'Classes T-shirt/top, Trouser, Pullover, Dress, Coat, Sandal, Shirt, Sneaker, Bag, Ankle boot');
		const confused = lines.find(line => line.startsWith('Most confused (true→predicted): '));
		const name = `(?:${classSets.fashion.join('|')})`;
		assert.match(
			confused ?? '',
			new RegExp(`^Most confused \\(true→predicted\\): (none|${name}→${name} \\(\\d+\\)(, ${name}→${name} \\(\\d+\\))*)$`),
		);
		const saved = JSON.parse(readFileSync(model, 'utf8')) as {classes: string[]};
		assert.deepEqual(saved.classes, classSets.fashion);

		const evaluated = await runCli(['eval', '--model', model, '--data', folder, '--plain']);
		assert.equal(evaluated.code, 0, evaluated.stderr);
		const evalLines = evaluated.stdout.split('\n');
		const header = evalLines.indexOf('Confusion (rows: true label, columns: predicted)');
		assert.equal(evalLines[header + 1], 'true\\pred     Top Trous  Pull Dress  Coat  Sand Shirt  Snkr   Bag  Boot recall');
		assert.match(evalLines[header + 12] ?? '', /^precision( +(\d+(\.\d)?|-)){10}$/);
		assert.deepEqual(
			evalLines.slice(header + 2, header + 12).map(line => line.slice(0, 12).trimEnd()),
			classSets.fashion,
		);

		// predict: the class index in the Label column, as Kaggle's format has it, and eval's accuracy
		const out = join(temporaryFolder(), 'predictions.csv');
		const predicted = await runCli(['predict', '--model', model, '--data', folder, '--out', out]);
		assert.equal(predicted.code, 0, predicted.stderr);
		const rows = readFileSync(out, 'utf8').split('\n');
		assert.deepEqual(rows[0], 'ImageId,Label');
		assert.deepEqual(
			rows.slice(1, -1).map(row => /^(\d+),\d$/.exec(row)?.[1]),
			Array.from({length: 20}, (_, index) => String(index + 1)),
		);
		const [, accuracy, right] = /Test accuracy (\S+) \((\d+) of 20\)/.exec(evaluated.stdout) ?? [];
		assert.equal(predicted.stdout, `Wrote 20 predictions to ${out}; test accuracy ${accuracy} (${right} of 20)\n`);
	});

	test('--json: the class names in the start line; --classes digits overrides the folder name', async () => {
		const [named, overridden] = await Promise.all([
			runCli(['--data', folder, ...small, '--json']),
			runCli(['--data', folder, ...small, '--json', '--classes', 'digits']),
		]);
		assert.equal(named.code, 0, named.stderr);
		assert.equal(overridden.code, 0, overridden.stderr);
		const classesOf = (stdout: string) => (jsonLines(stdout)[0]!.config as {classes: string[]}).classes;
		assert.deepEqual(classesOf(named.stdout), classSets.fashion);
		assert.deepEqual(classesOf(overridden.stdout), classSets.digits);
	});

	test('--arch cnn: the start line and the saved version-2 model carry the class names; eval names the cnn and the classes', async () => {
		const model = join(temporaryFolder(), 'fashion-cnn.json');
		const run = await runCli(['--data', folder, '--arch', 'cnn', '--filters', '2,4', ...small, '--json', '--save', model]);
		assert.equal(run.code, 0, run.stderr);
		const {config} = jsonLines(run.stdout)[0] as {config: {arch: string; classes: string[]}};
		assert.deepEqual([config.arch, config.classes], ['cnn', classSets.fashion]);
		const saved = JSON.parse(readFileSync(model, 'utf8')) as {version: number; classes: string[]};
		assert.deepEqual([saved.version, saved.classes], [2, classSets.fashion]);
		const evaluated = await runCli(['eval', '--model', model, '--data', folder, '--plain']);
		assert.equal(evaluated.code, 0, evaluated.stderr);
		assert.match(evaluated.stdout, /^Model .*fashion-cnn\.json \(cnn 2·4 conv → 16 → 10\) on 20 test images from /);
		assert.match(evaluated.stdout, /^true\\pred {5}Top Trous {2}Pull Dress {2}Coat {2}Sand Shirt {2}Snkr {3}Bag {2}Boot recall$/m);
	});
});
