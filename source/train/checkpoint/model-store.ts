import {closeSync, fsyncSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeSync} from 'node:fs';
import {basename, dirname, join} from 'node:path';
import {InputError} from '../../errors.js';
import {checkWrittenFiles, type FileKind, type ReadFile} from '../../files/written-files.js';
import type {Backend, BackendChoice} from '../../nn/backend/backend.js';
import {type Model, modelFormat, parseModel} from '../../nn/model-file.js';

/** Model files larger than this are refused before they are read. */
export const maxModelBytes = 256 * 1024 * 1024;

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
 * (kill -9) at any moment; `flag` names the path in an error. Such a kill leaves the temporary file behind; it
 * is named after the target and the writer's process id
 * (`.model.json.1234.tmp`), so the next save beside it, or the next run's
 * check of the target, recognises and removes it.
 */
export function writeModelFile(path: string, text: string, flag = '--save'): void {
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
		throw new InputError(`${flag} ${path}: cannot write the model (${describe(error)})`);
	}
}

/**
 * What --save writes: an mnist-tui model, a regular file only (saved through
 * a temporary file beside it, `.NAME.PID.tmp`, then renamed). An existing
 * file is a model when it is a JSON object with "format": "mnist-tui-model"
 * (first, as saved here); text that merely mentions it is not.
 */
export const modelFileKind: FileKind = {
	name: 'an mnist-tui model',
	streams: false,
	recognise: head => new RegExp(`^\\s*\\{[^]*"format"\\s*:\\s*"${modelFormat}"`).test(head),
	// the longest process id Linux hands out has 7 digits
	temporaryName: name => basename(temporaryName(name, 4_194_304)),
};

/**
 * Refuses a --save path (named by `flag`) that would destroy a user's file:
 * anything but a model or a new file in a writable folder, or a file the run
 * reads (`inputs`). Removes the save's stale temporary files first.
 */
export function checkSaveTarget(path: string, inputs: readonly ReadFile[] = [], flag = '--save'): void {
	removeStaleTemporaries(path);
	checkWrittenFiles([{flag, path, kind: modelFileKind}], inputs);
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

function describe(error: unknown): string {
	const code = (error as NodeJS.ErrnoException).code;
	return code ?? (error as Error).message;
}
