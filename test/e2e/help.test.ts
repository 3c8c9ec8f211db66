/**
 * The help as a newcomer meets it at 80x24, in a real pseudo-terminal:
 * browse --model, ?, the browser's keys to their end (the way out on the
 * last line all along), then what "recall" means.
 */
import assert from 'node:assert/strict';
import {join} from 'node:path';
import {describe, test} from 'node:test';
import {runCli} from '../helpers/cli.js';
import {temporaryFolder} from '../helpers/paths.js';
import {runInTerminal} from './pseudo-terminal.js';

describe('the help at 80x24', () => {
	test('? shows the keys and scrolls to the last one; → explains the words; ? closes; q quits', async () => {
		const model = join(temporaryFolder(), 'model.json');
		const trained = await runCli(['--hidden', '16', '--limit', '2000', '--test-limit', '200', '--epochs', '1', '--json', '--save', model]);
		assert.equal(trained.code, 0, trained.stderr);
		const run = runInTerminal(['browse', '--model', model, '--test-limit', '200'], {columns: 80, rows: 24});
		await run.waitFor(/#1 of 200/);
		run.write('?');
		await run.waitFor(/↓ \d+ more lines below · ↑ ↓ j k scroll · ← → keys or words · \? closes the help/);
		const end = run.output.length;
		run.write('\u001B[F');
		await run.waitFor(/Backspace {2}after g: delete a digit/, end);
		await run.waitFor(/↑ more above · ↑ ↓ j k scroll/, end);
		run.write('l');
		await run.waitFor(/recall:/, end);
		await run.waitFor(/share the network got right \(the diagonal cell \/ the row's total\)/, end);
		run.write('?');
		await run.waitFor(/#1 of 200/, run.output.length);
		run.write('q');
		const {code} = await run.ended;
		assert.equal(code, 0);
	});
});
