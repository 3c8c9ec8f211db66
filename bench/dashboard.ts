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
 *     dashboard, with the network view shown (its tiles follow the weights),
 *     and with --json, read from each run's --log JSON Lines.
 */
import {spawn} from 'node:child_process';
import {mkdtempSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {parseArgs} from 'node:util';
import {cli, firstFrame, inTerminal} from './terminal.js';

const {values} = parseArgs({
	options: {
		images: {type: 'string', default: '20000'},
		epochs: {type: 'string', default: '2'},
		hidden: {type: 'string', default: '128'},
		runs: {type: 'string', default: '3'},
	},
});
const training = (epochs = values.epochs) => ['--limit', values.images, '--epochs', epochs, '--hidden', values.hidden, '--seed', '1'];

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
	const epochs = readFileSync(log, 'utf8')
		.split('\n')
		.filter(Boolean)
		.map(line => JSON.parse(line) as {event: string; samplesPerSecond?: number})
		.filter(line => line.event === 'epoch');
	return epochs.reduce((sum, epoch) => sum + epoch.samplesPerSecond!, 0) / epochs.length;
}

async function throughput(): Promise<{dashboard: number; network: number; json: number}> {
	const folder = mkdtempSync(join(tmpdir(), 'mnist-tui-bench-'));
	const jsonLog = join(folder, 'json.jsonl');
	await new Promise<void>(resolve =>
		spawn(process.execPath, [cli, ...training(), '--json', '--log', jsonLog], {stdio: 'ignore'}).on('close', () => resolve()),
	);
	/** The dashboard's run, after `keys` typed once training shows. */
	const inDashboard = async (name: string, keys: string) => {
		const log = join(folder, `${name}.jsonl`);
		const terminal = inTerminal([...training(), '--log', log]);
		if (keys) {
			await terminal.waitFor(/samples\/s/);
			terminal.write(keys);
		}
		await terminal.waitFor(/Done|done|✔|trained/);
		terminal.write('q');
		await terminal.done;
		return samplesPerSecond(log);
	};
	return {dashboard: await inDashboard('dashboard', ''), network: await inDashboard('network', 'w'), json: samplesPerSecond(jsonLog)};
}

const runs = Number(values.runs);
const frames: number[] = [],
	inkFrames: number[] = [],
	pauses: number[] = [],
	resumes: number[] = [],
	costs: number[] = [],
	networkCosts: number[] = [];
await firstFrame(training('1')); // warms the page cache
for (let run = 0; run < runs; run++) {
	const first = await firstFrame(training('1'));
	frames.push(first.words);
	inkFrames.push(first.ink);
	const latency = await keyLatency();
	pauses.push(latency.pause);
	resumes.push(latency.resume);
	const rate = await throughput();
	costs.push(1 - rate.dashboard / rate.json);
	networkCosts.push(1 - rate.network / rate.json);
	console.log(
		`run ${run + 1}: first frame ${frames.at(-1)!.toFixed(0)} ms (Ink's ${inkFrames.at(-1)!.toFixed(0)} ms), p→PAUSED ${latency.pause.toFixed(0)} ms, p→resumed ${latency.resume.toFixed(0)} ms, samples/s dashboard ${rate.dashboard.toFixed(0)}, network view ${rate.network.toFixed(0)} vs --json ${rate.json.toFixed(0)} (cost ${(costs.at(-1)! * 100).toFixed(1)}%, ${(networkCosts.at(-1)! * 100).toFixed(1)}%)`,
	);
}
const median = (values: number[]) => values.slice().sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
console.log(
	`median of ${runs}: first frame ${median(frames).toFixed(0)} ms (Ink's ${median(inkFrames).toFixed(0)} ms) · key latency ${median(pauses).toFixed(0)} / ${median(resumes).toFixed(0)} ms · dashboard throughput cost ${(median(costs) * 100).toFixed(1)}%, with the network view ${(median(networkCosts) * 100).toFixed(1)}%`,
);
