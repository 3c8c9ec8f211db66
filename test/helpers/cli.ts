import {spawn} from 'node:child_process';
import {join} from 'node:path';
import {root} from './paths.js';

const cli = join(root, 'dist', 'cli.js');

export interface Run {
	readonly code: number | null;
	readonly signal: NodeJS.Signals | null;
	readonly stdout: string;
	readonly stderr: string;
}

/** Runs the built program as a user would, without a terminal. */
export function runCli(
	args: readonly string[],
	options: {timeoutMs?: number; onStdout?: (text: string, child: ReturnType<typeof spawn>) => void} = {},
): Promise<Run> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [cli, ...args], {
			cwd: root,
			env: {...process.env, FORCE_COLOR: '0'},
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stdout = '',
			stderr = '';
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new Error(`mnist-tui ${args.join(' ')} did not finish in ${options.timeoutMs ?? 60_000} ms\n${stderr}`));
		}, options.timeoutMs ?? 60_000);
		child.stdout.setEncoding('utf8').on('data', (text: string) => {
			stdout += text;
			options.onStdout?.(stdout, child);
		});
		child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
		child.on('error', reject);
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			resolve({code, signal, stdout, stderr});
		});
	});
}

/** A control character other than the line end: none may reach a terminal from the program's output raw. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the characters it looks for
export const rawControls = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

/** The JSON Lines of a run, each parsed; fails on any line that is not JSON. */
export function jsonLines(stdout: string): Record<string, unknown>[] {
	return stdout
		.split('\n')
		.filter(line => line !== '')
		.map(line => JSON.parse(line) as Record<string, unknown>);
}

/** The small real CSV fixtures (100 training, 100 test images) and a network that trains on them in epochs of ten steps. */
export const csvFixtures = [
	'--train',
	'data/fixtures/mnist_train_100.csv',
	'--test',
	'data/fixtures/mnist_test_100.csv',
	'--hidden',
	'16',
	'--batch-size',
	'10',
];
