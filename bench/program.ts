/** The program as a user starts it: its first frame in a terminal, and the whole default run. */
import {spawn, spawnSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {median} from './median.js';
import {cli, firstFrame} from './terminal.js';

/** The first frame of the program with no flags, warm (one run first fills the page cache): the median of 5. */
export async function measureStartup(): Promise<{words: number; ink: number; runs: Array<{words: number; ink: number}>}> {
	await firstFrame([]);
	const runs: Array<{words: number; ink: number}> = [];
	for (let run = 0; run < 5; run++) runs.push(await firstFrame([]));
	return {words: median(runs.map(run => run.words)), ink: median(runs.map(run => run.ink)), runs};
}

/**
 * `mnist-tui --json` with the defaults, start to exit: wall seconds, the final
 * test accuracy, and the peak RSS (the kernel's high-water mark, read while it runs).
 */
export async function measureDefaultRun(): Promise<{
	seconds: number;
	testAccuracy: number;
	epochs: number;
	threads: number;
	peakRssMegabytes: number;
}> {
	const started = performance.now();
	const child = spawn(process.execPath, [cli, '--json'], {stdio: ['ignore', 'pipe', 'inherit']});
	let stdout = '',
		peakKb = 0;
	child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
	const sample = setInterval(() => {
		try {
			const match = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
			if (match) peakKb = Math.max(peakKb, Number(match[1]));
		} catch {}
	}, 100);
	const code = await new Promise<number | null>(resolve => child.on('close', resolve));
	clearInterval(sample);
	const seconds = (performance.now() - started) / 1000;
	const lines = stdout
		.split('\n')
		.filter(Boolean)
		.map(line => JSON.parse(line) as Record<string, any>);
	const done = lines.find(line => line.event === 'done'),
		start = lines.find(line => line.event === 'start');
	if (code !== 0 || !done || !start) throw new Error(`the default run failed (exit ${code})`);
	return {
		seconds,
		testAccuracy: done.testAccuracy,
		epochs: done.epochs,
		threads: start.config.threads,
		peakRssMegabytes: Math.round(peakKb / 1024),
	};
}

/** A fresh process's first epoch against its later ones: the median of each over the runs. */
export interface FreshEpochs {
	readonly args: readonly string[];
	readonly first: number;
	readonly later: number;
	readonly runs: ReadonlyArray<{first: number; later: number}>;
}

/**
 * `mnist-tui --json` training the given network for 3 epochs, `runs` times,
 * each a new process: the first epoch is where the start of the code and of
 * the threads would show. Epoch seconds are training time only, as the
 * program reports them (the test pass after each epoch is not in them).
 * `between` runs after each process: what it measures meets the same load.
 */
export function measureFreshEpochs(
	{sizes, batchSize, optimizer, learningRate}: {sizes: readonly number[]; batchSize: number; optimizer: string; learningRate: number},
	images: number,
	seed: number,
	runs = 5,
	between: () => void = () => undefined,
): FreshEpochs {
	const args = [
		'--json',
		'--hidden',
		sizes.slice(1, -1).join(','),
		'--batch-size',
		String(batchSize),
		'--optimizer',
		optimizer,
		'--lr',
		String(learningRate),
		'--limit',
		String(images),
		'--test-limit',
		'1000',
		'--seed',
		String(seed),
		'--epochs',
		'3',
	];
	const measured = Array.from({length: runs}, () => {
		const child = spawnSync(process.execPath, [cli, ...args], {encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit']});
		const seconds = child.stdout
			.split('\n')
			.filter(Boolean)
			.map(line => JSON.parse(line) as Record<string, any>)
			.filter(line => line.event === 'epoch')
			.map(line => line.seconds as number);
		if (child.status !== 0 || seconds.length !== 3) throw new Error(`mnist-tui ${args.join(' ')} failed (exit ${child.status})`);
		between();
		return {first: seconds[0]!, later: median(seconds.slice(1))};
	});
	return {args, first: median(measured.map(run => run.first)), later: median(measured.map(run => run.later)), runs: measured};
}
