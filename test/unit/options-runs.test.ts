import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {InputError} from '../../source/errors.js';
import {parseCommandLine} from '../../source/options.js';

const refused = (argv: string[], message: string) =>
	assert.throws(
		() => parseCommandLine(argv),
		(error: unknown) => error instanceof InputError && error.message === message,
		argv.join(' '),
	);

describe('replay and compare on the command line', () => {
	test('replay takes one log, --speed (1 unless given, 0 allowed) and --ascii', () => {
		assert.deepEqual(parseCommandLine(['replay', 'run.jsonl']), {kind: 'replay', log: 'run.jsonl', speed: 1, ascii: false});
		assert.deepEqual(parseCommandLine(['replay', '--speed', '0', 'run.jsonl', '--ascii']), {
			kind: 'replay',
			log: 'run.jsonl',
			speed: 0,
			ascii: true,
		});
		assert.equal((parseCommandLine(['replay', 'run.jsonl', '--speed=2.5']) as {speed: number}).speed, 2.5);
	});

	test('compare takes two or more logs, in order, and --plain or --json', () => {
		assert.deepEqual(parseCommandLine(['compare', 'b.jsonl', 'a.jsonl', 'c.jsonl']), {
			kind: 'compare',
			logs: ['b.jsonl', 'a.jsonl', 'c.jsonl'],
			output: 'auto',
		});
		assert.deepEqual(parseCommandLine(['compare', 'a.jsonl', 'b.jsonl', '--json']), {
			kind: 'compare',
			logs: ['a.jsonl', 'b.jsonl'],
			output: 'json',
		});
	});

	test('what they refuse, in one line each', () => {
		refused(['replay', 'a.jsonl', 'b.jsonl'], 'replay takes one log file (mnist-tui replay RUN.jsonl), 2 given');
		refused(['replay', 'a.jsonl', '--speed', '-1'], '--speed -1: 0 or at least 0.01 (2 = twice as fast, 0 = as fast as it draws)');
		refused(['replay', 'a.jsonl', '--speed', '1e9'], '--speed 1e9: at most 10000 (2 = twice as fast, 0 = as fast as it draws)');
		refused(['replay', 'a.jsonl', '--json'], '--json is not used by replay');
		refused(['compare'], 'compare takes two or more log files (mnist-tui compare A.jsonl B.jsonl), none given');
		refused(['compare', 'a.jsonl', ''], 'compare: a log file name is empty');
		refused(['compare', 'a.jsonl', 'b.jsonl', '--speed', '2'], '--speed is not used by compare');
		refused(['train', 'a.jsonl'], 'unexpected argument "a.jsonl" (see mnist-tui --help)');
		refused(['eval', 'a.jsonl'], 'unexpected argument "a.jsonl" (see mnist-tui --help)');
		refused(['--speed', '2'], '--speed is not used by train');
	});
});
