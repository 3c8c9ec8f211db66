import {closeSync, fsyncSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, statSync, writeSync} from 'node:fs';
import {basename, dirname, join} from 'node:path';
import {InputError} from '../../errors.js';
import type {Backend, BackendChoice} from '../../nn/backend/backend.js';
import {type Model, modelFormat, parseModel} from '../../nn/model-file.js';

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
 * either the old or the new complete file, even if the process is killed
 * (kill -9) at any moment. Such a kill leaves the temporary file behind; it
 * is named after the target and the writer's process id
 * (`.model.json.1234.tmp`), so the next save beside it, or the next run's
 * check of the target, recognises and removes it.
 */
export function writeModelFile(path: string, text: string): void {
	const temporary = temporaryName(path, process.pid);
	removeStaleTemporaries(path);
	try {
		const fd = openSync(temporary, 'w');
		try {
			// one write may take only part of a large buffer
			const bytes = Buffer.from(text, 'utf8');
			for (let written = 0; written < bytes.length; ) written += writeSync(fd, bytes, written);
			fsyncSync(fd);
		} finally {
			closeSync(fd);
		}
		renameSync(temporary, path);
		syncFolder(dirname(path));
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
	removeStaleTemporaries(path);
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
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
			checkFolder(path);
			return;
		}
		throw new InputError(`--save ${path}: cannot check the file (${describe(error)})`);
	}
	// a model is a JSON object with "format": "mnist-tui-model" (first, as saved here); text that merely mentions it is not
	const model = new RegExp(`^\\s*\\{[^]*"format"\\s*:\\s*"${modelFormat}"`);
	if (head.length > 0 && !model.test(head)) {
		throw new InputError(`--save ${path}: the file exists and is not an mnist-tui model; refusing to overwrite it`);
	}
}

function temporaryName(path: string, pid: number): string {
	return join(dirname(path), `.${basename(path)}.${pid}.tmp`);
}

/**
 * Removes the temporary files of saves to `path` that never finished: this
 * process's, and those of processes that no longer exist (a live writer's
 * file is left alone). Nothing else in the folder is touched.
 */
export function removeStaleTemporaries(path: string): void {
	const prefix = `.${basename(path)}.`;
	let names: string[];
	try {
		names = readdirSync(dirname(path));
	} catch {
		return;
	}
	for (const name of names) {
		if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue;
		const pid = name.slice(prefix.length, -'.tmp'.length);
		if (!/^\d+$/.test(pid) || (Number(pid) !== process.pid && isRunning(Number(pid)))) continue;
		rmSync(join(dirname(path), name), {force: true});
	}
}

function isRunning(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		// EPERM: it runs, as another user
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/** Makes the rename itself durable; where a folder cannot be opened (Windows) the rename stands as it is. */
function syncFolder(folder: string): void {
	let fd: number | undefined;
	try {
		fd = openSync(folder, 'r');
		fsyncSync(fd);
	} catch {
		// best effort
	} finally {
		if (fd !== undefined) closeSync(fd);
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
