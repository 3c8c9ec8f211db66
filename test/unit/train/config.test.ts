import assert from 'node:assert/strict';
import {mkdirSync} from 'node:fs';
import {availableParallelism} from 'node:os';
import path from 'node:path';
import {describe, test} from 'node:test';
import {parseCommandLine} from '../../../source/options.js';
import {areDigits, classSetFor, classSets, threadTeam} from '../../../source/train/config.js';
import {scratchFolder} from '../../helpers/scratch.js';

describe('class names from the data paths', () => {
	test('a folder that says "fashion", in any case, holds Fashion-MNIST', () => {
		assert.equal(classSetFor({data: '/usr/share/datasets/fashion-mnist'}), 'fashion');
		assert.equal(classSetFor({data: 'data/FashionMNIST/raw'}), 'fashion', 'torchvision: the folder above the files');
		assert.equal(classSetFor({data: 'Fashion/'}), 'fashion');
	});

	test('so does a --train or --test file named so, or whose folder is', () => {
		assert.equal(classSetFor({train: 'data/fashion-train-images-idx3-ubyte'}), 'fashion');
		assert.equal(classSetFor({test: '/srv/fashion_mnist/t10k-images-idx3-ubyte.gz'}), 'fashion');
		assert.equal(classSetFor({train: 'mnist/train-images-idx3-ubyte', test: 'fashion/t10k-images-idx3-ubyte'}), 'fashion');
	});

	test('the digits otherwise: the embedded MNIST, MNIST folders, and "fashion" higher up the path', () => {
		assert.equal(classSetFor({}), 'digits');
		assert.equal(classSetFor({data: '/usr/share/datasets/mnist'}), 'digits');
		assert.equal(classSetFor({data: '/home/fashionlab/projects/mnist'}), 'digits');
		assert.equal(classSetFor({train: '/home/fashionlab/projects/mnist/train-images-idx3-ubyte'}), 'digits');
	});

	test("--data . inside the Fashion-MNIST folder is told by the folder's real name", () => {
		const {folder} = scratchFolder('mnist-tui-classes-');
		const fashion = path.join(folder, 'Fashion-MNIST');
		mkdirSync(fashion);
		const cwd = process.cwd();
		process.chdir(fashion);
		try {
			assert.equal(classSetFor({data: '.'}), 'fashion');
			assert.equal(classSetFor({test: 't10k-images-idx3-ubyte'}), 'fashion');
		} finally {
			process.chdir(cwd);
		}
	});

	test('the command line: detected when --classes is not given, --classes wins when it is', () => {
		const classes = (argv: string[]) => {
			const command = parseCommandLine(argv);
			assert.ok(command.kind === 'train' || command.kind === 'eval');
			return command.config.classes;
		};
		assert.equal(classes([]), 'digits');
		assert.equal(classes(['--data', 'fashion-mnist']), 'fashion');
		assert.equal(classes(['eval', '--model', 'm.json', '--test', 'Fashion/t10k-images-idx3-ubyte']), 'fashion');
		assert.equal(classes(['--data', 'fashion-mnist', '--classes', 'digits']), 'digits');
		assert.equal(classes(['--data', 'mnist', '--classes', 'fashion']), 'fashion');
	});

	test('the digits are told from other class names', () => {
		assert.ok(areDigits(classSets.digits));
		assert.ok(!areDigits(classSets.fashion));
		assert.ok(!areDigits(['1', '0', '2', '3', '4', '5', '6', '7', '8', '9']));
	});
});

describe('the thread team for --threads', () => {
	test('auto: one thread per core, at most 4, handing parts only to the partners that pay off', () => {
		const cores = Math.min(4, availableParallelism());
		assert.deepEqual(threadTeam('auto'), {threads: cores, adaptive: true});
		assert.deepEqual(threadTeam(), {threads: cores, adaptive: true}, 'unset is auto');
	});

	test('a number: exactly that many threads on every product', () => {
		assert.deepEqual(threadTeam(1), {threads: 1, adaptive: false});
		assert.deepEqual(threadTeam(2), {threads: 2, adaptive: false});
		assert.deepEqual(threadTeam(8), {threads: 8, adaptive: false});
	});
});
