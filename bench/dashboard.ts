/**
 * `npm run bench:dashboard -- [--images N] [--epochs N] [--hidden N]`
 *
 * Measures the dashboard as a user meets it, in a real pseudo-terminal
 * (util-linux `script`), against the built program in dist/:
 *   - first frame: from spawning the program to "Loading MNIST…" on the
 *     terminal, and to the first frame Ink draws (warm: the files are in the
 *     page cache after the first run);
 *   - key latency while training: from writing `p` to the terminal to the
 *     frame that says PAUSED, and from `p` again to the frame without it;
 *   - throughput cost: training samples/s of the same seeded run with the
 *     dashboard and with --json, read from each run's --log JSON Lines.
 */
import {spawn} from 'node:child_process';
import {mkdtempSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {parseArgs} from 'node:util';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = join(root, 'dist', 'cli.js');
const {values} = parseArgs({options: {images: {type: 'string', default: '20000'}, epochs: {type: 'string', default: '2'}, hidden: {type: 'string', default: '128'}, runs: {type: 'string', default: '3'}}});
const training = (epochs = values.epochs) => ['--limit', values.images, '--epochs', epochs, '--hidden', values.hidden, '--seed', '1'];

interface Terminal {
	readonly started: number;
	output: string;
	write(text: string): void;
	waitFor(pattern: RegExp, after?: number): Promise<number>;
	done: Promise<void>;
}

/** The program in a 120x40 pseudo-terminal. */
function inTerminal(args: string[]): Terminal {
	const command = ['stty cols 120 rows 40;', 'exec', process.execPath, cli, ...args].map(part => (part.endsWith(';') ? part : `'${part}'`)).join(' ');
	const started = performance.now();
	const child = spawn('script', ['-qfec', command, '/dev/null'], {stdio: ['pipe', 'pipe', 'inherit'], env: {...process.env, TERM: 'xterm-256color'}});
	const waiters: {pattern: RegExp; from: number; resolve: (at: number) => void}[] = [];
	const terminal: Terminal = {
		started,
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

/** To the first words on the screen, and to the first frame drawn by Ink (its header has the clock). */
async function firstFrame(): Promise<{words: number; ink: number}> {
	const terminal = inTerminal(training('1'));
	const words = terminal.waitFor(/Loading MNIST/);
	const ink = terminal.waitFor(/elapsed/);
	const [wordsAt, inkAt] = await Promise.all([words, ink]);
	terminal.write('q');
	await terminal.done;
	return {words: wordsAt - terminal.started, ink: inkAt - terminal.started};
}

async function keyLatency(): Promise<{pause: number; resume: number}> {
	const terminal = inTerminal(training('50'));
	await terminal.waitFor(/samples\/s/);
	await new Promise(resolve => setTimeout(resolve, 1500));
	let from = terminal.output.length;
	let sent = performance.now();
	terminal.write('p');
	const pause = (await terminal.waitFor(/PAUSED/, from)) - sent;
	await new Promise(resolve => setTimeout(resolve, 500));
	from = terminal.output.length;
	sent = performance.now();
	terminal.write('p');
	const resume = (await terminal.waitFor(/p pause/, from)) - sent;
	terminal.write('q');
	await terminal.done;
	return {pause, resume};
}

function samplesPerSecond(log: string): number {
	const epochs = readFileSync(log, 'utf8').split('\n').filter(Boolean).map(line => JSON.parse(line) as {event: string; samplesPerSecond?: number}).filter(line => line.event === 'epoch');
	return epochs.reduce((sum, epoch) => sum + epoch.samplesPerSecond!, 0) / epochs.length;
}

async function throughput(): Promise<{dashboard: number; json: number}> {
	const folder = mkdtempSync(join(tmpdir(), 'mnist-tui-bench-'));
	const jsonLog = join(folder, 'json.jsonl'), dashboardLog = join(folder, 'dashboard.jsonl');
	await new Promise<void>(resolve => spawn(process.execPath, [cli, ...training(), '--json', '--log', jsonLog], {stdio: 'ignore'}).on('close', () => resolve()));
	const terminal = inTerminal([...training(), '--log', dashboardLog]);
	await terminal.waitFor(/Done|done|✔/);
	terminal.write('q');
	await terminal.done;
	return {dashboard: samplesPerSecond(dashboardLog), json: samplesPerSecond(jsonLog)};
}

const runs = Number(values.runs);
const frames: number[] = [], inkFrames: number[] = [], pauses: number[] = [], resumes: number[] = [], costs: number[] = [];
await firstFrame(); // warms the page cache
for (let run = 0; run < runs; run++) {
	const first = await firstFrame();
	frames.push(first.words);
	inkFrames.push(first.ink);
	const latency = await keyLatency();
	pauses.push(latency.pause);
	resumes.push(latency.resume);
	const rate = await throughput();
	costs.push(1 - rate.dashboard / rate.json);
	console.log(`run ${run + 1}: first frame ${frames.at(-1)!.toFixed(0)} ms (Ink's ${inkFrames.at(-1)!.toFixed(0)} ms), p→PAUSED ${latency.pause.toFixed(0)} ms, p→resumed ${latency.resume.toFixed(0)} ms, samples/s dashboard ${rate.dashboard.toFixed(0)} vs --json ${rate.json.toFixed(0)} (cost ${(costs.at(-1)! * 100).toFixed(1)}%)`);
}
const median = (values: number[]) => values.slice().sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
console.log(`median of ${runs}: first frame ${median(frames).toFixed(0)} ms (Ink's ${median(inkFrames).toFixed(0)} ms) · key latency ${median(pauses).toFixed(0)} / ${median(resumes).toFixed(0)} ms · dashboard throughput cost ${(median(costs) * 100).toFixed(1)}%`);
