import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {InputError} from '../../source/errors.js';
import {helpText} from '../../source/help.js';
import {type Command, demoFlags, parseCommandLine} from '../../source/options.js';
import {cnnDefaults, defaultLearningRates, defaults, type TrainConfig} from '../../source/train/config.js';

function trainConfig(argv: readonly string[]): TrainConfig {
	const command: Command = parseCommandLine(argv);
	assert.equal(command.kind, 'train');
	return (command as Extract<Command, {kind: 'train'}>).config;
}

/** The one line a refusal says. */
function refusal(argv: readonly string[]): string {
	try {
		parseCommandLine(argv);
	} catch (error) {
		assert.ok(error instanceof InputError, String(error));
		assert.doesNotMatch(error.message, /\n/);
		return error.message;
	}
	assert.fail(`${argv.join(' ')} was accepted`);
}

describe('--arch and --filters', () => {
	test('no --arch: the dense network and its recipe, as before (no arch, filters or cnn recipe in the config)', () => {
		const config = trainConfig([]);
		assert.equal(config.arch, undefined);
		assert.equal(config.filters, undefined);
		assert.equal(config.cnnRecipe, undefined);
		assert.deepEqual(
			[config.epochs, config.batchSize, config.learningRate, config.optimizer, config.schedule],
			[defaults.epochs, defaults.batchSize, defaultLearningRates.momentum, defaults.optimizer, defaults.schedule],
		);
	});

	test("the tutorial's flags still make the tutorial's run", () => {
		const config = trainConfig(['--hidden', '50', '--batch-size', 'full', '--optimizer', 'gd', '--lr', '0.5', '--epochs', '100']);
		assert.deepEqual(
			[config.arch, config.hidden, config.batchSize, config.optimizer, config.learningRate, config.epochs, config.schedule?.name],
			[undefined, [50], 'full', 'gd', 0.5, 100, 'constant'],
		);
	});

	test("--arch cnn: the cnn's recipe from cnnDefaults, its filters and hidden layers left to the same defaults", () => {
		const config = trainConfig(['--arch', 'cnn']);
		assert.equal(config.arch, 'cnn');
		assert.equal(config.filters, undefined, 'unset: cnnDefaults.filters');
		assert.equal(config.hidden, undefined, 'unset: cnnDefaults.hidden');
		assert.deepEqual(
			[config.epochs, config.batchSize, config.learningRate, config.optimizer, config.schedule],
			[cnnDefaults.epochs, cnnDefaults.batchSize, cnnDefaults.learningRate, cnnDefaults.optimizer, cnnDefaults.schedule],
		);
	});

	test('--arch cnn with flags: the flags win; another optimizer takes its own default rate', () => {
		const config = trainConfig(['--arch', 'cnn', '--filters', '6,12', '--hidden', '64,32', '--lr', '0.1', '--epochs', '2']);
		assert.deepEqual([config.filters, config.hidden, config.learningRate, config.epochs], [[6, 12], [64, 32], 0.1, 2]);
		const adam = trainConfig(['--arch', 'cnn', '--optimizer', 'adam']);
		assert.equal(adam.learningRate, defaultLearningRates.adam);
		assert.equal(trainConfig(['--arch', 'cnn', '--optimizer', 'gd']).schedule?.name, 'constant');
		assert.deepEqual(trainConfig(['--arch', 'cnn', '--filters', ' 4 , 8 ']).filters, [4, 8]);
	});

	test('--arch mlp is the default said aloud', () => {
		const config = trainConfig(['--arch', 'mlp']);
		assert.equal(config.arch, 'mlp');
		assert.equal(config.learningRate, defaultLearningRates.momentum);
	});

	test("--model without --arch: the model's kind decides, so the cnn's recipe rides along for a cnn model", () => {
		const config = trainConfig(['--model', 'm.json', '--epochs', '2']);
		assert.equal(config.arch, undefined);
		assert.deepEqual(config.cnnRecipe, {
			epochs: 2,
			batchSize: cnnDefaults.batchSize,
			learningRate: cnnDefaults.learningRate,
			schedule: cnnDefaults.schedule,
			optimizer: cnnDefaults.optimizer,
		});
		assert.equal(trainConfig(['--model', 'm.json', '--arch', 'cnn']).cnnRecipe, undefined);
	});

	test('refusals: one line naming the flag', () => {
		assert.equal(refusal(['--arch', 'rnn']), '--arch "rnn" is not one of mlp, cnn');
		assert.equal(refusal(['--filters', '8']), '--filters goes with --arch cnn');
		assert.equal(refusal(['--arch', 'mlp', '--filters', '8']), '--filters goes with --arch cnn, not mlp');
		assert.equal(refusal(['--model', 'm.json', '--filters', '8']), '--filters goes with --arch cnn');
		assert.equal(refusal(['--arch', 'cnn', '--filters', '8,,16']), '--filters 8,,16: not a list of whole numbers (e.g. 8,16)');
		assert.equal(refusal(['--arch', 'cnn', '--filters', 'eight']), '--filters eight: not a list of whole numbers (e.g. 8,16)');
		assert.equal(refusal(['--arch', 'cnn', '--filters', '8,-1']), '--filters 8,-1: not a list of whole numbers (e.g. 8,16)');
		assert.equal(refusal(['--arch', 'cnn', '--filters', '0']), '--filters 0: at least 1');
		assert.equal(refusal(['--arch', 'cnn', '--filters=']), '--filters needs a value (LIST)');
		assert.equal(
			refusal(['--arch', 'cnn', '--filters', '8,16,32']),
			'--filters 8,16,32: a 5×5 kernel does not fit maps of 4×4 (convolution 3 on 28×28 images)',
		);
		assert.equal(
			refusal(['--arch', 'cnn', '--filters', '200']),
			'--filters 200: a convolution of 200 filters gives 200×24×24 = 115,200 values, more than the 65,536 a layer here may have',
		);
		assert.equal(
			refusal(['--arch', 'cnn', '--filters', '8,16', '--hidden', '60000']),
			'--filters 8,16 --hidden 60000: 16,023,434 weights and biases, more than the 4,194,304 a network here may have',
		);
		assert.equal(
			refusal(['--arch', 'cnn', '--filters', '100,1000', '--hidden', '128']),
			'--filters 100,1000 --hidden 128: 4,553,018 weights and biases, more than the 4,194,304 a network here may have',
		);
		assert.equal(refusal(['eval', '--model', 'm.json', '--arch', 'cnn']), '--arch is not used by eval');
	});

	test("a cnn's hidden layers may be wider than a dense network's: the limit counts the layers the cnn has", () => {
		assert.deepEqual(trainConfig(['--arch', 'cnn', '--filters', '8,16', '--hidden', '6000']).hidden, [6000]);
		assert.match(refusal(['--hidden', '6000']), /^--hidden 6000: 4,770,010 weights and biases, more than/);
		assert.match(refusal(['--arch', 'cnn', '--hidden', '6000,1000']), /^--hidden 6000,1000: \d[\d,]* weights and biases, more than/);
	});

	test("--resume: --filters is compared with the run's own, not refused for want of --arch", () => {
		const config = trainConfig(['--resume', 'run.json', '--filters', '4,8']);
		assert.deepEqual(config.filters, [4, 8]);
		assert.deepEqual(config.resume?.given, ['resume', 'filters']);
	});

	test("--demo --arch cnn trains the cnn's defaults with the demo's seed; the dense demo is unchanged", () => {
		const cnn = trainConfig(['--demo', '--arch', 'cnn']);
		assert.deepEqual([cnn.epochs, cnn.hidden, cnn.seed], [cnnDefaults.epochs, undefined, Number(demoFlags.seed)]);
		const dense = trainConfig(['--demo']);
		assert.deepEqual([dense.epochs, dense.hidden], [Number(demoFlags.epochs), [Number(demoFlags.hidden)]]);
	});

	test('--help lists both flags with their defaults, and the cnn defaults beside the others', () => {
		const help = helpText('0.0.0');
		assert.match(help, /^ {2}--arch NAME +mlp \(dense layers\) \| cnn .*\(default: mlp; a --model's own\)$/m);
		const line = (flag: string) => help.split('\n').find(line => line.startsWith(`  --${flag} `)) ?? '';
		assert.match(line('filters'), /^ {2}--filters LIST +cnn: /);
		assert.ok(line('filters').endsWith(`(default: ${cnnDefaults.filters.join(',')})`), line('filters'));
		assert.ok(line('hidden').endsWith(`(default: ${defaults.hidden.join(',')}; cnn ${cnnDefaults.hidden.join(',')})`), line('hidden'));
		assert.ok(line('lr').endsWith(`; cnn ${cnnDefaults.optimizer} ${cnnDefaults.learningRate})`), line('lr'));
	});
});
