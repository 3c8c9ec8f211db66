import {type FileHandle, open, stat} from 'node:fs/promises';
import {createGunzip} from 'node:zlib';
import {InputError} from '../errors.js';
import {IMAGE_COLUMNS, IMAGE_ROWS} from './dataset.js';
import {MAX_IMAGES, unreadable} from './input-file.js';

/** Images from an IDX file; `images` is a view into the file's bytes, not a copy. */
export interface IdxImages {
	readonly images: Uint8Array;
	readonly count: number;
	readonly rows: number;
	readonly columns: number;
}

type Kind = 'images' | 'labels';

const formats = {
	images: {magic: 0x00_00_08_03, headerSize: 16, other: 'labels'},
	labels: {magic: 0x00_00_08_01, headerSize: 8, other: 'images'},
} as const;

interface Header {
	readonly kind: Kind;
	readonly count: number;
	readonly rows: number;
	readonly columns: number;
	/** Header plus data: the exact size the file must have. */
	readonly fileSize: number;
}

/** Parses a whole IDX images file (magic 0x00000803, count, rows, columns, pixels). */
export function parseIdxImages(bytes: Uint8Array, file: string): IdxImages {
	const header = parseHeader('images', bytes, file);
	checkSize(header, bytes.length, file, 'the file');
	const images = new Uint8Array(bytes.buffer, bytes.byteOffset + formats.images.headerSize, header.fileSize - formats.images.headerSize);
	return {images, count: header.count, rows: header.rows, columns: header.columns};
}

/** Parses a whole IDX labels file (magic 0x00000801, count, one byte per label 0-9). */
export function parseIdxLabels(bytes: Uint8Array, file: string): Uint8Array {
	const header = parseHeader('labels', bytes, file);
	checkSize(header, bytes.length, file, 'the file');
	const labels = new Uint8Array(bytes.buffer, bytes.byteOffset + formats.labels.headerSize, header.count);
	for (let index = 0; index < labels.length; index++) {
		const label = labels[index]!;
		if (label > 9) throw new InputError(`${file}: record ${index + 1} of ${header.count} holds label ${label}, expected 0-9`);
	}
	return labels;
}

/**
 * Reads an IDX images file from disk, raw or gzip-compressed; into `room`
 * when the whole file fits there (the kernels' memory, see load.ts).
 */
export async function readIdxImages(file: string, room?: Uint8Array): Promise<IdxImages> {
	return parseIdxImages(await readIdx('images', file, room), file);
}

/** Reads an IDX labels file from disk, raw or gzip-compressed. */
export async function readIdxLabels(file: string): Promise<Uint8Array> {
	return parseIdxLabels(await readIdx('labels', file), file);
}

export const isGzip = (head: Uint8Array): boolean => head[0] === 0x1f && head[1] === 0x8b;

/** Reads the file's bytes (decompressed), refusing a bad header before reading the rest. */
async function readIdx(kind: Kind, file: string, room?: Uint8Array): Promise<Uint8Array> {
	// opening a pipe could wait for a writer on a thread that nothing can stop (a folder fails as it is read)
	const info = await stat(file).catch((error: unknown) => unreadable(file, error));
	if (!info.isFile() && !info.isDirectory())
		throw new InputError(`${file}: not a regular file; IDX files are read from files (a pipe may carry CSV)`);
	const handle = await open(file, 'r').catch((error: unknown) => unreadable(file, error));
	try {
		const {size} = await handle.stat();
		const head = new Uint8Array(Math.min(size, formats[kind].headerSize));
		await handle.read(head, 0, head.length, 0);
		if (isGzip(head)) {
			// Compressed data is never larger than the biggest file it may hold, plus slack.
			if (size > largestFileSize(kind) + 1_048_576) throw new InputError(`${file}: ${size} bytes is far too large for an IDX ${kind} file`);
			return await gunzipIdx(kind, await readAll(handle, size, file), file, room);
		}
		checkSize(parseHeader(kind, head, file), size, file, 'the file');
		return await readAll(handle, size, file, room);
	} catch (error) {
		if (error instanceof InputError) throw error;
		return unreadable(file, error);
	} finally {
		await handle.close();
	}
}

async function readAll(handle: FileHandle, size: number, file: string, room?: Uint8Array): Promise<Uint8Array> {
	const bytes = placed(size, room);
	let filled = 0;
	while (filled < size) {
		const {bytesRead} = await handle.read(bytes, filled, size - filled, filled);
		if (bytesRead === 0) throw new InputError(`${file}: the file got shorter while it was read`);
		filled += bytesRead;
	}
	return bytes;
}

/**
 * Decompresses as a stream: the header, once decompressed, says exactly how
 * many bytes may follow, so a gzip bomb stops at that size instead of eating
 * memory. The data is kept as it comes when the gzip trailer agrees with the
 * header (its last four bytes: the size, modulo 2^32, of the last member);
 * otherwise it is first only counted, so a header that promises a million
 * images over a gigabyte of zeros costs no memory, and a file of several
 * gzip members that does hold what it announces is read in a second pass.
 */
async function gunzipIdx(kind: Kind, compressed: Uint8Array, file: string, room?: Uint8Array, keepAnyway = false): Promise<Uint8Array> {
	const gunzip = createGunzip({chunkSize: 1 << 20});
	gunzip.end(compressed);
	let pending: Uint8Array = new Uint8Array(0);
	let header: Header | undefined;
	let bytes: Uint8Array | undefined;
	let filled = 0;
	try {
		for await (const chunk of gunzip as AsyncIterable<Buffer>) {
			let data: Uint8Array = chunk;
			if (!header) {
				pending = concat(pending, chunk);
				if (pending.length < formats[kind].headerSize) continue;
				header = parseHeader(kind, pending, file);
				if (keepAnyway || trailerSize(compressed) === header.fileSize % 2 ** 32) bytes = placed(header.fileSize, room);
				data = pending;
			}
			if (filled + data.length > header.fileSize)
				throw new InputError(`${file}: ${announcement(header)} but the decompressed file holds more`);
			bytes?.set(data, filled);
			filled += data.length;
		}
	} catch (error) {
		const code = (error as {code?: unknown}).code;
		if (typeof code !== 'string' || !code.startsWith('Z_')) throw error;
		throw new InputError(`${file}: corrupt or truncated gzip data (${(error as Error).message})`);
	} finally {
		gunzip.destroy();
	}
	// Data shorter than a header never set `header`: parsing it now reports why.
	header ??= parseHeader(kind, pending, file);
	checkSize(header, filled, file, 'the decompressed file');
	return bytes ?? gunzipIdx(kind, compressed, file, room, true);
}

/** `size` bytes: the start of `room` where they fit there, else new ones. */
const placed = (size: number, room: Uint8Array | undefined): Uint8Array =>
	room && size <= room.length ? room.subarray(0, size) : new Uint8Array(size);

/** The gzip trailer's ISIZE: the uncompressed size of the last member, modulo 2^32. */
const trailerSize = (compressed: Uint8Array): number =>
	compressed.length < 18 ? -1 : new DataView(compressed.buffer, compressed.byteOffset + compressed.length - 4, 4).getUint32(0, true);

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
	const joined = new Uint8Array(a.length + b.length);
	joined.set(a);
	joined.set(b, a.length);
	return joined;
}

/** Validates magic number, shape and count from the first bytes of a file. */
function parseHeader(kind: Kind, head: Uint8Array, file: string): Header {
	const {magic, headerSize} = formats[kind];
	if (head.length === 0) throw new InputError(`${file}: the file is empty, expected an IDX ${kind} file`);
	const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
	if (head.length >= 4 && view.getUint32(0) !== magic) {
		const found = view.getUint32(0);
		throw new InputError(`${file}: not an IDX ${kind} file (magic ${hex(found)}, expected ${hex(magic)})${magicHint(kind, found, head)}`);
	}
	if (head.length < headerSize)
		throw new InputError(`${file}: too short for an IDX ${kind} header (${head.length} bytes, expected at least ${headerSize})`);
	const count = view.getUint32(4);
	const [rows, columns] = kind === 'images' ? [view.getUint32(8), view.getUint32(12)] : [1, 1];
	if (kind === 'images' && (rows !== IMAGE_ROWS || columns !== IMAGE_COLUMNS)) {
		throw new InputError(`${file}: images are ${rows}x${columns}, expected ${IMAGE_ROWS}x${IMAGE_COLUMNS}`);
	}
	if (count === 0) throw new InputError(`${file}: the header announces no ${kind}`);
	if (count > MAX_IMAGES) throw new InputError(`${file}: the header announces ${count} ${kind}, more than the ${MAX_IMAGES} accepted`);
	return {kind, count, rows, columns, fileSize: headerSize + count * rows * columns};
}

function checkSize(header: Header, actualSize: number, file: string, what: string): void {
	if (actualSize !== header.fileSize) throw new InputError(`${file}: ${announcement(header)} but ${what} holds ${actualSize} bytes`);
}

function announcement(header: Header): string {
	const items = `${header.count} ${header.count === 1 ? header.kind.slice(0, -1) : header.kind}`;
	const what = header.kind === 'images' ? `${items} of ${header.rows}x${header.columns}` : items;
	return `the header announces ${what} (${header.fileSize} bytes with the header)`;
}

const largestFileSize = (kind: Kind): number =>
	formats[kind].headerSize + MAX_IMAGES * (kind === 'images' ? IMAGE_ROWS * IMAGE_COLUMNS : 1);

const hex = (value: number): string => `0x${value.toString(16).padStart(8, '0')}`;

function magicHint(kind: Kind, found: number, head: Uint8Array): string {
	const other = formats[kind].other;
	if (found === formats[other].magic) return `; it looks like a${other === 'images' ? 'n' : ''} ${other} file given as ${kind}`;
	if (isGzip(head)) return '; it looks gzip-compressed';
	if (head.subarray(0, 4).every(byte => byte === 9 || byte === 10 || byte === 13 || (byte >= 32 && byte < 127)))
		return '; it looks like a text file';
	return '';
}
