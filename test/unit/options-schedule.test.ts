import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {parseCommandLine} from '../../source/options.js';

const scheduleOf = (...argv: string[]) => {
	const command = parseCommandLine(argv);
	return command.kind === 'train' ? command.config.schedule : undefined;
};

describe('--schedule, --warmup and the rate they shape', () => {
	test('onecycle with a 20% warm-up by default; constant for the tutorial’s plain descent unless given', () => {
		assert.deepEqual(scheduleOf(), {name: 'onecycle', warmup: 0.2});
		assert.deepEqual(scheduleOf('--hidden', '50', '--batch-size', 'full', '--optimizer', 'gd', '--lr', '0.5', '--epochs', '100'), {
			name: 'constant',
		});
		assert.deepEqual(scheduleOf('--optimizer', 'gd', '--schedule', 'cosine'), {name: 'cosine'});
		assert.deepEqual(scheduleOf('--schedule', 'step'), {name: 'step'});
		assert.deepEqual(scheduleOf('--warmup', '0.3'), {name: 'onecycle', warmup: 0.3});
	});

	test('a name it does not know, or a warm-up for a schedule without one, is one line naming the flag', () => {
		assert.throws(() => parseCommandLine(['--schedule', 'linear']), {
			message: '--schedule "linear" is not one of constant, onecycle, cosine, step',
		});
		assert.throws(() => parseCommandLine(['--schedule', 'cosine', '--warmup', '0.1']), {
			message: '--warmup goes with --schedule onecycle, not cosine',
		});
		assert.throws(() => parseCommandLine(['--warmup', '2']), {message: '--warmup 2: at most 1 (a fraction: 0.98 for 98%)'});
	});

	test('without --lr each optimizer takes its own rate: momentum 0.2, adam 0.005, gd 0.5 (the tutorial’s)', () => {
		const rateOf = (...argv: string[]) => {
			const command = parseCommandLine(argv);
			return command.kind === 'train' ? command.config.learningRate : undefined;
		};
		assert.equal(rateOf(), 0.2);
		assert.equal(rateOf('--optimizer', 'momentum'), 0.2);
		assert.equal(rateOf('--optimizer', 'adam'), 0.005);
		assert.equal(rateOf('--optimizer', 'gd'), 0.5);
		assert.equal(rateOf('--optimizer', 'adam', '--lr', '0.001'), 0.001);
	});
});
