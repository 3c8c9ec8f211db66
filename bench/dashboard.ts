/**
 * `npm run bench:dashboard -- [--images N] [--epochs N] [--hidden N]… [--runs N]`
 *
 * Measures the dashboard as a user meets it, in a real pseudo-terminal
 * (util-linux `script`), against the built program in dist/, for each
 * network asked for (784-512-10 and 784-128-10 unless --hidden is given):
 *   - first frame: from spawning the program to "Loading MNIST…" on the
 *     terminal, and to the first frame Ink draws (warm: the files are in the
 *     page cache after the first run);
 *   - while training (a long run, 2 s after its first progress): the frames
 *     drawn a second (each begins with the terminal's synchronized-update
 *     code) and the main thread's CPU time as a share of that time (read from
 *     /proc: the thread that draws, not the training threads);
 *   - key latency while training: from writing `p` to the terminal to the
 *     frame that says PAUSED, and from `p` again to the frame without it;
 *   - the CPU time the dashboard takes from training, with `--threads 1` so
 *     that the one training thread is the busiest, 3 s from 2.5 s into
 *     training: the main thread's and that of the program's other threads
 *     (V8 compiling the drawing code and collecting its garbage), against the
 *     same threads under --json;
 *   - throughput cost: training samples/s of the same seeded run with the
 *     dashboard, with the network view shown (its tiles follow the weights),
 *     and with --json, read from each run's --log JSON Lines; and the
 *     dashboard's against --json's over a longer run (3 epochs of 60,000).
 */
import {spawn} from 'node:child_process';
import {mkdtempSync, readdirSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {parseArgs} from 'node:util';
import {median} from './median.js';
import {cli, firstFrame, inTerminal, type Terminal} from './terminal.js';

/** The images and epochs of the measured runs; set by measureDashboard. */
let settings = {images: '20000', epochs: '2'};
/**
 * A longer run for the throughput cost as well: 2 epochs of 20,000 images
 * are 0.17 s of training on 784-128-10, less than the 0.4 s between two
 * frames, so that run's cost is the start's (V8 compiling the drawing code
 * as training starts); these 3 of 60,000, about 0.75 s, are what frames cost.
 */
const longer = {images: '60000', epochs: '3'};
const training = (hidden: string, epochs = settings.epochs, images = settings.images) => [
	'--limit',
	images,
	'--epochs',
	epochs,
	'--hidden',
	hidden,
	'--seed',
	'1',
];
const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));
const frameStart = '\u001B[?2026h';

/** The program's process id: `script` runs it as its only child. */
const programOf = (terminal: Terminal): string =>
	readFileSync(`/proc/${terminal.pid}/task/${terminal.pid}/children`, 'utf8').trim().split(' ')[0]!;

/** The CPU time in ms that thread `task` of process `pid` has taken so far (0 once it has ended). */
function threadCpu(pid: string, task: string): number {
	try {
		return Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
	} catch {
		return 0;
	}
}

/** The CPU time in ms that the program's main thread (the one that draws; the training threads are others) has taken so far. */
function mainThreadCpu(terminal: Terminal): number {
	const pid = programOf(terminal);
	return threadCpu(pid, pid);
}

/** Every thread's CPU time in ms so far, by thread id. */
function threadsCpu(pid: string): Map<string, number> {
	return new Map(readdirSync(`/proc/${pid}/task`).map(task => [task, threadCpu(pid, task)]));
}

/**
 * Shares of a core over `ms` of training with `--threads 1`, from 2.5 s after its first progress on (V8 has
 * compiled most of the drawing code by then): the main thread, and the threads other than it and the training
 * thread (the busiest).
 */
async function otherThreads(args: string[], ms: number): Promise<{main: number; others: number}> {
	const terminal = inTerminal([...args, '--threads', '1']);
	await terminal.waitFor(/samples\/s|"event":"epoch"/);
	await sleep(2500);
	const pid = programOf(terminal);
	const before = threadsCpu(pid);
	const started = performance.now();
	await sleep(ms);
	const seconds = (performance.now() - started) / 1000;
	const taken = [...threadsCpu(pid)].map(([task, cpu]) => ({task, ms: cpu - (before.get(task) ?? 0)}));
	terminal.write('q');
	try {
		process.kill(Number(pid));
	} catch {
		// it had quit already
	}
	await terminal.done;
	const training = taken.reduce((busiest, thread) => (thread.ms > busiest.ms ? thread : busiest));
	const main = taken.find(thread => thread.task === pid)!.ms;
	const all = taken.reduce((sum, thread) => sum + thread.ms, 0);
	// under --json the main thread trains: then it is the busiest, and the others are all the rest
	const others = all - training.ms - (training.task === pid ? 0 : main);
	return {main: training.task === pid ? 0 : main / 1000 / seconds, others: others / 1000 / seconds};
}

interface WhileTraining {
	/** Frames drawn a second, and the main thread's CPU time as a share of the wall time. */
	readonly framesPerSecond: number;
	readonly mainCpu: number;
	readonly pause: number;
	readonly resume: number;
}

async function whileTraining(hidden: string): Promise<WhileTraining> {
	const terminal = inTerminal(training(hidden, '50'));
	await terminal.waitFor(/samples\/s/);
	await sleep(500);
	const windowFrom = terminal.output.length;
	const cpuFrom = mainThreadCpu(terminal);
	const windowStart = performance.now();
	await sleep(2000);
	const seconds = (performance.now() - windowStart) / 1000;
	const cpu = mainThreadCpu(terminal);
	const frames = terminal.output.slice(windowFrom).split(frameStart).length - 1;
	let from = terminal.output.length;
	let sent = performance.now();
	terminal.write('p');
	const pause = (await terminal.waitFor(/PAUSED/, from)) - sent;
	await sleep(500);
	from = terminal.output.length;
	sent = performance.now();
	terminal.write('p');
	const resume = (await terminal.waitFor(/p pause/, from)) - sent;
	terminal.write('q');
	await terminal.done;
	return {framesPerSecond: frames / seconds, mainCpu: (cpu - cpuFrom) / 1000 / seconds, pause, resume};
}

/** Each epoch's training samples/s, from a run's --log JSON Lines. */
function epochRates(log: string): number[] {
	return readFileSync(log, 'utf8')
		.split('\n')
		.filter(Boolean)
		.map(line => JSON.parse(line) as {event: string; samplesPerSecond?: number})
		.filter(line => line.event === 'epoch')
		.map(epoch => epoch.samplesPerSecond!);
}

const mean = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

/**
 * Training samples/s of each epoch: with the dashboard, with the network view shown (unless `views` is false),
 * and with --json; the runs of `epochs` epochs of `images` images.
 */
async function throughput(
	hidden: string,
	{epochs = settings.epochs, images = settings.images, views = true} = {},
): Promise<{dashboard: number[]; network: number[]; json: number[]}> {
	const folder = mkdtempSync(join(tmpdir(), 'mnist-tui-bench-'));
	const jsonLog = join(folder, 'json.jsonl');
	const run = training(hidden, epochs, images);
	await new Promise<void>(resolve =>
		spawn(process.execPath, [cli, ...run, '--json', '--log', jsonLog], {stdio: 'ignore'}).on('close', () => resolve()),
	);
	/** The dashboard's run, after `keys` typed once training shows. */
	const inDashboard = async (name: string, keys: string) => {
		const log = join(folder, `${name}.jsonl`);
		const terminal = inTerminal([...run, '--log', log]);
		if (keys) {
			await terminal.waitFor(/samples\/s/);
			terminal.write(keys);
		}
		await terminal.waitFor(/Done|done|✔|trained/);
		terminal.write('q');
		await terminal.done;
		return epochRates(log);
	};
	const dashboard = await inDashboard('dashboard', '');
	return {dashboard, network: views ? await inDashboard('network', 'w') : [], json: epochRates(jsonLog)};
}

/** One network's medians. */
export interface DashboardCost {
	readonly network: string;
	/** Share of --json's training samples/s lost with the dashboard (over all epochs, the first, the later ones), and with the network view shown. */
	readonly cost: number;
	readonly firstEpochCost: number;
	readonly laterEpochsCost: number;
	/** The same over the longer run (`longer`). */
	readonly longerCost: number;
	readonly networkCost: number;
	readonly framesPerSecond: number;
	readonly mainCpu: number;
	/** Key latency, ms: p to PAUSED, p again to the frame without it. */
	readonly pause: number;
	readonly resume: number;
	/** Shares of a core with --threads 1: the dashboard's main thread, its other threads, and --json's other threads. */
	readonly threads: {readonly main: number; readonly others: number; readonly jsonOthers: number};
}

/** Every measurement above for each network (784-N-10), median of `runs`, each run's numbers told as it goes. */
export async function measureDashboard(
	hiddenSizes: readonly string[],
	runs: number,
	{images = '20000', epochs = '2', say = console.log}: {images?: string; epochs?: string; say?: (line: string) => void} = {},
): Promise<DashboardCost[]> {
	settings = {images, epochs};
	const results: DashboardCost[] = [];
	for (const hidden of hiddenSizes) {
		const network = `784-${hidden}-10`;
		const frames: number[] = [],
			inkFrames: number[] = [],
			pauses: number[] = [],
			resumes: number[] = [],
			rates: number[] = [],
			mainCpus: number[] = [],
			costs: number[] = [],
			firstCosts: number[] = [],
			laterCosts: number[] = [],
			longerCosts: number[] = [],
			networkCosts: number[] = [],
			mainShares: number[] = [],
			otherShares: number[] = [],
			jsonOtherShares: number[] = [];
		await firstFrame(training(hidden, '1')); // warms the page cache
		for (let run = 0; run < runs; run++) {
			const first = await firstFrame(training(hidden, '1'));
			frames.push(first.words);
			inkFrames.push(first.ink);
			const live = await whileTraining(hidden);
			pauses.push(live.pause);
			resumes.push(live.resume);
			rates.push(live.framesPerSecond);
			mainCpus.push(live.mainCpu);
			const dashboardThreads = await otherThreads(training(hidden, '50'), 3000);
			const jsonThreads = await otherThreads([...training(hidden, '50'), '--json'], 3000);
			mainShares.push(dashboardThreads.main);
			otherShares.push(dashboardThreads.others);
			jsonOtherShares.push(jsonThreads.others);
			const rate = await throughput(hidden);
			costs.push(1 - mean(rate.dashboard) / mean(rate.json));
			firstCosts.push(1 - rate.dashboard[0]! / rate.json[0]!);
			laterCosts.push(1 - mean(rate.dashboard.slice(1)) / mean(rate.json.slice(1)));
			networkCosts.push(1 - mean(rate.network) / mean(rate.json));
			const long = await throughput(hidden, {...longer, views: false});
			longerCosts.push(1 - mean(long.dashboard) / mean(long.json));
			say(
				`${network} run ${run + 1}: first frame ${frames.at(-1)!.toFixed(0)} ms (Ink's ${inkFrames.at(-1)!.toFixed(0)} ms), while training ${live.framesPerSecond.toFixed(1)} frames/s, main thread ${percent(live.mainCpu)} of a core, p→PAUSED ${live.pause.toFixed(0)} ms, p→resumed ${live.resume.toFixed(0)} ms, samples/s dashboard ${mean(rate.dashboard).toFixed(0)}, network view ${mean(rate.network).toFixed(0)} vs --json ${mean(rate.json).toFixed(0)} (cost ${percent(costs.at(-1)!)}: first epoch ${percent(firstCosts.at(-1)!)}, later ${percent(laterCosts.at(-1)!)}; network view ${percent(networkCosts.at(-1)!)}; ${longerRun} ${percent(longerCosts.at(-1)!)}), with --threads 1 ${threadShares(dashboardThreads.main, dashboardThreads.others, jsonThreads.others)}`,
			);
		}
		say(
			`${network} median of ${runs}: first frame ${median(frames).toFixed(0)} ms (Ink's ${median(inkFrames).toFixed(0)} ms) · while training ${median(rates).toFixed(1)} frames/s, main thread ${percent(median(mainCpus))} of a core · key latency ${median(pauses).toFixed(0)} / ${median(resumes).toFixed(0)} ms · dashboard throughput cost ${percent(median(costs))} (first epoch ${percent(median(firstCosts))}, later ${percent(median(laterCosts))}), with the network view ${percent(median(networkCosts))}, ${longerRun} ${percent(median(longerCosts))} · with --threads 1 ${threadShares(median(mainShares), median(otherShares), median(jsonOtherShares))}`,
		);
		results.push({
			network,
			cost: median(costs),
			firstEpochCost: median(firstCosts),
			laterEpochsCost: median(laterCosts),
			longerCost: median(longerCosts),
			networkCost: median(networkCosts),
			framesPerSecond: median(rates),
			mainCpu: median(mainCpus),
			pause: median(pauses),
			resume: median(resumes),
			threads: {main: median(mainShares), others: median(otherShares), jsonOthers: median(jsonOtherShares)},
		});
	}
	return results;
}

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;
const longerRun = `over ${longer.epochs} epochs of ${Number(longer.images).toLocaleString('en-US')} images`;
const threadShares = (main: number, others: number, jsonOthers: number) =>
	`the main thread took ${percent(main)} of a core and the other threads not training ${percent(others)} (--json's ${percent(jsonOthers)})`;

/** The networks' costs in a few words for the goals' table. */
export function dashboardCosts(costs: readonly DashboardCost[]): string {
	return costs
		.map(
			({network, cost, firstEpochCost, laterEpochsCost, longerCost, framesPerSecond, pause, threads}) =>
				`${network}: ${percent(cost)} (first epoch ${percent(firstEpochCost)}, second ${percent(laterEpochsCost)}; ${longerRun} ${percent(longerCost)}; ${framesPerSecond.toFixed(1)} frames/s, key ${pause.toFixed(0)} ms; on one training thread ${threadShares(threads.main, threads.others, threads.jsonOthers)})`,
		)
		.join('; ');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	const {values} = parseArgs({
		options: {
			images: {type: 'string', default: '20000'},
			epochs: {type: 'string', default: '2'},
			hidden: {type: 'string', multiple: true, default: ['512', '128']},
			runs: {type: 'string', default: '3'},
		},
	});
	await measureDashboard(values.hidden, Number(values.runs), {images: values.images, epochs: values.epochs});
}
