import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {closeSync, createReadStream, linkSync, mkdirSync, readFileSync, symlinkSync, writeFileSync, writeSync} from 'node:fs';
import {join, relative} from 'node:path';
import {describe, test} from 'node:test';
import {identify} from '../../../source/files/file-identity.js';
import {checkWrittenFiles, type FileKind, openWritten, type WrittenFile} from '../../../source/files/written-files.js';
import {serializeModel} from '../../../source/nn/model-file.js';
import {Network} from '../../../source/nn/network.js';
import {Rng} from '../../../source/nn/rng.js';
import {eventLogKind} from '../../../source/output/json-lines.js';
import {modelFileKind} from '../../../source/train/checkpoint/model-store.js';
import {castFileKind, castHeaderLine} from '../../../source/ui/demo/cast-recorder.js';
import {temporaryFolder} from '../../helpers/paths.js';

/** A kind for these tests: files that start with "TEST". */
const testKind = (streams: boolean, more: Partial<FileKind> = {}): FileKind => ({
	name: 'a test file',
	streams,
	recognise: head => head.startsWith('TEST'),
	...more,
});

const refuses = (outputs: WrittenFile[], message: string, inputs: {path: string; what: string}[] = []) =>
	assert.throws(() => checkWrittenFiles(outputs, inputs), {name: 'InputError', message});

describe('identify', () => {
	test('every spelling of a file, a symlink and a hard link give the same id; a missing file has one where it would be made', () => {
		const folder = temporaryFolder();
		const file = join(folder, 'a.json');
		writeFileSync(file, 'x');
		symlinkSync(file, join(folder, 'link.json'));
		linkSync(file, join(folder, 'hard.json'));
		mkdirSync(join(folder, 'sub'));
		const id = identify(file).id;
		for (const spelling of [
			join(folder, '.', 'a.json'),
			join(folder, 'sub', '..', 'a.json'),
			relative(process.cwd(), file),
			join(folder, 'link.json'),
			join(folder, 'hard.json'),
		]) {
			assert.deepEqual(identify(spelling), {type: 'file', id, size: 1}, spelling);
		}
		symlinkSync(join(folder, 'later.json'), join(folder, 'dangling.json'));
		symlinkSync(folder, join(folder, 'folder-link'));
		const later = identify(join(folder, 'later.json'));
		assert.equal(later.type, 'missing');
		assert.equal(identify(join(folder, 'dangling.json')).id, later.id);
		assert.equal(identify(join(folder, 'folder-link', 'later.json')).id, later.id);
		assert.equal(identify(join(folder, 'no', 'such', 'folder')).id, undefined);
		assert.equal(identify(folder).type, 'folder');
	});
});

describe('checkWrittenFiles', () => {
	test('two outputs, or an output and an input, that are the same file however spelled: one line naming both', () => {
		const folder = temporaryFolder();
		const model = join(folder, 'model.json');
		writeFileSync(model, serializeModel(Network.create([4, 2], new Rng(1), 'js'), ['a', 'b']));
		symlinkSync(model, join(folder, 'link.json'));
		linkSync(model, join(folder, 'hard.json'));
		const log = {flag: '--log', path: join(folder, 'run.jsonl'), kind: eventLogKind};
		refuses(
			[log, {flag: '--record', path: join(folder, '.', 'run.jsonl'), kind: castFileKind}],
			`--record ${join(folder, 'run.jsonl')}: the same file as --log ${log.path}; give each its own file`,
		);
		for (const spelling of [join(folder, 'link.json'), join(folder, 'hard.json'), `${folder}/./model.json`]) {
			refuses(
				[{flag: '--save', path: spelling, kind: modelFileKind}],
				`--save ${spelling}: the same file as --model ${model}, which the run reads; write somewhere else`,
				[{path: model, what: `--model ${model}`}],
			);
		}
		// a dangling symlink is where its target will be made
		symlinkSync(join(folder, 'new.cast'), join(folder, 'dangling.cast'));
		refuses(
			[
				{flag: '--record', path: join(folder, 'dangling.cast'), kind: castFileKind},
				{flag: '--log', path: join(folder, 'new.cast'), kind: eventLogKind},
			],
			`--log ${join(folder, 'new.cast')}: the same file as --record ${join(folder, 'dangling.cast')}; give each its own file`,
		);
		checkWrittenFiles([log, {flag: '--save', path: join(folder, 'other.json'), kind: modelFileKind}], [{path: model, what: 'm'}]);
	});

	test("an existing file is overwritten or appended to only when it is of the writer's kind; an empty file is free", () => {
		const folder = temporaryFolder();
		const notes = join(folder, 'notes.txt');
		writeFileSync(notes, 'my notes\n');
		for (const [flag, kind, verb] of [
			['--save', modelFileKind, 'overwrite'],
			['--record', castFileKind, 'overwrite'],
			['--log', eventLogKind, 'append to'],
		] as const) {
			refuses([{flag, path: notes, kind}], `${flag} ${notes}: the file exists and is not ${kind.name}; refusing to ${verb} it`);
		}
		const empty = join(folder, 'empty');
		writeFileSync(empty, '');
		checkWrittenFiles([{flag: '--save', path: empty, kind: modelFileKind}], []);
		// the run reads it as its kind first (--resume), so reading tells
		checkWrittenFiles([{flag: '--resume', path: notes, kind: modelFileKind, readFirst: true}], []);
		assert.equal(readFileSync(notes, 'utf8'), 'my notes\n');
	});

	test('the three kinds tell their own files from others', () => {
		const model = serializeModel(Network.create([4, 2], new Rng(1), 'js'), ['a', 'b']);
		assert.ok(modelFileKind.recognise(model, model));
		assert.ok(!modelFileKind.recognise('{"notes": "format: mnist-tui-model"}', ''));
		assert.ok(!modelFileKind.recognise('["format", "mnist-tui-model"]', ''));
		const cast = `${castHeaderLine({version: 2, width: 80, height: 24, timestamp: 0, title: 'mnist-tui --demo'})}\n[0.1,"o","x"]\n`;
		assert.ok(castFileKind.recognise(cast, cast));
		assert.ok(!castFileKind.recognise('{"version":2,"width":80,"height":24,"title":"vim"}\n', ''));
		const log = '{"event":"start"}\n{"event":"done"}\n';
		assert.ok(eventLogKind.recognise(log, log));
		assert.ok(!eventLogKind.recognise('{"event":"start"}', '{"event":"start"}'), 'a last line without its newline');
		assert.ok(!eventLogKind.recognise('{"event":"start"}\nnot json\n', '{"event":"start"}\nnot json\n'));
		assert.ok(!eventLogKind.recognise('a,b\n1,2\n', 'a,b\n1,2\n'));
		assert.ok(!eventLogKind.recognise('[1,2]\n', '[1,2]\n'), 'lists are not JSON Lines objects');
		assert.ok(eventLogKind.recognise('{"level":"info"}\n', '{"level":"info"}\n'), "another tool's JSON Lines");
		// a long log: the head and the tail are cut mid-line, and only whole lines count
		assert.ok(eventLogKind.recognise('{"event":"start"}\n{"event":"ep', 'och"}\n{"event":"done"}\n'));
	});

	test('a folder, a missing folder, or a name too long for the temporary file beside it', () => {
		const folder = temporaryFolder();
		refuses([{flag: '--save', path: folder, kind: modelFileKind}], `--save ${folder}: is a folder, expected a file name`);
		const missing = join(folder, 'missing', 'model.json');
		refuses(
			[{flag: '--save', path: missing, kind: modelFileKind}],
			`--save ${missing}: the folder ${join(folder, 'missing')} does not exist`,
		);
		writeFileSync(join(folder, 'file'), '');
		const under = join(folder, 'file', 'model.json');
		refuses([{flag: '--log', path: under, kind: eventLogKind}], `--log ${under}: ${join(folder, 'file')} is not a folder`);
		// 255 bytes is a name; with ".NAME.4194304.tmp" beside it, 245 bytes is not
		const long = join(folder, 'm'.repeat(245));
		checkWrittenFiles([{flag: '--record', path: long, kind: castFileKind}], []);
		refuses(
			[{flag: '--save', path: long, kind: modelFileKind}],
			`--save ${long}: the name is too long for a temporary file beside it (at most 255 bytes)`,
		);
	});

	test('a pipe: refused where a file is needed, refused at once with no reader, kept open for the writer when read', async () => {
		const folder = temporaryFolder();
		const pipe = join(folder, 'pipe');
		execFileSync('mkfifo', [pipe]);
		refuses([{flag: '--save', path: pipe, kind: modelFileKind}], `--save ${pipe}: is a pipe, expected a file name`);
		refuses([{flag: '--log', path: pipe, kind: testKind(true)}], `--log ${pipe}: no one reads from the pipe`);

		const reader = createReadStream(pipe, {encoding: 'utf8'});
		let read = '';
		const ended = new Promise<void>(resolve => reader.on('data', text => (read += text)).on('end', resolve));
		// the reader opens the pipe on a thread of its own: wait until it has
		for (let tries = 0; ; tries++) {
			try {
				checkWrittenFiles([{flag: '--log', path: pipe, kind: testKind(true)}], []);
				break;
			} catch (error) {
				if (tries > 200) throw error;
				await new Promise(resolve => setTimeout(resolve, 10));
			}
		}
		// the check's probe is closed: had it been the only writer, the reader would have seen the end
		await new Promise(resolve => setTimeout(resolve, 50));
		assert.equal(reader.readableEnded, false);
		const fd = openWritten(pipe, testKind(true));
		writeSync(fd, 'one line\n');
		closeSync(fd);
		await ended;
		assert.equal(read, 'one line\n');
	});
});
