import {open, readdir, stat} from 'node:fs/promises';
import path from 'node:path';
import {InputError} from '../errors.js';
import {isGzip} from './idx.js';
import {unreadable} from './input-file.js';

export type Role = 'train' | 'test';

/** Where one set's files are, found before anything large is read. */
export type Located =
	| {readonly format: 'idx'; readonly images: string; readonly origin: string}
	| {readonly format: 'csv'; readonly file: string; readonly origin: string};

const imagesPrefixes: Record<Role, readonly string[]> = {train: ['train'], test: ['t10k', 'test']};
const csvNames: Record<Role, string> = {train: 'mnist_train.csv', test: 'mnist_test.csv'};

/** A file given with --train/--test: IDX (raw or .gz) or CSV, told apart by content and extension. */
export async function locateFile(file: string, flag: string): Promise<Located> {
	const origin = `${flag} ${file}`;
	const info = await stat(file).catch((error: unknown) => unreadable(file, error, flag));
	if (info.isDirectory()) throw new InputError(`${origin}: is a folder; give a file, or use --data for a folder of MNIST files`);
	// a pipe (--train <(zcat mnist_train.csv.gz)) cannot be peeked at, and only CSV is read as a stream
	if (!info.isFile()) return {format: 'csv', file, origin};
	return (await looksLikeIdx(file, flag)) ? {format: 'idx', images: file, origin} : {format: 'csv', file, origin};
}

/** The set's files in a --data folder: IDX images in either naming (raw or .gz), else the Kaggle CSV. */
export async function locateInFolder(folder: string, role: Role): Promise<Located> {
	const origin = `--data ${folder}`;
	const names = new Set(await readdir(folder).catch((error: unknown) => folderError(folder, error)));
	const idxNames = imagesPrefixes[role].flatMap(prefix => [`${prefix}-images-idx3-ubyte`, `${prefix}-images.idx3-ubyte`]);
	for (const name of idxNames.flatMap(name => [name, `${name}.gz`])) {
		if (names.has(name)) return {format: 'idx', images: path.join(folder, name), origin};
	}
	if (names.has(csvNames[role])) return {format: 'csv', file: path.join(folder, csvNames[role]), origin};
	const lookedFor = [...idxNames.map(name => `${name}[.gz]`), csvNames[role]].join(', ');
	throw new InputError(`${origin}: no MNIST files found (looked for ${lookedFor})`);
}

/**
 * The labels file beside an IDX images file: "images" becomes "labels" and
 * "idx3" becomes "idx1" in the name (train-images-idx3-ubyte →
 * train-labels-idx1-ubyte, train-images.idx3-ubyte.gz → train-labels.idx1-ubyte.gz),
 * compressed or not.
 */
export async function locateLabels(images: string, origin: string): Promise<string> {
	const name = path.basename(images);
	const compressed = /\.gz$/i.test(name);
	const base = name.replace(/\.gz$/i, '');
	if (!base.includes('images')) {
		throw new InputError(
			`${origin}: cannot find the labels file of ${name}: its name has no "images" to turn into "labels" (as in train-images-idx3-ubyte beside train-labels-idx1-ubyte)`,
		);
	}
	const labels = base.replace('images', 'labels').replace('idx3', 'idx1');
	const candidates = compressed ? [`${labels}.gz`, labels] : [labels, `${labels}.gz`];
	for (const candidate of candidates) {
		const file = path.join(path.dirname(images), candidate);
		if (await isFile(file)) return file;
	}
	throw new InputError(`${origin}: found ${name} but no labels file beside it (looked for ${labels}[.gz])`);
}

async function isFile(file: string): Promise<boolean> {
	try {
		return (await stat(file)).isFile();
	} catch {
		return false;
	}
}

function folderError(folder: string, error: unknown): never {
	const code = (error as NodeJS.ErrnoException | undefined)?.code;
	if (code === 'ENOENT') throw new InputError(`--data ${folder}: no such folder`);
	if (code === 'ENOTDIR') throw new InputError(`--data ${folder}: not a folder; give the folder that holds the MNIST files`);
	return unreadable(folder, error, '--data');
}

/** IDX files start with two zero bytes (or are gzip); CSV files are text. */
async function looksLikeIdx(file: string, flag: string): Promise<boolean> {
	const head = new Uint8Array(4);
	let length = 0;
	try {
		const handle = await open(file, 'r');
		try {
			({bytesRead: length} = await handle.read(head, 0, head.length, 0));
		} finally {
			await handle.close();
		}
	} catch (error) {
		return unreadable(file, error, flag);
	}
	const start = head.subarray(0, length);
	if (isGzip(start) || (length >= 2 && start[0] === 0 && start[1] === 0)) return true;
	if (/\.csv$/i.test(file)) return false;
	if (length === 0) return /idx\d|ubyte/i.test(path.basename(file));
	return start.some(byte => byte < 9 || (byte > 13 && byte < 32));
}
