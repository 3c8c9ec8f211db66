import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, test} from 'node:test';
import {runCli} from '../helpers/cli.js';
import {temporaryFolder} from '../helpers/paths.js';
import {runInTerminal} from './pseudo-terminal.js';

const tiny = ['--limit', '2000', '--test-limit', '500', '--hidden', '16', '--epochs', '1'];

describe('--demo in a terminal', () => {
	test('plays its tour in the terminal until a key is pressed; q then quits with the summary', async () => {
		const file = join(temporaryFolder(), 'demo.cast');
		const terminal = runInTerminal(['--demo', ...tiny, '--record', file], {columns: 100, rows: 30});
		await terminal.waitFor(/A neural network, written from scratch/);
		await terminal.waitFor(/Trained\. tab switches to the test digits/);
		await terminal.waitFor(/#2 of 500/);
		terminal.write('q');
		const ended = await terminal.ended;
		assert.equal(ended.code, 0);
		assert.match(ended.output, /mnist-tui: trained 784-16-10 for 1 of 1 epochs/);
		const events = readFileSync(file, 'utf8')
			.trimEnd()
			.split('\n')
			.slice(1)
			.map(line => JSON.parse(line) as [number, string, string]);
		assert.equal(events.map(event => event[2]).join(''), ended.output, 'the demo is recorded as shown');
	});

	test('needs the dashboard: not with --json or --plain, not without a terminal', async () => {
		for (const [args, message] of [
			[['--demo', '--json'], 'mnist-tui: --demo draws the dashboard; it does not go with --json\n'],
			[['--demo', '--plain'], 'mnist-tui: --demo draws the dashboard; it does not go with --plain\n'],
			[['--demo', ...tiny], 'mnist-tui: --demo draws the dashboard in a terminal\n'],
		] as const) {
			const run = await runCli(args);
			assert.equal(run.code, 2, args.join(' '));
			assert.equal(run.stdout, '');
			assert.equal(run.stderr, message);
		}
	});
});
