/**
 * Nothing the user has is destroyed: every path the program is about to
 * write is checked, all together and before anything is opened, truncated
 * or trained. No two of them, and none of them and an input, may be the same
 * file, however spelled; a file is overwritten only when it is of the
 * writer's own kind; a pipe, a FIFO or a device is taken only where output
 * may stream, and is never opened in a way that could block. Each problem is
 * one InputError naming the flag and the file.
 */
import {accessSync, closeSync, constants, openSync, readSync} from 'node:fs';
import {basename, dirname} from 'node:path';
import {InputError} from '../errors.js';
import {identify} from './file-identity.js';

/** What a writer writes, and how to tell an existing file of that kind. */
export interface FileKind {
	/** As a message says it: "an mnist-tui model". */
	readonly name: string;
	/** True when output may stream to a pipe, a FIFO or a terminal (a log, a recording); false: a regular file only. */
	readonly streams: boolean;
	/** Whether an existing, non-empty file is of this kind, from its first and last bytes. */
	recognise(head: string, tail: string): boolean;
	/** True when the writer only ever appends (a log): an existing file is kept and added to. */
	readonly appends?: boolean;
	/** Characters the writer adds to the name for a file beside it (an atomic save's temporary file). */
	readonly temporaryName?: (name: string) => string;
}

export interface WrittenFile {
	/** The flag that named it: "--save". */
	readonly flag: string;
	readonly path: string;
	readonly kind: FileKind;
	/** The run reads it, as its kind, before it writes it (the checkpoint --resume continues): reading tells a file of another kind. */
	readonly readFirst?: boolean;
}

export interface ReadFile {
	readonly path: string;
	/** How a message names it: "--model m.json", "mnist/t10k-images-idx3-ubyte (in --data mnist)". */
	readonly what: string;
}

/** Bytes read from each end of an existing file to tell its kind. */
const peekBytes = 64 * 1024;
/** The longest file name most file systems take (NAME_MAX), in bytes. */
const longestName = 255;

/**
 * Throws the first problem as an InputError. An input may also be named as
 * an output where it is meant to be written (--resume's checkpoint, which
 * --save writes back to): leave it out of `inputs`.
 */
export function checkWrittenFiles(outputs: readonly WrittenFile[], inputs: readonly ReadFile[]): void {
	// the same file twice first: that is the problem to name, whatever else is wrong with it
	const ids = outputs.map(output => identify(output.path).id);
	outputs.forEach((output, index) => {
		const id = ids[index];
		if (id === undefined) return;
		const earlier = outputs.findIndex((_, other) => other < index && ids[other] === id);
		if (earlier >= 0) {
			const other = outputs[earlier]!;
			throw new InputError(`${output.flag} ${output.path}: the same file as ${other.flag} ${other.path}; give each its own file`);
		}
		const input = inputs.find(candidate => identify(candidate.path).id === id);
		if (input)
			throw new InputError(`${output.flag} ${output.path}: the same file as ${input.what}, which the run reads; write somewhere else`);
	});
	for (const output of outputs) checkOne(output);
}

function checkOne({flag, path, kind, readFirst = false}: WrittenFile): void {
	const where = `${flag} ${path}`;
	const facts = identify(path);
	switch (facts.type) {
		case 'missing':
			checkFolder(where, path, kind);
			break;
		case 'file':
			if (!writable(path)) throw new InputError(`${where}: the file cannot be written (permission denied)`);
			if (kind.temporaryName) checkFolder(where, path, kind);
			if (facts.size > 0 && !readFirst && !isOfKind(path, facts.size, kind)) {
				throw new InputError(
					`${where}: the file exists and is not ${kind.name}; refusing to ${kind.appends ? 'append to' : 'overwrite'} it`,
				);
			}
			break;
		case 'fifo':
		case 'device':
			if (!kind.streams) throw new InputError(`${where}: is a ${facts.type === 'fifo' ? 'pipe' : 'device'}, expected a file name`);
			checkStream(where, path, facts.type, kind);
			break;
		case 'folder':
			throw new InputError(`${where}: is a folder, expected a file name`);
		case 'socket':
		case 'other':
			throw new InputError(
				`${where}: is a ${facts.type === 'socket' ? 'socket' : 'special file'}, expected a file name${kind.streams ? ', a pipe or a terminal' : ''}`,
			);
	}
}

/** A new file: its folder exists and takes files, and the names fit. */
function checkFolder(where: string, path: string, kind: FileKind): void {
	const folder = dirname(path);
	const folderFacts = identify(folder);
	if (folderFacts.type === 'missing') throw new InputError(`${where}: the folder ${folder} does not exist`);
	if (folderFacts.type !== 'folder') throw new InputError(`${where}: ${folder} is not a folder`);
	if (!writable(folder, constants.W_OK | constants.X_OK)) throw new InputError(`${where}: the folder ${folder} cannot be written`);
	const name = basename(path);
	const longest = kind.temporaryName ? kind.temporaryName(name) : name;
	if (Buffer.byteLength(longest) > longestName) {
		throw new InputError(
			`${where}: the name is too long${kind.temporaryName ? ' for a temporary file beside it' : ''} (at most ${longestName} bytes)`,
		);
	}
}

/**
 * A pipe must have a reader, a device must take writes. A pipe is opened
 * without waiting (O_NONBLOCK: no reader is ENXIO at once), then, while that
 * probe holds it, opened again for the writer (which cannot wait: the reader
 * is there) and kept for openWritten. Closing a probe would tell the reader
 * the output has ended.
 */
function checkStream(where: string, path: string, type: 'fifo' | 'device', kind: FileKind): void {
	if (!writable(path)) throw new InputError(`${where}: cannot be written (permission denied)`);
	if (type !== 'fifo') return;
	let probe: number | undefined;
	try {
		probe = openSync(path, constants.O_WRONLY | constants.O_NONBLOCK);
		held.set(path, openSync(path, openFlags(kind)));
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		throw new InputError(
			code === 'ENXIO' ? `${where}: no one reads from the pipe` : `${where}: cannot be opened (${code ?? String(error)})`,
		);
	} finally {
		if (probe !== undefined) closeSync(probe);
	}
}

/** Pipes opened by the check, by path, until their writer takes them. */
const held = new Map<string, number>();

const openFlags = (kind: FileKind): string => (kind.appends ? 'a' : 'w');

/**
 * Opens a checked output for its writer: the pipe the check opened, else the
 * file (appended to or truncated, as its kind says). Call checkWrittenFiles first.
 */
export function openWritten(path: string, kind: FileKind): number {
	const fd = held.get(path);
	if (fd !== undefined) {
		held.delete(path);
		return fd;
	}
	return openSync(path, openFlags(kind));
}

function writable(path: string, mode = constants.W_OK): boolean {
	try {
		accessSync(path, mode);
		return true;
	} catch {
		return false;
	}
}

/** Reads the first and last bytes of a regular file (which never blocks) and asks the kind. */
function isOfKind(path: string, size: number, kind: FileKind): boolean {
	const fd = openSync(path, 'r');
	try {
		const read = (position: number, length: number) => {
			const buffer = Buffer.alloc(length);
			const got = readSync(fd, buffer, 0, length, position);
			return buffer.subarray(0, got).toString('utf8');
		};
		const head = read(0, Math.min(size, peekBytes));
		const tail = size > peekBytes ? read(size - peekBytes, peekBytes) : head;
		return kind.recognise(head, tail);
	} finally {
		closeSync(fd);
	}
}
