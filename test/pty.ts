import {spawn} from 'node:child_process';
import {join} from 'node:path';
import {root} from './cli-helpers.js';

const cli = join(root, 'dist', 'cli.js');

export interface TerminalRun {
	/** Everything the terminal has shown so far, as the program's pseudo-terminal gave it. */
	readonly output: () => string;
	/** Types into the terminal. */
	type(keys: string): void;
	/** Resolves once the output shown after `from` (a length of `output()`) matches. */
	waitFor(pattern: RegExp, from?: number): Promise<void>;
	readonly exited: Promise<{code: number | null}>;
}

const quote = (word: string) => `'${word.replaceAll("'", "'\\''")}'`;

/**
 * The built program in a pseudo-terminal of `columns`x`rows` (util-linux
 * `script`), as a user would run it: stdin and stdout are a terminal.
 */
export function inTerminal(args: readonly string[], {columns = 100, rows = 30, timeoutMs = 90_000} = {}): TerminalRun {
	const command = `stty cols ${columns} rows ${rows}; exec ${[process.execPath, cli, ...args].map(quote).join(' ')}`;
	const child = spawn('script', ['-qfec', command, '/dev/null'], {
		cwd: root,
		stdio: ['pipe', 'pipe', 'inherit'],
		env: {...process.env, TERM: 'xterm-256color'},
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
	const exited = new Promise<{code: number | null}>(resolve =>
		child.on('close', code => {
			clearTimeout(timer);
			resolve({code});
		}),
	);
	return {
		output: () => output,
		type: keys => child.stdin.write(keys),
		waitFor: (pattern, from = 0) =>
			new Promise((resolve, reject) => {
				waiters.add({pattern, from, resolve});
				check();
				void exited.then(() => reject(new Error(`the program ended before ${pattern} showed:\n${output.slice(-2000)}`)));
			}),
		exited,
	};
}
