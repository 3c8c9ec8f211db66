import {InputError} from '../errors.js';

/**
 * The most images one file may hold (784 MB of pixels). EMNIST's largest split
 * (697,932 images) fits; a header announcing more is treated as corrupt, so a
 * bad or hostile file cannot make the loader allocate without bound.
 */
export const MAX_IMAGES = 1_000_000;

/** Turns a failed open/read of `file` into an InputError; anything else is rethrown. */
export function unreadable(file: string, error: unknown, flag?: string): never {
	const code = (error as NodeJS.ErrnoException | undefined)?.code;
	// System errors (ENOENT, EACCES, …), not Node's own ERR_* programming errors.
	if (typeof code !== 'string' || !/^E[A-Z]+$/.test(code)) throw error;
	const where = flag ? `${flag} ${file}` : file;
	switch (code) {
		case 'ENOENT':
			throw new InputError(`${where}: no such file`);
		case 'EISDIR':
			throw new InputError(`${where}: is a folder, expected a file`);
		case 'ENOTDIR':
			throw new InputError(`${where}: a part of the path is not a folder`);
		case 'EACCES':
		case 'EPERM':
			throw new InputError(`${where}: permission denied`);
		default:
			throw new InputError(`${where}: cannot be read (${code})`);
	}
}
