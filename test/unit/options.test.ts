import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {demoFlags, parseCommandLine} from '../../source/options.js';
import {defaults} from '../../source/train/config.js';

describe('command line', () => {
	test('no flags: train with the defaults, output chosen by the terminal', () => {
		const command = parseCommandLine([]);
		assert.equal(command.kind, 'train');
		if (command.kind !== 'train') return;
		assert.equal(command.output, 'auto');
		assert.equal(command.config.epochs, defaults.epochs);
		assert.equal(command.config.hidden, undefined, 'unset, so a --model keeps its own layers');
		assert.deepEqual(command.config.sources, {});
	});

	test('the tutorial setup parses into one full-batch gradient-descent run', () => {
		const command = parseCommandLine(['--hidden', '50', '--batch-size', 'full', '--optimizer', 'gd', '--lr', '0.5', '--epochs', '100']);
		assert.equal(command.kind, 'train');
		if (command.kind !== 'train') return;
		assert.deepEqual(command.config.hidden, [50]);
		assert.equal(command.config.batchSize, 'full');
		assert.equal(command.config.optimizer, 'gd');
		assert.equal(command.config.learningRate, 0.5);
		assert.equal(command.config.epochs, 100);
	});

	test('--flag=value, several hidden layers, data sources and gates', () => {
		const command = parseCommandLine([
			'train',
			'--hidden=256,128',
			'--data',
			'mnist',
			'--test=t.csv',
			'--limit',
			'500',
			'--min-accuracy',
			'0.97',
			'--json',
			'--log',
			'run.jsonl',
			'--save',
			'm.json',
		]);
		assert.equal(command.kind, 'train');
		if (command.kind !== 'train') return;
		assert.deepEqual(command.config.hidden, [256, 128]);
		assert.deepEqual(command.config.sources, {data: 'mnist', test: 't.csv'});
		assert.equal(command.config.limit, 500);
		assert.equal(command.config.minAccuracy, 0.97);
		assert.equal(command.output, 'json');
		assert.equal(command.log, 'run.jsonl');
		assert.equal(command.config.save, 'm.json');
	});

	test('eval takes the model and the test data', () => {
		const command = parseCommandLine(['eval', '--model', 'm.json', '--test-limit', '100', '--plain']);
		assert.equal(command.kind, 'eval');
		if (command.kind !== 'eval') return;
		assert.equal(command.model, 'm.json');
		assert.equal(command.config.testLimit, 100);
		assert.equal(command.output, 'plain');
	});

	test('predict takes the model, the test data, --out and --probabilities, and nothing of training', () => {
		const command = parseCommandLine([
			'predict',
			'--model',
			'm.json',
			'--test',
			'test.csv',
			'--test-limit',
			'5',
			'--out',
			'p.csv',
			'--probabilities',
		]);
		assert.deepEqual(command.kind === 'predict' && [command.model, command.out, command.probabilities], ['m.json', 'p.csv', true]);
		assert.deepEqual(command.kind === 'predict' && [command.config.sources, command.config.testLimit], [{test: 'test.csv'}, 5]);
		const bare = parseCommandLine(['predict', '--model', 'm.json']);
		assert.deepEqual(bare.kind === 'predict' && [bare.out, bare.probabilities], [undefined, false]);
		assert.throws(() => parseCommandLine(['predict', '--out', 'p.csv']), {message: 'predict needs --model FILE'});
		assert.throws(() => parseCommandLine(['predict', '--model', 'm.json', '--epochs', '2']), {message: '--epochs is not used by predict'});
		assert.throws(() => parseCommandLine(['predict', '--model', 'm.json', '--json']), {message: '--json is not used by predict'});
		assert.throws(() => parseCommandLine(['eval', '--model', 'm.json', '--out', 'p.csv']), {message: '--out is not used by eval'});
		assert.throws(() => parseCommandLine(['--probabilities']), {message: '--probabilities is not used by train'});
	});

	test('--help and --version win over everything else', () => {
		assert.equal(parseCommandLine(['--epochs', '3', '--help']).kind, 'help');
		assert.equal(parseCommandLine(['--version']).kind, 'version');
	});

	test('-h is --help; -v and -V are --version; another letter is an unknown option', () => {
		assert.equal(parseCommandLine(['-h']).kind, 'help');
		assert.equal(parseCommandLine(['eval', '-h']).kind, 'help');
		assert.equal(parseCommandLine(['-v']).kind, 'version');
		assert.equal(parseCommandLine(['-V']).kind, 'version');
		assert.throws(() => parseCommandLine(['-x']), {message: 'unknown option -x (see mnist-tui --help)'});
		// a negative value is still a value
		assert.throws(() => parseCommandLine(['--lr', '-1']), {message: '--lr -1: more than 0 (e.g. 0.05)'});
	});

	test("every number flag's message states the rule the value breaks", () => {
		const refusals: [string[], string][] = [
			[['--epochs', '0'], '--epochs 0: at least 1'],
			[['--epochs', '100001'], '--epochs 100001: at most 100000'],
			[['--epochs', 'ten'], '--epochs ten: not a whole number (1 to 100000)'],
			[['--epochs', '2.5'], '--epochs 2.5: not a whole number (1 to 100000)'],
			[['--batch-size', '0'], '--batch-size 0: at least 1'],
			[['--batch-size', 'half'], '--batch-size half: not a whole number (1 to 1000000000, or full)'],
			[['--lr', '1e20'], '--lr 1e20: at most 1e9'],
			[['--lr', '0'], '--lr 0: more than 0 (e.g. 0.05)'],
			[['--lr', 'fast'], '--lr fast: not a number (e.g. 0.05)'],
			[['--seed', '-3'], '--seed -3: at least 0'],
			[['--seed', '4294967296'], '--seed 4294967296: at most 4294967295'],
			[['--threads', '65'], '--threads 65: at most 64'],
			[['--threads', 'many'], '--threads many: not a whole number (1 to 64, or auto)'],
			[['--limit', '0'], '--limit 0: at least 1'],
			[['--test-limit', '1e10'], '--test-limit 1e10: not a whole number (1 to 1000000000)'],
			[['--hidden', '128,0'], '--hidden 0: at least 1'],
			[['--hidden', '70000'], '--hidden 70000: at most 65536'],
			[['--patience', '0'], '--patience 0: at least 1'],
			[['--min-accuracy', '98'], '--min-accuracy 98: at most 1 (a fraction: 0.98 for 98%)'],
			[['--min-accuracy', '-0.1'], '--min-accuracy -0.1: at least 0 (a fraction: 0.98 for 98%)'],
			[['--min-accuracy', 'high'], '--min-accuracy high: not a number (a fraction from 0 to 1, e.g. 0.98)'],
			[['replay', 'a.jsonl', '--speed', '0.001'], '--speed 0.001: 0 or at least 0.01 (2 = twice as fast, 0 = as fast as it draws)'],
		];
		for (const [argv, message] of refusals) assert.throws(() => parseCommandLine(argv), {message}, argv.join(' '));
	});

	test('a flag whose value is missing is not confused with the next flag', () => {
		assert.throws(() => parseCommandLine(['--save', '--json']), {message: '--save needs a value (FILE)'});
		assert.throws(() => parseCommandLine(['--data=']), {message: '--data needs a value (DIR)'});
		assert.throws(() => parseCommandLine(['--json=yes']), {message: '--json takes no value'});
	});
});

describe('--patience and --save-best', () => {
	test('a whole number of epochs from 1, and a file', () => {
		const command = parseCommandLine(['--patience', '3', '--save-best', 'best.json']);
		assert.equal(command.kind, 'train');
		if (command.kind !== 'train') return;
		assert.equal(command.config.patience, 3);
		assert.equal(command.config.saveBest, 'best.json');
		for (const bad of ['0', '-1', '1.5', 'two', '100001'])
			assert.throws(() => parseCommandLine(['--patience', bad]), {
				message: /^--patience .*: (at least 1|at most 100000|not a whole number \(1 to 100000\))$/,
			});
		assert.throws(() => parseCommandLine(['--save-best=']), {message: '--save-best needs a value (FILE)'});
	});

	test('training only', () => {
		assert.throws(() => parseCommandLine(['eval', '--model', 'm.json', '--patience', '2']), {message: '--patience is not used by eval'});
		assert.throws(() => parseCommandLine(['browse', '--model', 'm.json', '--save-best', 'b.json']), {
			message: '--save-best is not used by browse',
		});
	});
});

describe('--demo on the command line', () => {
	test("trains the demo's run unless flags say otherwise", () => {
		const command = parseCommandLine(['--demo', '--epochs', '3']);
		assert.equal(command.kind, 'train');
		if (command.kind !== 'train') return;
		assert.equal(command.demo, true);
		assert.equal(command.config.epochs, 3);
		assert.deepEqual(command.config.hidden, [Number(demoFlags.hidden)]);
		assert.equal(command.config.seed, Number(demoFlags.seed));
	});

	test('a --model keeps its own layers', () => {
		const command = parseCommandLine(['--demo', '--model', 'm.json']);
		assert.equal(command.kind === 'train' && command.config.hidden, undefined);
	});
});
