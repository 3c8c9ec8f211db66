import {spawn} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {root} from './cli-helpers.js';

const cli = join(root, 'dist', 'cli.js');

export const leaveAlternateScreen = '\u001B[?1049l';
export const enterAlternateScreen = '\u001B[?1049h';
export const showCursor = '\u001B[?25h';

export interface TerminalRun {
	/** Everything written to the terminal so far. */
	output: string;
	/** Resolves once the output (from `from` on) matches. */
	waitFor(pattern: RegExp, from?: number): Promise<void>;
	/** Types into the terminal. */
	write(text: string): void;
	/** Sends a signal to the program itself (not to the terminal's process group), `times` times in a row. */
	signal(signal: NodeJS.Signals, times?: number): Promise<void>;
	/** The program's exit code and the terminal's modes after it ended (`stty -a`). */
	readonly ended: Promise<{code: number; output: string; stty: string}>;
}

/**
 * The built program in a real pseudo-terminal (util-linux `script`) of the
 * given size, started from a shell that reports the program's exit code and
 * then the terminal's modes, so a test can check raw mode was turned off.
 */
export function runInTerminal(
	args: readonly string[],
	{
		columns = 120,
		rows = 40,
		env = {},
		timeoutMs = 60_000,
		stdinNull = false,
	}: {columns?: number; rows?: number; env?: Record<string, string>; timeoutMs?: number; stdinNull?: boolean} = {},
): TerminalRun {
	const quoted = [process.execPath, cli, ...args].map(part => `'${part.replaceAll("'", "'\\''")}'`).join(' ');
	const shell = `echo "shell $$"; stty cols ${columns} rows ${rows}; ${quoted}${stdinNull ? ' </dev/null' : ''}; echo "exit $?"; stty -a`;
	const child = spawn('script', ['-qfec', `sh -c '${shell.replaceAll("'", "'\\''")}'`, '/dev/null'], {
		cwd: root,
		stdio: ['pipe', 'pipe', 'inherit'],
		env: {...process.env, TERM: 'xterm-256color', FORCE_COLOR: '0', ...env},
	});
	const waiters: {pattern: RegExp; from: number; resolve: () => void}[] = [];
	const check = () => {
		for (const waiter of [...waiters]) {
			if (!waiter.pattern.test(run.output.slice(waiter.from))) continue;
			waiters.splice(waiters.indexOf(waiter), 1);
			waiter.resolve();
		}
	};
	const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
	const run: TerminalRun = {
		output: '',
		waitFor: (pattern, from = 0) =>
			new Promise(resolve => {
				waiters.push({pattern, from, resolve});
				check();
			}),
		write: text => child.stdin.write(text),
		async signal(signal, times = 1) {
			await run.waitFor(/shell \d+/);
			const shellPid = /shell (\d+)/.exec(run.output)![1]!;
			const children = readFileSync(`/proc/${shellPid}/task/${shellPid}/children`, 'utf8').trim().split(/\s+/);
			for (let i = 0; i < times; i++) process.kill(Number(children[0]), signal);
		},
		ended: new Promise((resolve, reject) => {
			child.on('close', () => {
				clearTimeout(timer);
				const match = /exit (\d+)\r?\n([\s\S]*)$/.exec(run.output);
				if (!match) reject(new Error(`the program did not end in ${timeoutMs} ms:\n${run.output.slice(-2000)}`));
				else resolve({code: Number(match[1]), output: run.output.slice(0, match.index), stty: match[2]!});
			});
		}),
	};
	child.stdout.setEncoding('utf8').on('data', (text: string) => {
		run.output += text;
		check();
	});
	return run;
}

/** True when `stty -a` shows a cooked terminal: line editing, echo and signals on. */
export const cookedMode = (stty: string): boolean =>
	['icanon', 'echo', 'isig'].every(flag => new RegExp(`(^|\\s)${flag}(\\s|$)`).test(stty));
