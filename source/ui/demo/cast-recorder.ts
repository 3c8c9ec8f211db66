/**
 * `--record FILE.cast`: everything the program writes to the terminal, as an
 * asciicast v2 recording (`asciinema play FILE.cast`). Every write becomes one
 * output event, appended at once and synchronously, so a session that is
 * interrupted or killed still leaves a file that plays up to that moment.
 */
import {closeSync, writeSync} from 'node:fs';
import {StringDecoder} from 'node:string_decoder';
import {InputError} from '../../errors.js';
import {type FileKind, openWritten} from '../../files/written-files.js';

/** The first line of an asciicast v2 file. */
export interface CastHeader {
	readonly version: 2;
	readonly width: number;
	readonly height: number;
	/** Unix time in whole seconds when the recording began. */
	readonly timestamp: number;
	readonly title: string;
	readonly env?: Readonly<Record<string, string>>;
}

/** `o`: output written to the terminal; `r`: the terminal resized to "COLUMNSxROWS". */
export type CastEventType = 'o' | 'r';

export const castHeaderLine = (header: CastHeader): string => JSON.stringify(header);

/** One event: `[seconds since the start, type, data]`, the time to the microsecond. */
export const castEventLine = (seconds: number, type: CastEventType, data: string): string =>
	JSON.stringify([Math.round(seconds * 1e6) / 1e6, type, data]);

/** What --record writes: an asciicast, to a file or streamed to a pipe or a terminal; an existing file only when mnist-tui recorded it. */
export const castFileKind: FileKind = {
	name: 'an asciicast recorded by mnist-tui',
	streams: true,
	recognise(head) {
		try {
			const header: unknown = JSON.parse(head.split('\n')[0]!);
			const {version, title} = header as Partial<CastHeader>;
			return typeof header === 'object' && header !== null && version === 2 && typeof title === 'string' && title.startsWith('mnist-tui');
		} catch {
			return false;
		}
	},
};

export interface Recording {
	/** The error that stopped the recording early (a full disk), if any. */
	readonly error: () => Error | undefined;
	/** Stops recording and closes the file; the streams write as before. */
	stop(): void;
}

type Write = NodeJS.WriteStream['write'];

/**
 * Records what `terminal` (and every stream in `alsoFrom`, e.g. stderr on the
 * same terminal) is given to write from now on. A file that cannot be created
 * is an InputError, raised before anything is written.
 */
export function recordTerminal(
	path: string,
	title: string,
	terminal: NodeJS.WriteStream,
	alsoFrom: readonly NodeJS.WriteStream[] = [],
): Recording {
	let file: number | undefined;
	try {
		file = openWritten(path, castFileKind);
	} catch (error) {
		throw new InputError(`--record ${path}: cannot create the file (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
	}
	const started = performance.now();
	let failure: Error | undefined;
	const append = (line: string) => {
		if (file === undefined) return;
		try {
			writeSync(file, `${line}\n`);
		} catch (error) {
			failure = error as Error;
			stop();
		}
	};
	const event = (type: CastEventType, data: string) => append(castEventLine((performance.now() - started) / 1000, type, data));

	const size = () => ({width: terminal.columns || 80, height: terminal.rows || 24});
	append(
		castHeaderLine({
			version: 2,
			...size(),
			timestamp: Math.floor(Date.now() / 1000),
			title,
			...(process.env.TERM ? {env: {TERM: process.env.TERM}} : {}),
		}),
	);

	// a terminal turns each "\n" into "\r\n" (ONLCR, on in raw mode too): record what it shows
	const restores = [terminal, ...alsoFrom].map(stream =>
		tap(stream, text => event('o', stream.isTTY ? text.replaceAll('\n', '\r\n') : text)),
	);
	const onResize = () => {
		const {width, height} = size();
		event('r', `${width}x${height}`);
	};
	terminal.on('resize', onResize);

	function stop() {
		if (file === undefined) return;
		const closing = file;
		file = undefined;
		for (const restore of restores) restore();
		terminal.off('resize', onResize);
		closeSync(closing);
	}
	return {error: () => failure, stop};
}

/** Calls `seen` with the text of every write to `stream`, before it is written; returns the undo. */
function tap(stream: NodeJS.WriteStream, seen: (text: string) => void): () => void {
	const original = stream.write;
	// a character split across two Buffer writes is joined before it is recorded
	const decoder = new StringDecoder('utf8');
	const write = function (this: NodeJS.WriteStream, chunk: string | Uint8Array, ...rest: unknown[]) {
		const encoding = typeof rest[0] === 'string' ? (rest[0] as BufferEncoding) : 'utf8';
		const text =
			typeof chunk === 'string'
				? encoding === 'utf8' || encoding === 'utf-8'
					? chunk
					: Buffer.from(chunk, encoding).toString('utf8')
				: decoder.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
		if (text !== '') seen(text);
		return (original as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
	};
	stream.write = write as Write;
	return () => {
		stream.write = original;
	};
}
