import {readFileSync, statSync} from 'node:fs';
import {unreadable} from '../../data/input-file.js';
import {InputError} from '../../errors.js';
import {longestTemporaryName, removeStaleTemporaries, writeFileAtomically} from '../../files/atomic-file.js';
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
		unreadable(path, error, flag);
	}
	if (size > maxModelBytes) {
		throw new InputError(`${flag} ${path}: ${size} bytes is more than a model file may have (${maxModelBytes})`);
	}
	return parseModel(readFileSync(path, 'utf8'), path, backend);
}

/**
 * Writes the model text atomically (files/atomic-file.ts): the target is always either the old or the new complete file;
 * `flag` names the path in an error.
 */
export function writeModelFile(path: string, text: string, flag = '--save'): void {
	try {
		writeFileAtomically(path, text);
	} catch (error) {
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
	temporaryName: longestTemporaryName,
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

function describe(error: unknown): string {
	const code = (error as NodeJS.ErrnoException).code;
	return code ?? (error as Error).message;
}
