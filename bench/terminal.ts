/**
 * The built program (dist/cli.js) in a real 120x40 pseudo-terminal, made by
 * util-linux `script`, for measuring what a user sees and when.
 */
import {spawn} from 'node:child_process';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {median} from './median.js';

const root = fileURLToPath(new URL('..', import.meta.url));
export const cli = join(root, 'dist', 'cli.js');

export interface Terminal {
	readonly started: number;
	/** The pid of `script`, whose child is the program. */
	readonly pid: number | undefined;
	output: string;
	write(text: string): void;
	waitFor(pattern: RegExp, after?: number): Promise<number>;
	done: Promise<void>;
}

/** The program in a 120x40 pseudo-terminal. */
export function inTerminal(args: string[]): Terminal {
	const command = ['stty cols 120 rows 40;', 'exec', process.execPath, cli, ...args]
		.map(part => (part.endsWith(';') ? part : `'${part}'`))
		.join(' ');
	const started = performance.now();
	const child = spawn('script', ['-qfec', command, '/dev/null'], {
		stdio: ['pipe', 'pipe', 'inherit'],
		env: {...process.env, TERM: 'xterm-256color'},
	});
	const waiters: {pattern: RegExp; from: number; resolve: (at: number) => void}[] = [];
	const terminal: Terminal = {
		started,
		pid: child.pid,
		output: '',
		write: text => child.stdin.write(text),
		waitFor: (pattern, after = 0) => new Promise(resolve => waiters.push({pattern, from: after, resolve})),
		done: new Promise(resolve => child.on('close', () => resolve())),
	};
	child.stdout.setEncoding('utf8').on('data', (text: string) => {
		terminal.output += text;
		const now = performance.now();
		for (const waiter of [...waiters]) {
			if (waiter.pattern.test(terminal.output.slice(waiter.from))) {
				waiters.splice(waiters.indexOf(waiter), 1);
				waiter.resolve(now);
			}
		}
	});
	return terminal;
}

/** Milliseconds from spawning the program to its first words on the screen, and to the first frame drawn by Ink (its header has the clock). */
export async function firstFrame(args: string[]): Promise<{words: number; ink: number}> {
	const terminal = inTerminal(args);
	const words = terminal.waitFor(/Loading MNIST/);
	const ink = terminal.waitFor(/elapsed/);
	const [wordsAt, inkAt] = await Promise.all([words, ink]);
	terminal.write('q');
	await terminal.done;
	return {words: wordsAt - terminal.started, ink: inkAt - terminal.started};
}

/** A run of the program in the terminal, launch to the frame that says it is done. */
export interface DashboardRun {
	readonly seed: number;
	/** Milliseconds from spawning the program to the first frame drawn by Ink. */
	readonly firstFrame: number;
	/** Seconds from spawning the program to the frame that says Done. */
	readonly done: number;
	/** The test accuracy that frame shows, in percent. */
	readonly accuracy: number;
}

const doneHeader = /Done.*?test accuracy (\d+\.\d+)%/;

/**
 * The default run as a user starts it (`mnist-tui --seed N`, nothing else) in
 * a 120x40 terminal: the times to its first frame and to the frame that says
 * Done, and the accuracy that frame shows; then q closes the dashboard.
 */
export async function doneFrame(seed: number): Promise<DashboardRun> {
	const terminal = inTerminal(['--seed', String(seed)]);
	const ended = terminal.done.then(() => {
		throw new Error(`mnist-tui --seed ${seed} ended before its done frame:\n${terminal.output.slice(-2000)}`);
	});
	const [inkAt, doneAt] = await Promise.race([Promise.all([terminal.waitFor(/elapsed/), terminal.waitFor(doneHeader)]), ended]);
	const accuracy = Number(doneHeader.exec(terminal.output)![1]);
	terminal.write('q');
	await terminal.done;
	return {seed, firstFrame: inkAt - terminal.started, done: (doneAt - terminal.started) / 1000, accuracy};
}

/** The default run once for each seed, one after another: the median time to the done frame, and the lowest accuracy. */
export async function measureDashboardRuns(seeds: readonly number[]): Promise<{
	runs: DashboardRun[];
	medianSeconds: number;
	lowestAccuracy: number;
}> {
	const runs: DashboardRun[] = [];
	for (const seed of seeds) runs.push(await doneFrame(seed));
	return {
		runs,
		medianSeconds: median(runs.map(run => run.done)),
		lowestAccuracy: Math.min(...runs.map(run => run.accuracy)),
	};
}
