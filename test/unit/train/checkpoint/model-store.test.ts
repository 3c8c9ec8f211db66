import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {readdirSync, readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, test} from 'node:test';
import {InputError} from '../../../../source/errors.js';
import {serializeModel} from '../../../../source/nn/model-file.js';
import {Network} from '../../../../source/nn/network.js';
import {Rng} from '../../../../source/nn/rng.js';
import {checkSaveTarget, readModelFile, writeModelFile} from '../../../../source/train/checkpoint/model-store.js';
import {temporaryFolder} from '../../../helpers/paths.js';

const digits = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

describe('model files on disk', () => {
	test('a saved model reads back with the same weights, and no temporary file is left', () => {
		const folder = temporaryFolder();
		const path = join(folder, 'model.json');
		const network = Network.create([784, 12, 10], new Rng(4));
		writeModelFile(path, serializeModel(network, digits, {history: [{epoch: 1}]}));
		writeModelFile(path, serializeModel(network, digits, {history: [{epoch: 1}, {epoch: 2}]}));
		assert.deepEqual(readdirSync(folder), ['model.json']);
		const model = readModelFile(path, '--model');
		assert.deepEqual(model.network.sizes, [784, 12, 10]);
		assert.deepEqual(model.network.dense[0]!.weights, network.dense[0]!.weights);
		assert.deepEqual(model.extra.history, [{epoch: 1}, {epoch: 2}]);
	});

	test('a bad model file is an InputError naming the flag or file', () => {
		const folder = temporaryFolder();
		const path = join(folder, 'broken.json');
		writeFileSync(path, '{"format":"mnist-tui-model","version":1,');
		assert.throws(
			() => readModelFile(path, '--model'),
			(error: unknown) => error instanceof InputError && error.message.startsWith(`${path}: not valid JSON`),
		);
		assert.throws(() => readModelFile(join(folder, 'missing.json'), '--model'), {
			message: `--model ${join(folder, 'missing.json')}: no such file`,
		});
		assert.throws(() => readModelFile(folder, '--model'), {message: `--model ${folder}: not a file`});
	});

	test('--save may replace a model or create a file, never overwrite anything else', () => {
		const folder = temporaryFolder();
		const model = join(folder, 'model.json');
		checkSaveTarget(model);
		writeModelFile(model, serializeModel(Network.create([4, 2], new Rng(1)), ['a', 'b']));
		checkSaveTarget(model);
		const notes = join(folder, 'notes.json');
		writeFileSync(notes, '{"my": "data"}');
		assert.throws(() => checkSaveTarget(notes), {
			message: `--save ${notes}: the file exists and is not an mnist-tui model; refusing to overwrite it`,
		});
		assert.equal(readFileSync(notes, 'utf8'), '{"my": "data"}');
		const mention = join(folder, 'notes.md');
		writeFileSync(mention, 'A model file starts with {"format":"mnist-tui-model", then the layers.\n');
		assert.throws(() => checkSaveTarget(mention), {
			message: `--save ${mention}: the file exists and is not an mnist-tui model; refusing to overwrite it`,
		});
		const pretty = join(folder, 'pretty.json');
		writeFileSync(pretty, '{\n  "format": "mnist-tui-model",\n  "version": 1\n}\n');
		checkSaveTarget(pretty);
		const log = join(folder, 'run.jsonl');
		writeFileSync(log, '{"event":"start","config":{"save":"model.json"}}\n');
		assert.throws(() => checkSaveTarget(log), {
			message: `--save ${log}: the file exists and is not an mnist-tui model; refusing to overwrite it`,
		});
		assert.throws(() => checkSaveTarget(folder), {message: `--save ${folder}: is a folder, expected a file name`});
		assert.throws(() => checkSaveTarget(join(folder, 'nope', 'm.json')), {
			message: `--save ${join(folder, 'nope', 'm.json')}: the folder ${join(folder, 'nope')} does not exist`,
		});
	});
});

describe('temporary files of saves that never finished', () => {
	test("a save removes those of processes that are gone and its own, never a live writer's or other files", async () => {
		const folder = temporaryFolder();
		const path = join(folder, 'model.json');
		const gone = await exitedPid();
		const names = [
			`.model.json.${gone}.tmp`,
			`.model.json.${process.pid}.tmp`,
			`.model.json.${process.ppid}.tmp`,
			`.other.json.${gone}.tmp`,
			'.model.json.notes.tmp',
			'model.json.tmp',
		];
		for (const name of names) writeFileSync(join(folder, name), 'partial');
		writeModelFile(path, serializeModel(Network.create([4, 2], new Rng(1)), ['a', 'b']));
		assert.deepEqual(
			readdirSync(folder).sort(),
			[`.model.json.${process.ppid}.tmp`, `.other.json.${gone}.tmp`, '.model.json.notes.tmp', 'model.json', 'model.json.tmp'].sort(),
		);
	});

	test('the check before a run removes them too', async () => {
		const folder = temporaryFolder();
		const gone = await exitedPid();
		writeFileSync(join(folder, `.model.json.${gone}.tmp`), '{"format":"mnist-tui-model","ver');
		checkSaveTarget(join(folder, 'model.json'));
		assert.deepEqual(readdirSync(folder), []);
	});
});

/** The process id of a process that has ended. */
function exitedPid(): Promise<number> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, ['-e', '']);
		child.on('error', reject);
		child.on('exit', () => resolve(child.pid!));
	});
}
