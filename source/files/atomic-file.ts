/**
 * Writes a whole file atomically: a temporary file in the same folder,
 * flushed to disk, then renamed over the target, so the target is always
 * either the old or the new complete file, even if the process is killed
 * (kill -9) at any moment. Such a kill leaves the temporary file behind; it
 * is named after the target and the writer's process id
 * (`.model.json.1234.tmp`), so the next write beside it, or the next run's
 * check of the target, recognises and removes it.
 */
import {closeSync, fsyncSync, openSync, readdirSync, renameSync, rmSync, writeSync} from 'node:fs';
import {basename, dirname, join} from 'node:path';

/** Throws the file system's error as it is; the caller names the flag and the file. */
export function writeFileAtomically(path: string, text: string): void {
	const temporary = temporaryFileName(path, process.pid);
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
		throw error;
	}
}

/** `.NAME.PID.tmp` beside `path`. */
export function temporaryFileName(path: string, pid: number): string {
	return join(dirname(path), `.${basename(path)}.${pid}.tmp`);
}

/** The temporary name beside a file called `name`, as long as it can get: the longest process id Linux hands out has 7 digits. */
export const longestTemporaryName = (name: string): string => basename(temporaryFileName(name, 4_194_304));

/**
 * Removes the temporary files of writes to `path` that never finished: this
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
