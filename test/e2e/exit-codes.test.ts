import assert from 'node:assert/strict';
import {existsSync, readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, test} from 'node:test';
import {jsonLines, runCli} from '../helpers/cli.js';
import {root, temporaryFolder} from '../helpers/paths.js';

const small = ['--limit', '1000', '--test-limit', '500', '--hidden', '32'];
const _version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {version: string}).version;

describe('exit codes', () => {
	test('--min-accuracy: 3 below the gate, 0 above it', async () => {
		const below = await runCli([...small, '--epochs', '1', '--json', '--min-accuracy', '0.999']);
		assert.equal(below.code, 3);
		assert.match(below.stderr, /^mnist-tui: test accuracy 0\.\d+ is below --min-accuracy 0\.999\n$/);
		const above = await runCli([...small, '--epochs', '1', '--json', '--min-accuracy', '0.3']);
		assert.equal(above.code, 0, above.stderr);
	});

	test('a diverging learning rate stops with 4 and names the epoch, batch and a lower --lr', async () => {
		const run = await runCli([...small, '--epochs', '3', '--optimizer', 'gd', '--lr', '1000', '--json']);
		assert.equal(run.code, 4, run.stderr);
		assert.match(
			run.stderr,
			/^mnist-tui: training diverged at epoch 1, batch \d+: the loss exploded to [\d.e+]+; try a lower --lr \(for example --lr 100\)\n$/,
		);
	});

	const usageErrors: [string[], RegExp][] = [
		[['--epochs', '0'], /^--epochs 0: at least 1$/],
		[['--epochs', 'ten'], /^--epochs ten: not a whole number \(1 to 100000\)$/],
		[['--epochs'], /^--epochs needs a value \(N\)$/],
		[['--lr', '-1'], /^--lr -1: more than 0 \(e\.g\. 0\.05\)$/],
		[['--lr', 'NaN'], /^--lr NaN: not a number \(e\.g\. 0\.05\)$/],
		[['--lr', '1e20'], /^--lr 1e20: at most 1e9$/],
		[['--batch-size', '0'], /^--batch-size 0: at least 1$/],
		[['--batch-size', 'half'], /^--batch-size half: not a whole number \(1 to 1000000000, or full\)$/],
		[['--optimizer', 'sgd'], /^--optimizer "sgd" is not one of gd, momentum, adam$/],
		[['--hidden', '128,x'], /^--hidden x: not a whole number \(1 to 65536\)$/],
		[['--seed', '-3'], /^--seed -3: at least 0$/],
		[['--min-accuracy', '98'], /^--min-accuracy 98: at most 1 \(a fraction: 0\.98 for 98%\)$/],
		[['--classes', 'letters'], /^--classes "letters" is not one of digits, fashion$/],
		[['--backend', 'gpu'], /^--backend "gpu" is not one of auto, js, wasm$/],
		[['--threads', '0'], /^--threads 0: at least 1$/],
		[['--threads', 'many'], /^--threads many: not a whole number \(1 to 64, or auto\)$/],
		[['--foo'], /^unknown option --foo \(see mnist-tui --help\)$/],
		[['-x'], /^unknown option -x \(see mnist-tui --help\)$/],
		[['--json', '--plain'], /^--json and --plain exclude each other$/],
		[['--epochs', '2', '--epochs', '3'], /^--epochs is given twice$/],
		[['fly'], /^unknown command "fly"/],
		[['eval'], /^eval needs --model FILE$/],
		[['browse'], /^browse needs --model FILE$/],
		[['browse', '--model', 'm.json', '--limit', '5'], /^--limit is not used by browse$/],
		[['eval', '--model', 'm.json', '--epochs', '3'], /^--epochs is not used by eval$/],
		[['--data', '/nonexistent/mnist'], /^--data \/nonexistent\/mnist: /],
		[['--model', '/nonexistent/model.json'], /^--model \/nonexistent\/model\.json: no such file$/],
	];
	for (const [args, message] of usageErrors) {
		test(`exit 2 for ${args.join(' ')}`, async () => {
			const run = await runCli(args.includes('--json') || args[0] === 'browse' ? args : [...args, '--json']);
			assert.equal(run.code, 2, run.stderr);
			assert.equal(run.stdout, '', 'nothing on stdout');
			const lines = run.stderr.split('\n').filter(Boolean);
			assert.equal(lines.length, 1, run.stderr);
			assert.match(lines[0]!.replace(/^mnist-tui: /, ''), message);
			assert.ok(lines[0]!.startsWith('mnist-tui: '));
		});
	}

	test('browse needs a terminal and says what to use instead', async () => {
		const folder = temporaryFolder();
		const model = join(folder, 'model.json');
		assert.equal((await runCli([...small, '--epochs', '1', '--json', '--save', model])).code, 0);
		const run = await runCli(['browse', '--model', model]);
		assert.equal(run.code, 2);
		assert.equal(run.stdout, '');
		assert.equal(run.stderr, 'mnist-tui: browse draws the test digits in a terminal; for text or JSON use eval --model\n');
	});

	test('a bad model file is an input error naming the file', async () => {
		const folder = temporaryFolder();
		const model = join(folder, 'bad.json');
		writeFileSync(
			model,
			JSON.stringify({
				format: 'mnist-tui-model',
				version: 1,
				classes: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
				layers: [{type: 'dense', inputs: 784, outputs: 10, activation: 'softmax', weights: [1, 2], biases: []}],
			}),
		);
		const run = await runCli(['eval', '--model', model, '--json']);
		assert.equal(run.code, 2);
		assert.equal(run.stdout, '');
		assert.match(run.stderr, /^mnist-tui: .*bad\.json: layer 1 weights \(10 outputs × 784 inputs\): expected 7840 numbers, found 2\n$/);
	});

	test('Ctrl-C saves the model, prints the summary and exits 130', async () => {
		const folder = temporaryFolder();
		const model = join(folder, 'model.json');
		let sent = false;
		const run = await runCli(['--limit', '2000', '--test-limit', '200', '--hidden', '16', '--epochs', '1000', '--json', '--save', model], {
			onStdout: (stdout, child) => {
				if (!sent && stdout.includes('"event":"epoch"')) {
					sent = true;
					child.kill('SIGINT');
				}
			},
		});
		assert.equal(run.code, 130, run.stderr);
		const done = jsonLines(run.stdout).at(-1)!;
		assert.equal(done.event, 'done');
		assert.equal(done.interrupted, true);
		assert.equal(done.stopped, 'interrupted');
		assert.equal(done.savedTo, model);
		assert.ok(existsSync(model));
	});
});
