/**
 * Reads a --log file back into runs. The file is JSON Lines: every line a
 * JSON object; a run is a start event and the epoch, control and done
 * events after it. --log appends, so a file can hold several runs: the last
 * one is the one read (`runs` says how many there were), because that is the
 * run the file was just written for. Lines of other events (or other tools') are
 * passed over. A problem is an InputError naming the file and the line.
 */
import {createReadStream} from 'node:fs';
import {createInterface} from 'node:readline';
import {unreadable} from '../data/input-file.js';
import {lineGuard} from '../data/line-guard.js';
import {InputError} from '../errors.js';
import {
	FieldProblem,
	type LoggedControl,
	type LoggedDone,
	type LoggedEpoch,
	type LoggedStart,
	loggedControl,
	loggedDone,
	loggedEpoch,
	loggedStart,
} from './logged-events.js';

export interface LoggedRun {
	/** The file, as given. */
	readonly file: string;
	/** Which run of the file this is (1-based), of how many. */
	readonly run: number;
	readonly runs: number;
	readonly start: LoggedStart;
	readonly epochs: readonly LoggedEpoch[];
	/** The changes made from the dashboard while it trained, in order. */
	readonly controls: readonly LoggedControl[];
	/** Null when the log ends before the run did (it was still running, or was killed). */
	readonly done: LoggedDone | null;
}

/** A line of step losses for a run of a million one-image steps is ~15 MB; nothing a log holds needs more. */
const maxLineBytes = 64 * 1024 * 1024;

export async function readRunLog(file: string): Promise<LoggedRun> {
	const input = createReadStream(file);
	const opened = new Promise<void>((resolve, reject) => {
		input.once('open', () => resolve());
		input.once('error', reject);
	});
	await opened.catch(error => unreadable(file, error));
	const guarded = input.pipe(lineGuard(file, maxLineBytes, 'a line longer than any --log line'));
	input.once('error', error => guarded.destroy(error));
	const lines: string[] = [];
	try {
		for await (const line of createInterface({input: guarded, crlfDelay: Number.POSITIVE_INFINITY})) lines.push(line);
	} catch (error) {
		if (error instanceof InputError) throw error;
		unreadable(file, error);
	}
	return lastRun(file, lines);
}

/** The last run of a log's lines (exported for the tests). */
export function lastRun(file: string, lines: readonly string[]): LoggedRun {
	let runs = 0;
	let current: {start: LoggedStart; epochs: LoggedEpoch[]; controls: LoggedControl[]; done: LoggedDone | null; line: number} | undefined;
	lines.forEach((line, index) => {
		const at = `${file} line ${index + 1}`;
		if (line.trim() === '') return;
		const event = parseObject(line, at);
		try {
			switch (event.event) {
				case 'start':
					runs++;
					current = {start: loggedStart(event), epochs: [], controls: [], done: null, line: index + 1};
					return;
				case 'epoch':
				case 'control':
				case 'done': {
					if (!current) throw new InputError(`${at}: ${event.event} event before any start event`);
					if (current.done) throw new InputError(`${at}: ${event.event} event after the run's done event (line ${current.line}'s run)`);
					const classes = current.start.classes.length;
					if (event.event === 'done') current.done = loggedDone(event, classes);
					else if (event.event === 'control') current.controls.push(loggedControl(event));
					else current.epochs.push(loggedEpoch(event, classes));
					return;
				}
				default:
					return;
			}
		} catch (error) {
			if (error instanceof FieldProblem) throw new InputError(`${at}: ${event.event} event: ${error.message}`);
			throw error;
		}
	});
	if (!current) throw new InputError(`${file}: no start event (not a log written by mnist-tui --log)`);
	const {start, epochs, controls, done} = current;
	return {file, run: runs, runs, start, epochs, controls, done};
}

function parseObject(line: string, at: string): Readonly<Record<string, unknown>> {
	let value: unknown;
	try {
		value = JSON.parse(line);
	} catch {
		throw new InputError(`${at}: not JSON (a --log file holds one JSON object per line)`);
	}
	if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new InputError(`${at}: not a JSON object`);
	return value as Readonly<Record<string, unknown>>;
}
