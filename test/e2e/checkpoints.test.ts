import assert from 'node:assert/strict';
import {readdirSync, readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, test} from 'node:test';
import {parseCheckpoint} from '../../source/train/checkpoint/checkpoint.js';
import {readModelFile} from '../../source/train/checkpoint/model-store.js';
import {csvFixtures, jsonLines, runCli} from '../helpers/cli.js';
import {root, temporaryFolder} from '../helpers/paths.js';
import {wholeAndResumed} from '../helpers/resume-runs.js';

const small = ['--limit', '1000', '--test-limit', '300', '--hidden', '24'];
const fixtures = csvFixtures;

type Line = Record<string, any>;
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
	assert.match(lines[0]!, /^mnist-tui: /);
	assert.match(lines[0]!.replace(/^mnist-tui: /, ''), message);
}

describe('--resume', () => {
	// at a constant rate: a schedule is followed over the new total from where the run stopped, so it differs from one planned for 4
	test('2 epochs, then --resume to 4, print and save exactly what 4 epochs in one go do', async () => {
		const {folder, whole, parts, uninterrupted, resumed} = await wholeAndResumed([...small, '--schedule', 'constant'], 2, 4);

		const [start, ...rest] = jsonLines(resumed.stdout) as Line[];
		const [newStart] = jsonLines(uninterrupted.stdout) as Line[];
		assert.deepEqual(Object.keys(start!), [...Object.keys(newStart!), 'resumed'], 'the start line only gains a key');
		assert.deepEqual(Object.keys(start!.config), Object.keys(newStart!.config));
		assert.deepEqual(
			{...start!.config, save: null},
			{...newStart!.config, epochs: 4, save: null},
			"the run's settings come from the checkpoint",
		);
		assert.equal(start!.config.save, parts, 'it saves to the file it resumed');
		assert.equal(start!.resumed.file, parts);
		assert.equal(start!.resumed.epochs, 2);
		assert.equal(start!.resumed.batch, 0);
		assert.deepEqual(
			start!.resumed.history.map((epoch: Line) => epoch.epoch),
			[1, 2],
		);
		assert.deepEqual(
			rest.map(line => line.event),
			['epoch', 'epoch', 'done'],
		);

		assert.deepEqual(epochNumbers(resumed.stdout), epochNumbers(uninterrupted.stdout).slice(2));
		const [wholeDone, resumedDone] = [jsonLines(uninterrupted.stdout).at(-1)!, rest.at(-1)!];
		assert.deepEqual(
			[resumedDone.epochs, resumedDone.testAccuracy, resumedDone.testLoss, resumedDone.confusion],
			[4, wholeDone.testAccuracy, wholeDone.testLoss, wholeDone.confusion],
		);
		const layers = (path: string) => (JSON.parse(readFileSync(path, 'utf8')) as {layers: unknown}).layers;
		assert.deepEqual(layers(parts), layers(whole), 'the same weights');
		assert.deepEqual(readdirSync(folder).sort(), ['parts.json', 'whole.json']);
	});

	test('the plain lines say where the run resumes and show its earlier epochs', async () => {
		const folder = temporaryFolder();
		const model = join(folder, 'model.json');
		assert.equal((await runCli([...fixtures, '--epochs', '2', '--json', '--save', model])).code, 0);
		const run = await runCli(['--resume', model, '--epochs', '3', '--plain']);
		assert.equal(run.code, 0, run.stderr);
		assert.match(
			run.stdout,
			new RegExp(
				`^Resuming ${model} after epoch 2\\nEpoch 1/3  train loss .*\\(before resuming\\)\\nEpoch 2/3  .*\\(before resuming\\)\\nEpoch 3/3  .* samples/s\\n`,
				'm',
			),
		);
		assert.match(run.stdout, /^Done after 3 epochs/m);
	});

	test('Ctrl-C, then --resume: the run goes on from where it stopped', async () => {
		const folder = temporaryFolder();
		const model = join(folder, 'model.json');
		let sent = false;
		const stopped = await runCli([...small, '--epochs', '1000', '--json', '--save', model], {
			onStdout: (stdout, child) => {
				if (!sent && stdout.includes('"event":"epoch"')) {
					sent = true;
					child.kill('SIGINT');
				}
			},
		});
		assert.equal(stopped.code, 130, stopped.stderr);
		const checkpoint = parseCheckpoint(readModelFile(model, '--resume').extra, model);
		const done = checkpoint.state.epoch - 1;
		assert.ok(done >= 1);
		// the done line says where it stopped, as the checkpoint does: 1,000 images in batches of 128 make 8 an epoch
		const {stoppedIn} = jsonLines(stopped.stdout).at(-1)!;
		assert.deepEqual(stoppedIn, {epoch: checkpoint.state.epoch, epochs: 1000, batch: checkpoint.state.batch, batches: 8});
		const resumed = await runCli(['--resume', model, '--epochs', String(done + 1), '--json']);
		assert.equal(resumed.code, 0, resumed.stderr);
		const lines = jsonLines(resumed.stdout) as Line[];
		assert.deepEqual([lines[0]!.resumed.epochs, lines[0]!.resumed.batch], [done, checkpoint.state.batch]);
		assert.deepEqual(
			lines.filter(line => line.event === 'epoch').map(line => line.epoch),
			[done + 1],
		);
		assert.equal(lines.at(-1)!.epochs, done + 1);
	});

	test('Ctrl-C in an epoch: the plain lines say the epoch it stopped in and the batch the resumed run goes on from', async () => {
		const folder = temporaryFolder();
		const model = join(folder, 'model.json');
		let sent = false;
		// a batch of 1 image: 1,000 steps an epoch, so the stop lands inside one
		const stopped = await runCli([...small, '--batch-size', '1', '--epochs', '4', '--plain', '--save', model], {
			onStdout: (stdout, child) => {
				if (!sent && stdout.includes('Epoch 1/4')) {
					sent = true;
					child.kill('SIGINT');
				}
			},
		});
		assert.equal(stopped.code, 130, stopped.stderr);
		const {epoch, batch} = parseCheckpoint(readModelFile(model, '--resume').extra, model).state;
		const where =
			batch > 0
				? `in epoch ${epoch} \\(${epoch - 1} of 4 epochs complete, ${batch} of 1,000 batches of epoch ${epoch}\\)`
				: `at the end of epoch ${epoch - 1} \\(${epoch - 1} of 4 epochs complete\\)`;
		assert.match(stopped.stdout, new RegExp(`^Stopped ${where} after \\d+\\.\\ds: test accuracy`, 'm'));
		const resumed = await runCli(['--resume', model, '--plain']);
		assert.equal(resumed.code, 0, resumed.stderr);
		const from = batch > 0 ? `in epoch ${epoch} at batch ${(batch + 1).toLocaleString('en-US')}` : `after epoch ${epoch - 1}`;
		assert.match(resumed.stdout, new RegExp(`^Resuming ${model} ${from}$`, 'm'));
	});

	test('a missing, corrupt, plain, finished or contradicted checkpoint is a usage error naming what to do', async () => {
		const folder = temporaryFolder();
		const model = join(folder, 'model.json');
		assert.equal((await runCli([...fixtures, '--epochs', '2', '--json', '--save', model])).code, 0);
		const text = readFileSync(model, 'utf8');
		const file = JSON.parse(text) as Line;
		const write = (name: string, content: string) => {
			writeFileSync(join(folder, name), content);
			return join(folder, name);
		};
		const {training: _training, ...plainModel} = file;
		const plain = write('plain.json', JSON.stringify(plainModel));
		const truncated = write('truncated.json', text.slice(0, text.length / 2));
		const order = file.training.order as number[];
		const shuffled = write('order.json', JSON.stringify({...file, training: {...file.training, order: [order[1], ...order.slice(1)]}}));
		const velocities = write(
			'velocities.json',
			JSON.stringify({...file, training: {...file.training, optimizerState: {velocities: ['AACAPwAAAEA=']}}}),
		);
		const garbled = write(
			'garbled.json',
			JSON.stringify({...file, training: {...file.training, optimizerState: {velocities: ['not base64!']}}}),
		);
		const notModel = write('notes.json', '{"my": "notes"}');
		const missing = join(folder, 'missing.json');

		const cases: [string[], RegExp][] = [
			[['--resume', missing], /^--resume .*missing\.json: no such file$/],
			[['--resume', truncated], /truncated\.json: not valid JSON/],
			[['--resume', notModel], /notes\.json: not an mnist-tui model/],
			[
				['--resume', plain],
				/^--resume .*plain\.json: the model has no training state to resume .*; use --model .*plain\.json to start a new run from its weights$/,
			],
			[
				['--resume', shuffled],
				/^--resume .*order\.json: the training state is damaged: training\.order: expected each number from 0 to 99 once$/,
			],
			[
				['--resume', velocities, '--epochs', '5'],
				/^--resume .*velocities\.json: the training state is damaged: training\.optimizerState "velocities": expected 4 arrays, found 1$/,
			],
			[
				['--resume', garbled, '--epochs', '5'],
				/^--resume .*garbled\.json: the training state is damaged: training\.optimizerState\.velocities 1: expected base64 little-endian float32 bytes of finite numbers$/,
			],
			[
				['--resume', model],
				/^--resume .*model\.json: the run has done all its 2 epochs; give a higher total to train further \(e\.g\. --epochs 4\)$/,
			],
			[['--resume', model, '--epochs', '1'], /^--epochs 1: the run in .*model\.json has already done 2 epochs; give a higher total/],
			[
				['--resume', model, '--epochs', '5', '--lr', '0.1'],
				/^--lr 0\.1 does not match the run in .*model\.json \(lr 0\.2\); leave --lr out to resume it, or start a new run from its weights with --model /,
			],
			[
				['--resume', model, '--epochs', '5', '--schedule', 'constant'],
				/^--schedule constant does not match the run in .*model\.json \(schedule onecycle\)/,
			],
			[['--resume', model, '--epochs', '5', '--hidden', '32'], /^--hidden 32 does not match the run in .*model\.json \(hidden 16\)/],
			[
				['--resume', model, '--epochs', '5', '--optimizer', 'adam'],
				/^--optimizer adam does not match the run in .*model\.json \(optimizer momentum\)/,
			],
			[
				['--resume', model, '--epochs', '5', '--batch-size', 'full'],
				/^--batch-size full does not match the run in .*model\.json \(batch-size 10\)/,
			],
			[['--resume', model, '--epochs', '5', '--limit', '50'], /^--limit 50 does not match the run in .*model\.json \(limit all\)/],
			[['--resume', model, '--epochs', '5', '--train', 'data/fixtures/mnist_test_100.csv', '--limit', '40'], /^--limit 40 does not match/],
			[
				['--resume', model, '--epochs', '5', '--data', 'data/fixtures/idx'],
				/^--resume .*model\.json: the run trained on 100 images, the training data now has \d+; resume with the same data$/,
			],
			[['--resume', model, '--model', model], /^--model and --resume exclude each other/],
			[['eval', '--resume', model], /^--resume is not used by eval$/],
		];
		for (const [args, message] of cases) assertUsageError(await runCli([...args, '--json']), message);
		assert.equal(readFileSync(model, 'utf8'), text, 'a refused resume leaves the checkpoint alone');
	});

	test('the data paths are kept absolute; the data flags may name the same images somewhere else, and --save another file', async () => {
		const folder = temporaryFolder();
		const model = join(folder, 'model.json'),
			next = join(folder, 'next.json');
		assert.equal((await runCli([...fixtures, '--epochs', '1', '--json', '--save', model])).code, 0);
		const {sources} = parseCheckpoint(readModelFile(model, '--resume').extra, model).settings;
		assert.deepEqual(
			sources,
			{train: join(root, 'data/fixtures/mnist_train_100.csv'), test: join(root, 'data/fixtures/mnist_test_100.csv')},
			'kept as absolute paths, for a resume from elsewhere',
		);
		const run = await runCli([
			'--resume',
			model,
			'--epochs',
			'2',
			'--train',
			join(root, 'data/fixtures/mnist_train_100.csv'),
			'--save',
			next,
			'--json',
		]);
		assert.equal(run.code, 0, run.stderr);
		assert.equal((jsonLines(run.stdout).at(-1) as Line).savedTo, next);
		assert.equal(parseCheckpoint(readModelFile(next, '--resume').extra, next).history.length, 2);
		assert.equal(parseCheckpoint(readModelFile(model, '--resume').extra, model).history.length, 1);
	});
});
