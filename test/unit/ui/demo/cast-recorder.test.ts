import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {Writable} from 'node:stream';
import {describe, test} from 'node:test';
import {InputError} from '../../../../source/errors.js';
import {castEventLine, castHeaderLine, recordTerminal} from '../../../../source/ui/demo/cast-recorder.js';
import {temporaryFolder} from '../../../helpers/paths.js';

/** A stream that keeps what it is given, sized and flagged like a terminal when `isTTY`. */
function screen(isTTY: boolean): NodeJS.WriteStream & {shown: string} {
	const chunks: Buffer[] = [];
	const stream = new Writable({
		write(chunk: Buffer, _encoding, done) {
			chunks.push(chunk);
			done();
		},
	}) as unknown as NodeJS.WriteStream & {shown: string};
	Object.assign(stream, {isTTY, columns: 90, rows: 25});
	Object.defineProperty(stream, 'shown', {get: () => Buffer.concat(chunks).toString('utf8')});
	return stream;
}

const lines = (path: string) =>
	readFileSync(path, 'utf8')
		.trimEnd()
		.split('\n')
		.map(line => JSON.parse(line) as unknown);

describe('asciicast v2 lines', () => {
	test('a header is one JSON object, an event a [seconds, type, data] array with escapes kept', () => {
		assert.equal(
			castHeaderLine({version: 2, width: 100, height: 30, timestamp: 1_700_000_000, title: 'mnist-tui --demo'}),
			'{"version":2,"width":100,"height":30,"timestamp":1700000000,"title":"mnist-tui --demo"}',
		);
		assert.equal(castEventLine(1.23456789, 'o', '\u001B[?1049h✓\r\n'), '[1.234568,"o","\\u001b[?1049h✓\\r\\n"]');
		assert.equal(castEventLine(2, 'r', '80x24'), '[2,"r","80x24"]');
	});
});

describe('recordTerminal', () => {
	test('records every write, strings and bytes, as the terminal shows it, and stops on request', () => {
		const path = join(temporaryFolder(), 'out.cast');
		const terminal = screen(true);
		const recording = recordTerminal(path, 'a title', terminal);
		terminal.write('one\ntwo');
		const check = Buffer.from('✓');
		terminal.write(check.subarray(0, 1));
		terminal.write(check.subarray(1));
		terminal.emit('resize');
		recording.stop();
		terminal.write('after');
		assert.equal(terminal.shown, 'one\ntwo✓after', 'the terminal gets what it got before');
		const [header, ...events] = lines(path) as [Record<string, unknown>, ...[number, string, string][]];
		assert.deepEqual(
			{...header, timestamp: 0, env: undefined},
			{version: 2, width: 90, height: 25, timestamp: 0, title: 'a title', env: undefined},
		);
		assert.deepEqual(
			events.map(([, type, data]) => [type, data]),
			[
				['o', 'one\r\ntwo'],
				['o', '✓'],
				['r', '90x25'],
			],
			'a newline is drawn as CR LF; a character split over two writes is one',
		);
		assert.equal(recording.error(), undefined);
	});

	test('output that is not a terminal is recorded as written', () => {
		const path = join(temporaryFolder(), 'out.cast');
		const pipe = screen(false);
		recordTerminal(path, 't', pipe).stop();
		const recording = recordTerminal(path, 't', pipe);
		pipe.write('a\nb');
		recording.stop();
		assert.deepEqual(
			(lines(path).slice(1) as [number, string, string][]).map(event => event[2]),
			['a\nb'],
		);
	});

	test('a file that cannot be created is an InputError naming the flag and the file', () => {
		const path = join(temporaryFolder(), 'missing', 'x.cast');
		assert.throws(
			() => recordTerminal(path, 't', screen(true)),
			(error: unknown) => error instanceof InputError && error.message === `--record ${path}: cannot create the file (ENOENT)`,
		);
	});
});
