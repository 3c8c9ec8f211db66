import {closeSync, constants, createReadStream, openSync, type Stats, statSync} from 'node:fs';
import {Socket} from 'node:net';
import type {Readable} from 'node:stream';
import {isatty, ReadStream as TerminalStream} from 'node:tty';
import {unreadable} from './input-file.js';

/**
 * The bytes of a data file as a stream. A file (or a folder or a device,
 * which fail or end as they are read) is read in large chunks. A pipe
 * (`--train <(zcat …)`, a FIFO) or a terminal is opened without waiting and
 * read as the event loop sees data: waiting for a writer that has not come
 * never ties up a thread, so Ctrl-C ends the program at once (a thread
 * stuck opening a FIFO would hold the exit).
 */
export function openInputStream(file: string): Readable {
	let info: Stats;
	try {
		info = statSync(file);
	} catch (error) {
		return unreadable(file, error);
	}
	if (!info.isFIFO() && !info.isSocket() && !info.isCharacterDevice()) return readFile(file);
	let fd: number;
	try {
		fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
	} catch (error) {
		return unreadable(file, error);
	}
	if (info.isFIFO() || info.isSocket()) return new Socket({fd, readable: true, writable: false});
	if (isatty(fd)) return new TerminalStream(fd);
	closeSync(fd);
	return readFile(file);
}

const readFile = (file: string): Readable => createReadStream(file, {highWaterMark: 1 << 20});
