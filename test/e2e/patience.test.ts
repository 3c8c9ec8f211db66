import assert from 'node:assert/strict';
import {readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, test} from 'node:test';
import {jsonLines, runCli} from '../helpers/cli.js';
import {fixtures, temporaryFolder} from '../helpers/paths.js';
import {leaveAlternateScreen, runInTerminal} from './pseudo-terminal.js';

/**
 * A seeded run that overfits: 1,000 training images learnt by heart by a
 * 64-unit layer at lr 0.1. Its test loss falls to its lowest at epoch 8 and
 * rises after, while the train loss keeps falling. The rate is constant, so a
 * run resumed with a new total is the run that never stopped (--json last).
 */
const overfits = [
	...['--limit', '1000', '--test-limit', '500', '--hidden', '64', '--lr', '0.1', '--epochs', '20'],
	...['--batch-size', '64', '--schedule', 'constant', '--json'],
];

type Line = Record<string, any>;
const lines = (stdout: string) => jsonLines(stdout) as Line[];
const epochLines = (stdout: string) => lines(stdout).filter(line => line.event === 'epoch');
/** An event without what depends on the clock (and on where it saved). */
const timeless = ({seconds: _s, samplesPerSecond: _p, savedTo: _t, ...rest}: Line) => rest;

/** The rule, worked out here from the logged test losses: the first epoch after which N in a row were not strictly below the best. */
function ruleStopsAt(epochs: readonly Line[], patience: number): {stop: number; best: Line} | undefined {
	let best: Line | undefined;
	let without = 0;
	for (const epoch of epochs) {
		if (best === undefined || epoch.testLoss < best.testLoss) {
			best = epoch;
			without = 0;
		} else if (++without === patience) return {stop: epoch.epoch, best};
	}
	return undefined;
}

function assertUsageError(run: {code: number | null; stdout: string; stderr: string}, message: string): void {
	assert.equal(run.code, 2, run.stderr);
	assert.equal(run.stdout, '');
	assert.equal(run.stderr, `mnist-tui: ${message}\n`);
}

describe('--patience', () => {
	test('stops at the epoch the rule says from the logged test losses, says why, and --save-best keeps that epoch', async () => {
		const folder = temporaryFolder();
		const best = join(folder, 'best.json');
		const [all, stopped] = await Promise.all([runCli(overfits), runCli([...overfits, '--patience', '3', '--save-best', best])]);
		assert.equal(all.code, 0, all.stderr);
		assert.equal(stopped.code, 0, stopped.stderr);

		const rule = ruleStopsAt(epochLines(all.stdout), 3);
		assert.ok(rule && rule.stop > 4 && rule.stop < 20, `the test loss turns within 20 epochs: ${JSON.stringify(rule)}`);
		const epochs = epochLines(stopped.stdout);
		assert.deepEqual(epochs.map(timeless), epochLines(all.stdout).slice(0, rule.stop).map(timeless), 'the same epochs, up to the stop');
		const done = lines(stopped.stdout).at(-1)!;
		assert.equal(done.event, 'done');
		assert.equal(done.epochs, rule.stop);
		assert.equal(done.stopped, 'patience');
		assert.equal(done.interrupted, undefined, 'not an interruption');
		assert.deepEqual(done.best, {epoch: rule.best.epoch, testLoss: rule.best.testLoss, testAccuracy: rule.best.testAccuracy});
		assert.equal(done.bestSavedTo, best);
		const allDone = lines(all.stdout).at(-1)!;
		assert.equal(allDone.stopped, undefined, 'a run of all its epochs did not stop early');
		assert.equal(allDone.best, undefined);

		// the best model, evaluated on the same test images, gives that epoch's test loss and accuracy
		const evaluated = await runCli(['eval', '--model', best, '--test-limit', '500', '--json']);
		assert.equal(evaluated.code, 0, evaluated.stderr);
		const [report] = lines(evaluated.stdout);
		assert.equal(Number(report!.testLoss.toPrecision(6)), rule.best.testLoss);
		assert.equal(report!.testAccuracy, rule.best.testAccuracy);
		const file = JSON.parse(readFileSync(best, 'utf8'));
		assert.equal(file.best.epoch, rule.best.epoch);
		assert.equal(file.training, undefined, 'a model, not a checkpoint');
		assert.match((await runCli(['--resume', best, '--epochs', '30', '--json'])).stderr, /the model has no training state to resume/);
	});

	test('the plain lines say why the run stopped and where the best model went', async () => {
		const folder = temporaryFolder();
		const best = join(folder, 'best.json');
		const run = await runCli([...overfits.slice(0, -1), '--plain', '--patience', '2', '--save-best', best]);
		assert.equal(run.code, 0, run.stderr);
		const text = run.stdout.split('\n');
		assert.match(text[1]!, /, 20 epochs \(patience 2\), /);
		assert.ok(
			text.some(line => /^Stopped after epoch \d+: the test loss has not improved for 2 epochs \(best 0\.\d{4} at epoch \d+\)$/.test(line)),
			run.stdout,
		);
		assert.ok(
			text.some(
				line =>
					line ===
					`Best model (epoch ${JSON.parse(readFileSync(best, 'utf8')).best.epoch}, test loss ${line.match(/test loss ([\d.]+)\)/)?.[1]}) saved to ${best}`,
			),
			run.stdout,
		);
	});

	test('the dashboard stops there too, and its summary says why and where the best model went', async () => {
		const folder = temporaryFolder();
		const best = join(folder, 'best.json');
		const dashboard = [...overfits.slice(0, -1), '--patience', '2', '--save-best', best];
		const [json, terminal] = await Promise.all([
			runCli([...overfits, '--patience', '2']),
			runInTerminal(dashboard, {columns: 100, rows: 30, stdinNull: true}).ended,
		]);
		assert.equal(terminal.code, 0);
		const done = lines(json.stdout).at(-1)!;
		const summary = terminal.output.slice(terminal.output.lastIndexOf(leaveAlternateScreen)).replace(/\r/g, '');
		const lowest = Number(done.best.testLoss).toPrecision(4);
		assert.match(summary, new RegExp(`mnist-tui: trained 784-64-10 for ${done.epochs} of 20 epochs`));
		assert.ok(
			summary.includes(`\n  stopped: the test loss has not improved for 2 epochs (best ${lowest} at epoch ${done.best.epoch})\n`),
			summary,
		);
		assert.ok(summary.includes(`\n  best model (epoch ${done.best.epoch}, test loss ${lowest}) saved to ${best}\n`), summary);
	});

	test('a resumed run stops at the same epoch, with the same events, as one that never stopped', async () => {
		const folder = temporaryFolder();
		const whole = join(folder, 'whole.json'),
			parts = join(folder, 'parts.json');
		const withPatience = [...overfits, '--patience', '3'];
		const [uninterrupted, first] = await Promise.all([
			runCli([...withPatience, '--save', whole]),
			runCli([...withPatience.map(arg => (arg === '20' ? '6' : arg)), '--save', parts]),
		]);
		assert.equal(uninterrupted.code, 0, uninterrupted.stderr);
		assert.equal(first.code, 0, first.stderr);
		// --patience is kept in the checkpoint, like the run's other settings
		const resumed = await runCli(['--resume', parts, '--epochs', '20', '--json']);
		assert.equal(resumed.code, 0, resumed.stderr);
		const [, ...events] = lines(resumed.stdout);
		assert.deepEqual(
			events.map(timeless),
			lines(uninterrupted.stdout)
				.slice(1 + 6)
				.map(timeless),
		);
		assert.equal(events.at(-1)!.stopped, 'patience');

		// its checkpoint has met the rule: resuming it again is refused, not trained one epoch more
		const done = events.at(-1)!;
		const again = await runCli(['--resume', parts, '--epochs', '30', '--json']);
		assertUsageError(
			again,
			`--resume ${parts}: the test loss has not improved for 3 epochs (best ${Number(done.best.testLoss).toPrecision(4)} at epoch ${done.best.epoch}), so --patience 3 ends the run there; give a larger --patience to train further (e.g. --patience 4)`,
		);
		const further = await runCli(['--resume', parts, '--epochs', '30', '--patience', '4', '--json']);
		assert.equal(further.code, 0, further.stderr);
		assert.equal(lines(further.stdout)[0]!.config.patience, 4);
	});

	test('--save-best after --resume keeps the best of the whole history: never a worse model over it', async () => {
		const folder = temporaryFolder();
		const [atBest, pastBest] = [join(folder, 'at-best.json'), join(folder, 'past-best.json')];
		const [bestOfFirst, bestAtResume] = [join(folder, 'best-first.json'), join(folder, 'best-resume.json')];
		const epochs = (n: number) => overfits.map(arg => (arg === '20' ? String(n) : arg));
		const [all, past, at] = await Promise.all([
			runCli(overfits),
			runCli([...epochs(9), '--save', pastBest, '--save-best', bestOfFirst]),
			runCli([...epochs(8), '--save', atBest]),
		]);
		for (const run of [all, past, at]) assert.equal(run.code, 0, run.stderr);
		const best = ruleStopsAt(epochLines(all.stdout), 3)!.best;
		assert.equal(best.epoch, 8, 'the lowest test loss of this run is at epoch 8');

		// resumed after the best epoch: its model is in the best file already, and no later epoch beats it
		const kept = readFileSync(bestOfFirst, 'utf8');
		const after = await runCli(['--resume', pastBest, '--epochs', '20', '--patience', '3', '--save-best', bestOfFirst, '--json']);
		assert.equal(after.code, 0, after.stderr);
		const afterDone = lines(after.stdout).at(-1)!;
		assert.equal(afterDone.best.epoch, 8);
		assert.equal(afterDone.bestSavedTo, null, 'nothing written');
		assert.equal(readFileSync(bestOfFirst, 'utf8'), kept);

		// resumed at the end of the best epoch: the checkpoint's own model is the best one, kept at once
		const resumed = await runCli(['--resume', atBest, '--epochs', '20', '--patience', '3', '--save-best', bestAtResume, '--json']);
		assert.equal(resumed.code, 0, resumed.stderr);
		assert.equal(lines(resumed.stdout).at(-1)!.bestSavedTo, bestAtResume);
		const evaluated = lines((await runCli(['eval', '--model', bestAtResume, '--test-limit', '500', '--json'])).stdout)[0]!;
		assert.deepEqual([Number(evaluated.testLoss.toPrecision(6)), evaluated.testAccuracy], [best.testLoss, best.testAccuracy]);
	});
});

describe('--patience and --save-best refusals', () => {
	const quick = [
		'--train',
		join(fixtures, 'mnist_train_100.csv'),
		'--test',
		join(fixtures, 'mnist_test_100.csv'),
		'--hidden',
		'8',
		'--json',
	];

	test('--save-best never overwrites a file that is not a model', async () => {
		const folder = temporaryFolder();
		const notes = join(folder, 'notes.txt');
		writeFileSync(notes, 'my notes\n');
		assertUsageError(
			await runCli([...quick, '--save-best', notes]),
			`--save-best ${notes}: the file exists and is not an mnist-tui model; refusing to overwrite it`,
		);
		assert.equal(readFileSync(notes, 'utf8'), 'my notes\n');
	});

	test('--save-best is a file of its own: not the --save file, the checkpoint resumed, or an input', async () => {
		const folder = temporaryFolder();
		const model = join(folder, 'model.json');
		assertUsageError(
			await runCli([...quick, '--save', model, '--save-best', model]),
			`--save-best ${model}: the same file as --save ${model}; give each its own file`,
		);
		assert.equal((await runCli([...quick, '--epochs', '1', '--save', model])).code, 0);
		const saved = readFileSync(model, 'utf8');
		assertUsageError(
			await runCli(['--resume', model, '--epochs', '2', '--save-best', model, '--json']),
			`--save-best ${model}: the same file as --resume ${model}; give each its own file`,
		);
		assertUsageError(
			await runCli([...quick, '--model', model, '--save-best', model]),
			`--save-best ${model}: the same file as --model ${model}, which the run reads; write somewhere else`,
		);
		assert.equal(readFileSync(model, 'utf8'), saved);
	});

	test('--patience takes a whole number from 1, and both need test labels', async () => {
		assertUsageError(await runCli([...quick, '--patience', '0']), '--patience 0: at least 1');
		assertUsageError(await runCli([...quick, '--patience', '2.5']), '--patience 2.5: not a whole number (1 to 100000)');
		const unlabelled = join(fixtures, 'mnist_test_unlabelled_10.csv');
		const noLabels = [...quick.map(arg => (arg.endsWith('mnist_test_100.csv') ? unlabelled : arg))];
		assertUsageError(
			await runCli([...noLabels, '--patience', '2']),
			`--patience needs test images with labels, and ${unlabelled} has none`,
		);
		assertUsageError(
			await runCli([...noLabels, '--save-best', join(temporaryFolder(), 'b.json')]),
			`--save-best needs test images with labels, and ${unlabelled} has none`,
		);
	});
});
