/**
 * The built program (dist/cli.js) in a real 120x40 pseudo-terminal, made by
 * util-linux `script`, for measuring what a user sees and when.
 */
import {spawn} from 'node:child_process';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';

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
