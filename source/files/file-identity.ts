import {lstatSync, readlinkSync, realpathSync, statSync} from 'node:fs';
import {basename, dirname, resolve} from 'node:path';

/** What a path names, as the file system says: found without opening it, so a pipe or a device never blocks. */
export interface FileFacts {
	readonly type: 'missing' | 'file' | 'fifo' | 'device' | 'socket' | 'folder' | 'other';
	/**
	 * The same for every spelling of the same file (relative, absolute, `./`,
	 * a symlink, a hard link): device and inode when it exists, else the real
	 * folder and the name; undefined when even the folder cannot be resolved.
	 */
	readonly id: string | undefined;
	/** Bytes, for a file. */
	readonly size: number;
}

export function identify(path: string): FileFacts {
	let stats: ReturnType<typeof statSync>;
	try {
		stats = statSync(path);
	} catch {
		return {type: 'missing', id: missingId(path), size: 0};
	}
	const type = stats.isFile()
		? 'file'
		: stats.isFIFO()
			? 'fifo'
			: stats.isCharacterDevice() || stats.isBlockDevice()
				? 'device'
				: stats.isSocket()
					? 'socket'
					: stats.isDirectory()
						? 'folder'
						: 'other';
	return {type, id: `${stats.dev}:${stats.ino}`, size: stats.size};
}

/** A file not there yet: where it would be created, through a dangling symlink too. */
function missingId(path: string): string | undefined {
	let target = path;
	try {
		// a symlink whose target does not exist yet: writing to it creates the target
		if (lstatSync(path).isSymbolicLink()) target = resolve(dirname(path), readlinkSync(path));
	} catch {}
	try {
		return `path:${realpathSync(dirname(resolve(target)))}/${basename(target)}`;
	} catch {
		return undefined;
	}
}
