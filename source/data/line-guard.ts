import {Transform, type TransformCallback} from 'node:stream';
import {InputError} from '../errors.js';

/**
 * Passes a text stream through unchanged, and stops it with an InputError
 * naming the line as soon as one line is longer than `maxBytes`, before a
 * parser downstream builds anything from it (a line of fifty million
 * commas would be fifty million empty cells).
 */
export function lineGuard(file: string, maxBytes: number, problem: string): Transform {
	let line = 1;
	let lineBytes = 0;
	return new Transform({
		transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
			for (let start = 0; start < chunk.length; ) {
				const newline = chunk.indexOf(0x0a, start);
				const end = newline === -1 ? chunk.length : newline;
				lineBytes += end - start;
				if (lineBytes > maxBytes) return done(new InputError(`${file} line ${line}: ${problem}`));
				if (newline === -1) break;
				line++;
				lineBytes = 0;
				start = newline + 1;
			}
			done(null, chunk);
		},
	});
}
