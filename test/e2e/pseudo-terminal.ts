import {spawn} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {root} from '../helpers/paths.js';

const cli = join(root, 'dist', 'cli.js');

export const leaveAlternateScreen = '\u001B[?1049l';
export const enterAlternateScreen = '\u001B[?1049h';
export const showCursor = '\u001B[?25h';

export interface TerminalRun {
	/** Everything the terminal has shown so far. */
	readonly output: string;
	/** Resolves once the output (from `from` on) matches; rejects if the program ends first. */
	waitFor(pattern: RegExp, from?: number): Promise<void>;
	/** Types into the terminal. */
	write(text: string): void;
	/** Sends a signal to the program itself (not to the terminal's process group), `times` times in a row. */
	signal(signal: NodeJS.Signals, times?: number): Promise<void>;
	/** The program's exit code, what it showed (and nothing else), and the terminal's modes after it ended (`stty -a`). */
	readonly ended: Promise<{code: number; output: string; stty: string}>;
}

export interface TerminalOptions {
	readonly columns?: number;
	readonly rows?: number;
	/** Beside TERM=xterm-256color and FORCE_COLOR=0. */
	readonly env?: Record<string, string>;
	readonly timeoutMs?: number;
	/** stdin from /dev/null instead of the terminal. */
	readonly stdinNull?: boolean;
}

const quote = (word: string) => `'${word.replaceAll("'", "'\\''")}'`;

/**
 * The built program in a real pseudo-terminal (util-linux `script`) of the
 * given size, as a user would run it, started from a shell that reports its
 * process id, then the program's exit code and the terminal's modes, so a
 * test can signal the program alone and check raw mode was turned off.
 */
export function runInTerminal(
	args: readonly string[],
	{columns = 120, rows = 40, env = {}, timeoutMs = 90_000, stdinNull = false}: TerminalOptions = {},
): TerminalRun {
	const program = [process.execPath, cli, ...args].map(quote).join(' ');
	const shell = `echo "shell $$"; stty cols ${columns} rows ${rows}; ${program}${stdinNull ? ' </dev/null' : ''}; echo "exit $?"; stty -a`;
	const child = spawn('script', ['-qfec', `sh -c ${quote(shell)}`, '/dev/null'], {
		cwd: root,
		stdio: ['pipe', 'pipe', 'inherit'],
		env: {...process.env, TERM: 'xterm-256color', FORCE_COLOR: '0', ...env},
	});
	let output = '';
	const waiters = new Set<{pattern: RegExp; from: number; resolve: () => void}>();
	const check = () => {
		for (const waiter of waiters) {
			if (!waiter.pattern.test(output.slice(waiter.from))) continue;
			waiters.delete(waiter);
			waiter.resolve();
		}
	};
	child.stdout.setEncoding('utf8').on('data', (text: string) => {
		output += text;
		check();
	});
	const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
	const closed = new Promise<void>(resolve => child.on('close', () => resolve()));
	const ended = closed.then(() => {
		clearTimeout(timer);
		const start = /^shell \d+\r?\n/.exec(output);
		const end = /exit (\d+)\r?\n([\s\S]*)$/.exec(output);
		if (!start || !end) throw new Error(`the program did not end in ${timeoutMs} ms:\n${output.slice(-2000)}`);
		return {code: Number(end[1]), output: output.slice(start[0].length, end.index), stty: end[2]!};
	});
	const run: TerminalRun = {
		get output() {
			return output;
		},
		waitFor: (pattern, from = 0) =>
			new Promise((resolve, reject) => {
				waiters.add({pattern, from, resolve});
				check();
				void closed.then(() => reject(new Error(`the program ended before ${pattern} showed:\n${output.slice(-2000)}`)));
			}),
		write: text => child.stdin.write(text),
		async signal(signal, times = 1) {
			await run.waitFor(/shell \d+/);
			const shellPid = /shell (\d+)/.exec(output)![1]!;
			const children = readFileSync(`/proc/${shellPid}/task/${shellPid}/children`, 'utf8').trim().split(/\s+/);
			for (let i = 0; i < times; i++) process.kill(Number(children[0]), signal);
		},
		ended,
	};
	return run;
}

/** True when `stty -a` shows a cooked terminal: line editing, echo and signals on. */
export const cookedMode = (stty: string): boolean =>
	['icanon', 'echo', 'isig'].every(flag => new RegExp(`(^|\\s)${flag}(\\s|$)`).test(stty));
