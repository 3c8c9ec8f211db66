/**
 * Path collisions and special files, seeded: a folder of files of every
 * kind (models, logs, recordings, predictions, other files, empty files, a pipe, a
 * folder), reached by many spellings (relative, `./`, `..`, symlinks, hard
 * links, dangling symlinks), and random commands that write some and read
 * others. checkWrittenFiles must refuse exactly the commands the rules
 * refuse, naming a flag of the command, and change no file either way.
 */
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {linkSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync} from 'node:fs';
import {join, relative} from 'node:path';
import {describe, test} from 'node:test';
import {InputError} from '../../../source/errors.js';
import {checkWrittenFiles, type FileKind, type WrittenFile} from '../../../source/files/written-files.js';
import {serializeModel} from '../../../source/nn/model-file.js';
import {Network} from '../../../source/nn/network.js';
import {Rng} from '../../../source/nn/rng.js';
import {eventLogKind} from '../../../source/output/json-lines.js';
import {predictionsFileKind} from '../../../source/output/predictions-csv.js';
import {modelFileKind} from '../../../source/train/checkpoint/model-store.js';
import {castFileKind, castHeaderLine} from '../../../source/ui/demo/cast-recorder.js';
import {seed} from '../../helpers/fuzz-sources.js';
import {temporaryFolder} from '../../helpers/paths.js';

type Thing = 'model' | 'log' | 'cast' | 'predictions' | 'other' | 'empty' | 'pipe' | 'folder' | 'new' | 'lost';

/** Each real thing in the folder, and what it holds. */
const contents: Record<'model' | 'log' | 'cast' | 'predictions' | 'other' | 'empty', string> = {
	model: serializeModel(Network.create([3, 2], new Rng(1), 'js'), ['a', 'b']),
	log: '{"event":"start"}\n{"event":"done"}\n',
	cast: `${castHeaderLine({version: 2, width: 80, height: 24, timestamp: 0, title: 'mnist-tui'})}\n[0.5,"o","x"]\n`,
	predictions: 'ImageId,Label\n1,7\n2,2\n',
	other: 'a user’s notes\n',
	empty: '',
};

const writers: readonly {flag: string; kind: FileKind}[] = [
	{flag: '--save', kind: modelFileKind},
	{flag: '--log', kind: eventLogKind},
	{flag: '--record', kind: castFileKind},
	{flag: '--out', kind: predictionsFileKind},
];

const pick = <T>(rng: Rng, items: readonly T[]): T => items[rng.int(items.length)]!;

/** The folder: one of each thing, and every spelling of each, as [spelling, thing, which file it is]. */
function world(folder: string): {spellings: [string, Thing, string][]; fingerprint: () => string} {
	const spellings: [string, Thing, string][] = [];
	mkdirSync(join(folder, 'sub'));
	for (const [thing, text] of Object.entries(contents) as [Thing, string][]) {
		const path = join(folder, `${thing}.file`);
		writeFileSync(path, text);
		symlinkSync(path, join(folder, `${thing}.symlink`));
		linkSync(path, join(folder, `${thing}.hardlink`));
		spellings.push(
			[path, thing, thing],
			[relative(process.cwd(), path), thing, thing],
			[join(folder, 'sub', '..', `${thing}.file`), thing, thing],
			[join(folder, `${thing}.symlink`), thing, thing],
			[join(folder, `${thing}.hardlink`), thing, thing],
		);
	}
	execFileSync('mkfifo', [join(folder, 'pipe')]);
	spellings.push([join(folder, 'pipe'), 'pipe', 'pipe'], [`${folder}/./pipe`, 'pipe', 'pipe']);
	spellings.push([join(folder, 'sub'), 'folder', 'sub'], [`${folder}/sub/.`, 'folder', 'sub']);
	for (const name of ['new-1', 'new-2']) {
		symlinkSync(join(folder, `${name}.target`), join(folder, `${name}.dangling`));
		spellings.push(
			[join(folder, `${name}.target`), 'new', name],
			[join(folder, `${name}.dangling`), 'new', name],
			[join(folder, 'sub', '..', `${name}.target`), 'new', name],
		);
	}
	spellings.push([join(folder, 'missing', 'x'), 'lost', 'lost']);
	const fingerprint = () =>
		readdirSync(folder)
			.sort()
			.map(name => {
				const path = join(folder, name);
				const info = statSync(path, {throwIfNoEntry: false});
				return `${name}:${info?.isFile() ? readFileSync(path, 'base64') : (info?.mode ?? 'gone')}`;
			})
			.join('|');
	return {spellings, fingerprint};
}

/** Whether the rules refuse one command, from what each spelling really is. */
function expected(outputs: {flag: string; kind: FileKind; thing: Thing; file: string}[], inputs: string[]): boolean {
	const files = outputs.map(output => output.file);
	if (new Set(files).size < files.length) return true;
	if (outputs.some(output => inputs.includes(output.file))) return true;
	return outputs.some(({kind, thing}) => {
		switch (thing) {
			case 'folder':
			case 'lost':
			case 'pipe': // no one reads it
				return true;
			case 'new':
			case 'empty':
				return false;
			default:
				return !kind.recognise(contents[thing], contents[thing]);
		}
	});
}

describe(`written paths against the rules (seed ${seed})`, () => {
	test('300 commands over every spelling of every kind of file: refused exactly when the rules say, nothing changed', t => {
		const folder = temporaryFolder();
		const {spellings, fingerprint} = world(folder);
		const before = fingerprint();
		const rng = new Rng(seed + 6);
		const failures: string[] = [];
		let refused = 0;
		for (let index = 0; index < 300; index++) {
			const outputs = writers
				.filter(() => rng.next() < 0.6)
				.map(writer => {
					const [path, thing, file] = pick(rng, spellings);
					return {...writer, path, thing, file};
				});
			const inputs = Array.from({length: rng.int(3)}, () =>
				pick(
					rng,
					spellings.filter(([, thing]) => thing !== 'lost'),
				),
			);
			const label = `case ${index}: ${outputs.map(o => `${o.flag} ${o.path}`).join(' ')} reading ${inputs.map(([path]) => path).join(' ')}`;
			const wanted = expected(
				outputs,
				inputs.map(([, , file]) => file),
			);
			try {
				checkWrittenFiles(
					outputs.map(({flag, path, kind}): WrittenFile => ({flag, path, kind})),
					inputs.map(([path]) => ({path, what: `--model ${path}`})),
				);
				if (wanted) failures.push(`${label}: allowed, but the rules refuse it`);
			} catch (error) {
				if (!(error instanceof InputError)) failures.push(`${label}: ${String(error)}`);
				else if (!wanted) failures.push(`${label}: refused, but the rules allow it: ${error.message}`);
				else if (!outputs.some(output => error.message.startsWith(`${output.flag} ${output.path}: `)))
					failures.push(`${label}: the message names no output: ${error.message}`);
				else refused++;
			}
		}
		t.diagnostic(`300 commands: ${refused} refused, ${300 - refused} allowed`);
		assert.deepEqual(failures, [], `seed ${seed}`);
		assert.equal(fingerprint(), before, 'no file was changed, made or removed');
	});
});
