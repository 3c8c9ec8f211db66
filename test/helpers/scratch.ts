import assert from 'node:assert/strict';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {after} from 'node:test';
import {InputError} from '../../source/errors.js';

/** A temporary folder for one test file, removed after it, and a way to write files into it. */
export function scratchFolder(prefix: string): {folder: string; write: (name: string, content: string | Uint8Array) => string} {
	const folder = mkdtempSync(path.join(os.tmpdir(), prefix));
	after(() => rmSync(folder, {recursive: true, force: true}));
	return {
		folder,
		write(name, content) {
			const file = path.join(folder, name);
			writeFileSync(file, content);
			return file;
		},
	};
}

/** The promise rejects with an InputError whose message is exactly `message`. */
export async function rejectsWith(promise: Promise<unknown>, message: string): Promise<void> {
	await assert.rejects(promise, (error: unknown) => {
		assert.ok(error instanceof InputError, `expected an InputError, got ${String(error)}`);
		assert.equal(error.message, message);
		return true;
	});
}
