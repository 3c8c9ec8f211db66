import assert from 'node:assert/strict';
import {readdirSync, readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, test} from 'node:test';
import {jsonLines, runCli} from '../helpers/cli.js';
import {root, temporaryFolder} from '../helpers/paths.js';

const small = ['--limit', '1000', '--test-limit', '500', '--hidden', '32'];
const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {version: string}).version;

describe('mnist-tui --json', () => {
	test('prints start, one line per epoch and done, and nothing else', async () => {
		const run = await runCli([...small, '--epochs', '2', '--seed', '7', '--json']);
		assert.equal(run.code, 0, run.stderr);
		const lines = jsonLines(run.stdout);
		assert.deepEqual(
			lines.map(line => line.event),
			['start', 'epoch', 'epoch', 'done'],
		);
		const [start, first, second, done] = lines as [Record<string, any>, Record<string, any>, Record<string, any>, Record<string, any>];
		assert.equal(start.trainCount, 1000);
		assert.equal(start.testCount, 500);
		assert.deepEqual(start.config.layers, [784, 32, 10]);
		assert.equal(start.config.seed, 7);
		for (const [index, epoch] of [first, second].entries()) {
			assert.equal(epoch.epoch, index + 1);
			assert.equal(epoch.epochs, 2);
			for (const key of ['trainAccuracy', 'testAccuracy']) assert.ok(epoch[key] >= 0 && epoch[key] <= 1, key);
			for (const key of ['trainLoss', 'testLoss', 'seconds', 'samplesPerSecond']) assert.ok(epoch[key] > 0, key);
		}
		assert.ok(second.trainLoss < first.trainLoss, 'the training loss falls');
		assert.equal(done.epochs, 2);
		assert.equal(done.testAccuracy, second.testAccuracy);
		assert.equal(done.savedTo, null);
		const confusion = done.confusion as number[][];
		assert.equal(confusion.length, 10);
		assert.equal(
			confusion.flat().reduce((a, b) => a + b, 0),
			500,
		);
		const diagonal = confusion.reduce((sum, row, i) => sum + row[i]!, 0);
		assert.equal(diagonal / 500, done.testAccuracy);
	});

	test('the same seed and flags give the same numbers', async () => {
		const args = [...small, '--epochs', '1', '--seed', '11', '--json'];
		const [a, b, other] = await Promise.all([runCli(args), runCli(args), runCli([...small, '--epochs', '1', '--seed', '12', '--json'])]);
		const numbers = (stdout: string) =>
			jsonLines(stdout)
				.filter(line => line.event === 'epoch')
				.map(({trainLoss, testLoss, testAccuracy}) => ({trainLoss, testLoss, testAccuracy}));
		assert.deepEqual(numbers(a.stdout), numbers(b.stdout));
		assert.notDeepEqual(numbers(a.stdout), numbers(other.stdout));
	});

	test('--backend js and --backend wasm train the same network to the same numbers', async () => {
		const args = [...small, '--epochs', '1', '--seed', '3', '--json'];
		const [js, wasm] = await Promise.all([runCli([...args, '--backend', 'js']), runCli([...args, '--backend', 'wasm'])]);
		const [jsStart, jsEpoch] = jsonLines(js.stdout) as Record<string, any>[];
		const [wasmStart, wasmEpoch] = jsonLines(wasm.stdout) as Record<string, any>[];
		assert.equal(jsStart!.config.backend, 'js');
		assert.equal(wasmStart!.config.backend, 'wasm');
		assert.ok(Math.abs(jsEpoch!.trainLoss - wasmEpoch!.trainLoss) < 1e-4, `${jsEpoch!.trainLoss} vs ${wasmEpoch!.trainLoss}`);
		assert.ok(Math.abs(jsEpoch!.testAccuracy - wasmEpoch!.testAccuracy) <= 0.004);
	});

	test('--threads 1 and --threads 3 train to exactly the same numbers, and the start event says how many threads', async () => {
		const args = [...small, '--epochs', '1', '--seed', '4', '--backend', 'wasm', '--json'];
		const [one, three] = await Promise.all([runCli([...args, '--threads', '1']), runCli([...args, '--threads', '3'])]);
		const [oneStart, ...oneRest] = jsonLines(one.stdout) as Record<string, any>[];
		const [threeStart, ...threeRest] = jsonLines(three.stdout) as Record<string, any>[];
		assert.equal(oneStart!.config.threads, 1);
		assert.equal(threeStart!.config.threads, 3);
		const numbers = (lines: Record<string, any>[]) =>
			lines.map(({trainLoss, trainAccuracy, testLoss, testAccuracy, confusion}) => ({
				trainLoss,
				trainAccuracy,
				testLoss,
				testAccuracy,
				confusion,
			}));
		assert.deepEqual(numbers(threeRest), numbers(oneRest));
		assert.equal(one.code, 0);
		assert.equal(three.code, 0);
	});

	test('--log appends the same JSON Lines to a file', async () => {
		const folder = temporaryFolder();
		const log = join(folder, 'run.jsonl');
		writeFileSync(log, '{"event":"earlier"}\n');
		const run = await runCli([...small, '--epochs', '1', '--json', '--log', log]);
		assert.equal(run.code, 0, run.stderr);
		const logged = jsonLines(readFileSync(log, 'utf8'));
		assert.equal(logged[0]!.event, 'earlier');
		assert.deepEqual(
			logged.slice(1).map(line => line.event),
			jsonLines(run.stdout).map(line => line.event),
		);
	});
});

describe('models', () => {
	test('--save writes a model after training that eval reads back with the same accuracy', async () => {
		const folder = temporaryFolder();
		const model = join(folder, 'model.json');
		const run = await runCli([...small, '--epochs', '2', '--json', '--save', model]);
		assert.equal(run.code, 0, run.stderr);
		const done = jsonLines(run.stdout).at(-1)!;
		assert.equal(done.savedTo, model);
		assert.deepEqual(readdirSync(folder), ['model.json'], 'no temporary files are left');
		const file = JSON.parse(readFileSync(model, 'utf8')) as {
			format: string;
			layers: {inputs: number; outputs: number; weights: number[]}[];
		};
		assert.equal(file.format, 'mnist-tui-model');
		assert.deepEqual(
			file.layers.map(layer => [layer.inputs, layer.outputs, layer.weights.length]),
			[
				[784, 32, 784 * 32],
				[32, 10, 320],
			],
		);

		const evaluation = await runCli(['eval', '--model', model, '--test-limit', '500', '--json']);
		assert.equal(evaluation.code, 0, evaluation.stderr);
		const [result] = jsonLines(evaluation.stdout);
		assert.equal(result!.testAccuracy, done.testAccuracy);
		assert.deepEqual(result!.confusion, done.confusion);

		const plain = await runCli(['eval', '--model', model, '--test-limit', '500']);
		assert.equal(plain.code, 0, plain.stderr);
		assert.match(plain.stdout, /Test accuracy \d+\.\d\d% \(\d+ of 500\)/);
		assert.match(plain.stdout, /Confusion/);
		// the dashboard's words: a mistake never made is ·, and each row has its recall, each column its precision
		assert.match(plain.stdout, /^true\\pred {4}0 {4}1 .* 9 recall$/m);
		assert.match(plain.stdout, /^ {8}0 .*·.* +\d+(\.\d)?%$/m);
		assert.match(plain.stdout, /^precision( +(\d+(\.\d)?|-)){10}$/m);
		assert.match(plain.stdout, /^recall: of the images of a true label, the share predicted right \(%\)\nprecision: /m);
	});

	test('--model continues from a saved model; a conflicting --hidden is a usage error', async () => {
		const folder = temporaryFolder();
		const model = join(folder, 'model.json');
		assert.equal((await runCli([...small, '--epochs', '1', '--json', '--save', model])).code, 0);
		const continued = await runCli(['--model', model, '--limit', '1000', '--test-limit', '500', '--epochs', '1', '--json']);
		assert.equal(continued.code, 0, continued.stderr);
		assert.deepEqual((jsonLines(continued.stdout)[0]!.config as {layers: number[]}).layers, [784, 32, 10]);
		const conflict = await runCli(['--model', model, '--hidden', '64', '--epochs', '1', '--json']);
		assert.equal(conflict.code, 2);
		assert.equal(conflict.stdout, '');
		assert.match(conflict.stderr, /^mnist-tui: --hidden 64 does not match the model in .*model\.json \(784-32-10\)/);
	});

	test('--save refuses to overwrite a file that is not a model', async () => {
		const folder = temporaryFolder();
		const precious = join(folder, 'notes.txt');
		writeFileSync(precious, 'my notes\n');
		const run = await runCli([...small, '--epochs', '1', '--save', precious]);
		assert.equal(run.code, 2);
		assert.match(run.stderr, /--save .*notes\.txt: the file exists and is not an mnist-tui model/);
		assert.equal(readFileSync(precious, 'utf8'), 'my notes\n');
	});
});

describe('help and version', () => {
	test('--help lists every option with its default', async () => {
		const run = await runCli(['--help']);
		assert.equal(run.code, 0);
		for (const option of [
			'--epochs N',
			'--hidden LIST',
			'--batch-size N|full',
			'--lr X',
			'--optimizer NAME',
			'--seed N',
			'--data DIR',
			'--train FILE',
			'--test FILE',
			'--limit N',
			'--test-limit N',
			'--model FILE',
			'--save FILE',
			'--log FILE',
			'--json',
			'--plain',
			'--min-accuracy X',
			'--patience N',
			'--save-best FILE',
			'--classes NAME',
		]) {
			assert.ok(run.stdout.includes(`  ${option} `), option);
		}
		assert.match(run.stdout, /--epochs N\s+passes over the training images \(default: \d+\)/);
		for (const command of ['eval', 'browse', 'predict', 'replay', 'compare'])
			assert.match(run.stdout, new RegExp(`^  mnist-tui ${command} `, 'm'));
		assert.match(run.stdout, /n one batch while paused · \+ - learning rate ×2 ÷2 · \] \[ momentum ±0\.05/);
	});

	test('--version prints the package version', async () => {
		const run = await runCli(['--version']);
		assert.equal(run.stdout, `${version}\n`);
	});
});

describe('the tutorial setup', () => {
	test('the tutorial command runs and reports train and test cost every epoch', async () => {
		const run = await runCli([
			'--hidden',
			'50',
			'--batch-size',
			'full',
			'--optimizer',
			'gd',
			'--lr',
			'0.5',
			'--epochs',
			'8',
			'--limit',
			'2000',
			'--test-limit',
			'500',
			'--json',
		]);
		assert.equal(run.code, 0, run.stderr);
		const [start, ...rest] = jsonLines(run.stdout);
		assert.deepEqual((start!.config as Record<string, unknown>).batchSize, 'full');
		const epochs = rest.filter(line => line.event === 'epoch') as {trainLoss: number; testLoss: number; testAccuracy: number}[];
		assert.equal(epochs.length, 8);
		assert.ok(epochs.every(epoch => epoch.trainLoss > 0 && epoch.testLoss > 0));
		assert.ok(epochs[7]!.trainLoss < epochs[0]!.trainLoss * 0.7, 'the cost falls');
		assert.ok(epochs[7]!.testAccuracy > 0.6, 'it learns');
	});
});
