import {closeSync, fsyncSync, openSync, readFileSync, readSync, renameSync, rmSync, statSync, writeSync} from 'node:fs';
import {basename, dirname, join} from 'node:path';
import {InputError} from '../errors.js';
import type {Backend, BackendChoice} from '../nn/backend.js';
import {modelFormat, parseModel, type Model} from '../nn/model-file.js';

/** Model files larger than this are refused before they are read. */
export const maxModelBytes = 512 * 1024 * 1024;

/** Reads and checks a model file; `flag` names where the path came from. */
export function readModelFile(path: string, flag: string, backend: BackendChoice | Backend = 'auto'): Model {
	let size: number;
	try {
		const stat = statSync(path);
		if (!stat.isFile()) throw new InputError(`${flag} ${path}: not a file`);
		size = stat.size;
	} catch (error) {
		if (error instanceof InputError) throw error;
		throw new InputError(`${flag} ${path}: cannot read the model file (${describe(error)})`);
	}
	if (size > maxModelBytes) {
		throw new InputError(`${flag} ${path}: ${size} bytes is more than a model file may have (${maxModelBytes})`);
	}
	return parseModel(readFileSync(path, 'utf8'), path, backend);
}

/**
 * Writes the model text atomically: a temporary file in the same folder,
 * flushed to disk, then renamed over the target, so the target is always
 * either the old or the new complete file.
 */
export function writeModelFile(path: string, text: string): void {
	const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
	try {
		const fd = openSync(temporary, 'w');
		try {
			writeSync(fd, text);
			fsyncSync(fd);
		} finally {
			closeSync(fd);
		}
		renameSync(temporary, path);
	} catch (error) {
		rmSync(temporary, {force: true});
		throw new InputError(`--save ${path}: cannot write the model (${describe(error)})`);
	}
}

/**
 * Refuses a --save path that holds something other than an mnist-tui model,
 * so a typo cannot overwrite a user's file. A missing file is fine.
 */
export function checkSaveTarget(path: string): void {
	let head: string;
	try {
		if (statSync(path).isDirectory()) throw new InputError(`--save ${path}: is a folder, expected a file name`);
		const fd = openSync(path, 'r');
		const buffer = Buffer.alloc(4096);
		const length = readSync(fd, buffer);
		closeSync(fd);
		head = buffer.subarray(0, length).toString('utf8');
	} catch (error) {
		if (error instanceof InputError) throw error;
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return checkFolder(path);
		throw new InputError(`--save ${path}: cannot check the file (${describe(error)})`);
	}
	if (head.length > 0 && !head.includes(`"${modelFormat}"`)) {
		throw new InputError(`--save ${path}: the file exists and is not an mnist-tui model; refusing to overwrite it`);
	}
}

function checkFolder(path: string): void {
	const folder = dirname(path);
	try {
		if (statSync(folder).isDirectory()) return;
	} catch {
		// reported below
	}
	throw new InputError(`--save ${path}: the folder ${folder} does not exist`);
}

function describe(error: unknown): string {
	const code = (error as NodeJS.ErrnoException).code;
	return code ?? (error as Error).message;
}
