/**
 * The three rules on users' files, through the built program: nothing the
 * user has is destroyed (every written path checked before anything is
 * opened), nothing from a file reaches the terminal raw, and a hostile
 * file costs one line, exit 2, in bounded time. Every file a test makes is
 * in its own temporary folder; pipes are made there with mkfifo.
 */
import assert from 'node:assert/strict';
import {execFileSync, spawn} from 'node:child_process';
import {linkSync, readFileSync, statSync, symlinkSync, writeFileSync} from 'node:fs';
import {join, relative} from 'node:path';
import {describe, test} from 'node:test';
import {gzipSync} from 'node:zlib';
import {csvFixtures, jsonLines, type Run, rawControls, runCli} from '../helpers/cli.js';
import {fixtures, root, temporaryFolder} from '../helpers/paths.js';

const trainCsv = join(fixtures, 'mnist_train_100.csv');
const testCsv = join(fixtures, 'mnist_test_100.csv');
const quick = [...csvFixtures, '--epochs', '1', '--json'];

/** Exit 2, nothing on stdout, and exactly this one line on stderr. */
function refused(run: Run, line: string | RegExp): void {
	assert.equal(run.code, 2, run.stderr);
	assert.equal(run.stdout, '');
	assert.equal(run.stderr.split('\n').length, 2, `one line: ${JSON.stringify(run.stderr)}`);
	if (typeof line === 'string') assert.equal(run.stderr, `mnist-tui: ${line}\n`);
	else assert.match(run.stderr.slice(0, -1), line);
}

/** A small trained model in its own folder. */
async function savedModel(folder = temporaryFolder()): Promise<string> {
	const model = join(folder, 'model.json');
	assert.equal((await runCli([...quick, '--save', model])).code, 0);
	return model;
}

/** Bytes and modification time, to show a file was not touched. */
const fingerprint = (path: string) => ({bytes: readFileSync(path).toString('base64'), modified: statSync(path).mtimeMs});

const noRawControls = (text: string) => assert.doesNotMatch(text, rawControls, JSON.stringify(text));

describe('rule 1: nothing the user has is destroyed', () => {
	test('--record, --log and --save naming an input, however spelled, are refused before anything is opened', async () => {
		const folder = temporaryFolder();
		const model = await savedModel(folder);
		const notes = join(folder, 'notes.txt');
		writeFileSync(notes, 'my notes\n');
		symlinkSync(model, join(folder, 'link.json'));
		linkSync(model, join(folder, 'hard.json'));
		const before = fingerprint(model);
		const spellings = [model, relative(root, model), `${folder}/./model.json`, join(folder, 'link.json'), join(folder, 'hard.json')];
		for (const spelling of spellings) {
			for (const flag of ['--record', '--log']) {
				refused(
					await runCli([...quick, '--model', model, flag, spelling]),
					`${flag} ${spelling}: the same file as --model ${model}, which the run reads; write somewhere else`,
				);
			}
		}
		refused(
			await runCli([...quick, '--record', relative(root, trainCsv)]),
			`--record ${relative(root, trainCsv)}: the same file as --train ${csvFixtures[1]}, which the run reads; write somewhere else`,
		);
		refused(
			await runCli([...quick, '--resume', model, '--log', join(folder, 'hard.json')]),
			`--log ${join(folder, 'hard.json')}: the same file as --resume ${model}; give each its own file`,
		);
		refused(
			await runCli([...quick, '--log', join(folder, 'run.jsonl'), '--save', `${folder}/run.jsonl`]),
			`--log ${join(folder, 'run.jsonl')}: the same file as --save ${folder}/run.jsonl; give each its own file`,
		);
		assert.deepEqual(fingerprint(model), before);
		// a file of another kind: refused, and kept as it was
		for (const [flag, verb, kind] of [
			['--record', 'overwrite', 'an asciicast recorded by mnist-tui'],
			['--save', 'overwrite', 'an mnist-tui model'],
			['--log', 'append to', 'a JSON Lines file'],
		]) {
			refused(await runCli([...quick, flag!, notes]), `${flag} ${notes}: the file exists and is not ${kind}; refusing to ${verb} it`);
		}
		assert.equal(readFileSync(notes, 'utf8'), 'my notes\n');
	});

	test('--save into a pipe, --log into a pipe no one reads, a missing folder, a name too long: refused at once', async () => {
		const folder = temporaryFolder();
		const pipe = join(folder, 'pipe');
		execFileSync('mkfifo', [pipe]);
		// the program's stdout a pipe, as in a shell: mnist-tui --save /dev/stdout | cat
		const shell = spawn('sh', ['-c', `"${process.execPath}" dist/cli.js ${quick.join(' ')} --save /dev/stdout | cat`], {cwd: root});
		let stderr = '';
		shell.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
		assert.equal(await new Promise(resolve => shell.on('close', resolve)), 0, 'the exit code of cat');
		assert.equal(stderr, 'mnist-tui: --save /dev/stdout: is a pipe, expected a file name\n');
		refused(await runCli([...quick, '--save', pipe]), `--save ${pipe}: is a pipe, expected a file name`);
		refused(await runCli([...quick, '--log', pipe], {timeoutMs: 10_000}), `--log ${pipe}: no one reads from the pipe`);
		refused(await runCli([...quick, '--record', pipe], {timeoutMs: 10_000}), `--record ${pipe}: no one reads from the pipe`);
		const missing = join(folder, 'missing');
		refused(await runCli([...quick, '--save', join(missing, 'm.json')]), `--save ${missing}/m.json: the folder ${missing} does not exist`);
		const long = join(folder, 'm'.repeat(250));
		refused(
			await runCli([...quick, '--save', long]),
			`--save ${long}: the name is too long for a temporary file beside it (at most 255 bytes)`,
		);
		refused(
			await runCli([...quick, '--record', join(folder, 'n'.repeat(256))]),
			/--record .*: the name is too long \(at most 255 bytes\)$/,
		);
	});

	test('--log and --record stream into a pipe that is read, and the reader sees every line', async () => {
		const folder = temporaryFolder();
		const pipe = join(folder, 'pipe');
		execFileSync('mkfifo', [pipe]);
		const reader = spawn('cat', [pipe], {stdio: ['ignore', 'pipe', 'inherit']});
		let read = '';
		reader.stdout.setEncoding('utf8').on('data', (text: string) => (read += text));
		const readerDone = new Promise(resolve => reader.on('close', resolve));
		// cat opens the pipe at its own pace: until it has, the program says no one reads
		let run: Run;
		do run = await runCli([...quick, '--log', pipe]);
		while (run.code === 2 && run.stderr.includes('no one reads'));
		assert.equal(run.code, 0, run.stderr);
		await readerDone;
		assert.deepEqual(jsonLines(read), jsonLines(run.stdout));
	});

	test('--min-accuracy with a test set that has no labels is refused before training', async () => {
		const unlabelled = join(fixtures, 'mnist_test_unlabelled_10.csv');
		refused(
			await runCli(['--train', trainCsv, '--test', unlabelled, '--hidden', '8', '--epochs', '1', '--json', '--min-accuracy', '0.5']),
			`--min-accuracy needs test images with labels, and ${unlabelled} has none`,
		);
	});

	test('Ctrl-C while the training data is a pipe no one writes to yet: exit 130 at once, in plain mode and JSON', async () => {
		const folder = temporaryFolder();
		const pipe = join(folder, 'train.csv');
		execFileSync('mkfifo', [pipe]);
		for (const mode of ['--plain', '--json']) {
			const child = spawn(process.execPath, [join(root, 'dist', 'cli.js'), '--train', pipe, '--test', testCsv, mode], {
				stdio: ['ignore', 'pipe', 'pipe'],
			});
			const ended = new Promise<number | null>(resolve => child.on('close', resolve));
			await new Promise(resolve => setTimeout(resolve, 1500));
			child.kill('SIGINT');
			const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
			assert.equal(await ended, 130, mode);
			clearTimeout(timer);
		}
	});
});

describe('rule 2: nothing from a file reaches the terminal raw', () => {
	const hostileName = 'a\u001b[31m\nb\u001b]0;title\u0007.json';
	const shown = 'a\\x1b[31m\\nb\\x1b]0;title\\x07.json';

	test('a file name holding escapes and a newline is shown escaped, in one line, in errors, plain lines and eval', async () => {
		const folder = temporaryFolder();
		refused(await runCli(['eval', '--model', join(folder, hostileName)]), `--model ${folder}/${shown}: no such file`);
		const model = join(folder, hostileName);
		const plain = await runCli([...csvFixtures, '--epochs', '1', '--plain', '--save', model]);
		assert.equal(plain.code, 0, plain.stderr);
		assert.ok(plain.stdout.includes(`Model saved to ${folder}/${shown}`), plain.stdout);
		noRawControls(plain.stdout);
		const evaluated = await runCli(['eval', '--model', model, '--test', testCsv]);
		assert.equal(evaluated.code, 0, evaluated.stderr);
		assert.ok(evaluated.stdout.startsWith(`Model ${folder}/${shown} (784-16-10)`), evaluated.stdout);
		noRawControls(evaluated.stdout);
	});

	test('a model file that is not JSON, with an escape sequence in it: one line, the sequence escaped', async () => {
		const folder = temporaryFolder();
		const model = join(folder, 'model.json');
		writeFileSync(model, '\u001b[2J\u001b[H{"format": oops');
		const run = await runCli(['eval', '--model', model]);
		refused(run, /^mnist-tui: .*model\.json: not valid JSON \(.*\)$/);
		noRawControls(run.stderr);
		assert.ok(run.stderr.includes('\\x1b') || !run.stderr.includes('2J'), run.stderr);
	});

	test('class names: "constructor" and "__proto__" are names like others; control characters or duplicates are refused', async () => {
		const folder = temporaryFolder();
		const model = JSON.parse(readFileSync(await savedModel(folder), 'utf8')) as {classes: string[]};
		const withClasses = (name: string, classes: string[]) => {
			const path = join(folder, name);
			writeFileSync(path, JSON.stringify({...model, classes}));
			return path;
		};
		const odd = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', '5', '6', '7', '8', '9'];
		for (const output of ['--json', '--plain']) {
			const run = await runCli([
				'eval',
				'--model',
				withClasses('odd.json', odd),
				'--test',
				testCsv,
				...(output === '--json' ? ['--json'] : []),
			]);
			assert.equal(run.code, 0, run.stderr);
		}
		const text = await runCli(['eval', '--model', withClasses('odd.json', odd), '--test', testCsv]);
		assert.match(text.stdout, /constr|__pro/);
		const escaping = withClasses('escape.json', ['\u001b[2J', ...odd.slice(1)]);
		refused(await runCli(['eval', '--model', escaping]), `${escaping}: class 1 "\\u001b[2J": a class name is 1 to 40 printable characters`);
		const twice = withClasses('twice.json', ['a', 'a', ...odd.slice(2)]);
		refused(await runCli(['eval', '--model', twice]), `${twice}: class 2 "a": the same name as class 1`);
	});

	test('a CSV cell with an escape sequence is shown escaped and cut short', async () => {
		const folder = temporaryFolder();
		const csv = join(folder, 'train.csv');
		const [header, first] = readFileSync(trainCsv, 'utf8').split('\n');
		writeFileSync(csv, `${header}\n${first}\n${'\u001b[31m'.repeat(20)},${Array(784).fill('0').join(',')}\n`);
		const run = await runCli(['--train', csv, '--test', testCsv, '--json']);
		refused(run, `${csv} line 3: label "${'\\x1b[31m'.repeat(4)}\\x1b[3…" is not a digit 0-9`);
	});
});

describe('rule 3: a hostile file costs one line and exit 2, in seconds', () => {
	test('size bombs: a line of separators, deep or wide JSON, a gzip announcing a billion images', async () => {
		const folder = temporaryFolder();
		const write = (name: string, content: string | Uint8Array) => {
			writeFileSync(join(folder, name), content);
			return join(folder, name);
		};
		const commas = write('commas.csv', ','.repeat(20_000_000));
		refused(
			await runCli(['--train', commas, '--test', testCsv, '--json']),
			`${commas} line 1: the line is longer than 65536 bytes, too long for an MNIST row`,
		);
		const deep = write('deep.json', '['.repeat(5_000_000));
		refused(await runCli(['eval', '--model', deep]), `${deep}: nested more than 32 deep: larger than any model file`);
		const strings = write('strings.json', `[${'"x",'.repeat(2_000_000)}"x"]`);
		refused(await runCli(['eval', '--model', strings]), `${strings}: more than 10,000 strings: larger than any model file`);
		const header = new Uint8Array(16);
		new DataView(header.buffer).setUint32(0, 0x803);
		new DataView(header.buffer).setUint32(4, 1_000_000_000);
		new DataView(header.buffer).setUint32(8, 28);
		new DataView(header.buffer).setUint32(12, 28);
		const billion = write('train-images-idx3-ubyte.gz', gzipSync(header));
		refused(
			await runCli(['--train', billion, '--test', testCsv, '--json']),
			`${billion}: the header announces 1000000000 images, more than the 1000000 accepted`,
		);
	});

	test('more than the machine can hold is a usage error naming the flag', async () => {
		refused(
			await runCli(['--hidden', '65536,65536', '--json']),
			/^mnist-tui: --hidden 65536,65536: [\d,]+ weights and biases, more than the 4,194,304 a network here may have$/,
		);
	});

	test('a checkpoint with an impossible optimizer state or history: one line naming the file and the field', async () => {
		const folder = temporaryFolder();
		const checkpoint = join(folder, 'run.json');
		assert.equal((await runCli([...csvFixtures, '--epochs', '1', '--optimizer', 'adam', '--json', '--save', checkpoint])).code, 0);
		const file = JSON.parse(readFileSync(checkpoint, 'utf8')) as {
			training: {optimizerState: {secondMoments: string[]}};
			history: {testAccuracy: number}[];
		};
		const negative = new Float32Array([-1, -2]);
		file.training.optimizerState.secondMoments[0] = Buffer.from(negative.buffer).toString('base64');
		const damaged = join(folder, 'damaged.json');
		writeFileSync(damaged, JSON.stringify(file));
		refused(
			await runCli(['--resume', damaged, '--epochs', '2', '--json']),
			/^mnist-tui: --resume .*damaged\.json: the training state is damaged: .*secondMoments/,
		);
		const accuracy = JSON.parse(readFileSync(checkpoint, 'utf8')) as typeof file;
		accuracy.history[0]!.testAccuracy = 1.5;
		writeFileSync(damaged, JSON.stringify(accuracy));
		refused(
			await runCli(['--resume', damaged, '--epochs', '2', '--json']),
			`--resume ${damaged}: the training state is damaged: history entry 1 testAccuracy: expected a fraction from 0 to 1`,
		);
	});
});
