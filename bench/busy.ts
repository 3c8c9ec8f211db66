/**
 * Training on a busy machine: the built program (dist/cli.js --json) trains
 * with --threads 1, 2 and auto, on the machine as it is and with a competing
 * process taking one core (a busy loop, started here and always stopped).
 * Each run is a fresh process; its time is the sum of its epochs' training
 * seconds as the program reports them. The settings take turns (1, 2, auto,
 * 1, 2, auto, …) so a drift in the machine's speed falls on each alike.
 *
 * `npm run bench:busy` runs it alone (--runs N, --pin CPU for the busy loop);
 * `npm run bench` ends with its rows.
 */
import {type ChildProcess, spawn, spawnSync} from 'node:child_process';
import {loadavg} from 'node:os';
import {parseArgs} from 'node:util';
import {median} from './median.js';
import {printTable} from './report.js';
import {cli} from './terminal.js';

type ThreadSetting = '1' | '2' | 'auto';
const threadSettings: readonly ThreadSetting[] = ['1', '2', 'auto'];
type MachineState = 'quiet' | 'busy';

interface BusyRow {
	readonly network: string;
	readonly machine: MachineState;
	readonly threads: ThreadSetting;
	/** Median of the runs' training seconds. */
	readonly seconds: number;
	readonly runs: readonly number[];
}

export interface BusyReport {
	readonly images: number;
	readonly epochs: number;
	readonly competitor: string;
	/** The load average over the last minute, before and after: how busy the machine was besides. */
	readonly load: readonly [number, number];
	readonly rows: readonly BusyRow[];
}

/** One core's worth of competition. */
const competitorSource = 'for(;;){}';

interface BusyOptions {
	/** Hidden layer sizes of the networks timed: the --demo network and the default one. */
	readonly hidden?: readonly number[];
	readonly images?: number;
	readonly epochs?: number;
	readonly runs?: number;
	/** Pin the busy loop to this processor (taskset); unpinned when undefined. */
	readonly pin?: number;
}

/** Every row: for each machine state, each network and each thread setting, the median of `runs` runs. */
export function measureBusy({hidden = [128, 256], images = 30_000, epochs = 2, runs = 3, pin}: BusyOptions = {}): BusyReport {
	const rows: BusyRow[] = [];
	const loadBefore = loadavg()[0]!;
	for (const machine of ['quiet', 'busy'] as const) {
		const competitor = machine === 'busy' ? startCompetitor(pin) : null;
		try {
			for (const size of hidden) {
				const times = new Map<ThreadSetting, number[]>(threadSettings.map(setting => [setting, []]));
				for (let run = 0; run < runs; run++)
					for (const threads of threadSettings) times.get(threads)!.push(trainingSeconds(size, threads, images, epochs));
				for (const [threads, seconds] of times)
					rows.push({network: `784-${size}-10`, machine, threads, seconds: median(seconds), runs: seconds});
			}
		} finally {
			competitor?.kill('SIGKILL');
		}
	}
	const competitor = `node -e '${competitorSource}'${pin === undefined ? '' : `, pinned to cpu ${pin}`}`;
	return {images, epochs, competitor, load: [loadBefore, loadavg()[0]!], rows};
}

function startCompetitor(pin: number | undefined): ChildProcess {
	const command = [process.execPath, '-e', competitorSource];
	const [program, ...args] = pin === undefined ? command : ['taskset', '-c', String(pin), ...command];
	const child = spawn(program!, args, {stdio: 'ignore'});
	// stopped with this process however it ends, too
	const stop = () => child.kill('SIGKILL');
	process.once('exit', stop);
	child.once('exit', () => process.off('exit', stop));
	return child;
}

/** One fresh `mnist-tui --json` run: the sum of its epochs' training seconds. */
function trainingSeconds(hidden: number, threads: ThreadSetting, images: number, epochs: number): number {
	const args = [
		'--json',
		'--hidden',
		String(hidden),
		'--limit',
		String(images),
		'--test-limit',
		'500',
		'--epochs',
		String(epochs),
		'--threads',
		threads,
	];
	const child = spawnSync(process.execPath, [cli, ...args], {encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit']});
	const seconds = child.stdout
		.split('\n')
		.filter(Boolean)
		.map(line => JSON.parse(line) as {event: string; seconds?: number})
		.filter(line => line.event === 'epoch')
		.map(line => line.seconds!);
	if (child.status !== 0 || seconds.length !== epochs) throw new Error(`mnist-tui ${args.join(' ')} failed (exit ${child.status})`);
	return seconds.reduce((sum, value) => sum + value, 0);
}

/** The rows as a table: seconds, and how 2 threads and auto compare with 1 on the same network and machine. */
export function printBusy(report: BusyReport): void {
	const runs = report.rows[0]?.runs.length ?? 0;
	console.log(
		`\nTraining with another process on one core (${report.competitor}): mnist-tui --json, ${report.images} images x ${report.epochs} epochs, ` +
			`training seconds, median of ${runs} fresh processes; load average ${report.load[0].toFixed(1)} before, ${report.load[1].toFixed(1)} after\n`,
	);
	const table = [['network', 'machine', '--threads', 'seconds', 'vs 1 thread', 'runs']];
	for (const row of report.rows) {
		table.push([
			row.network,
			row.machine,
			row.threads,
			row.seconds.toFixed(3),
			row.threads === '1' ? '' : againstOneThread(report, row),
			row.runs.map(value => value.toFixed(3)).join(' '),
		]);
	}
	printTable(table, 3);
}

/** The busy rows in a few words for the goals' table: --threads auto against --threads 1 with the busy loop, each network. */
export function busyChange(report: BusyReport): string {
	return report.rows
		.filter(row => row.machine === 'busy' && row.threads === 'auto')
		.map(auto => {
			const one = oneThread(report, auto);
			return `${auto.network}: ${auto.seconds.toFixed(3)} s vs ${one.seconds.toFixed(3)} s, ${againstOneThread(report, auto)}`;
		})
		.join('; ');
}

/** The row of --threads 1 on the same network and machine. */
function oneThread(report: BusyReport, row: BusyRow): BusyRow {
	return report.rows.find(other => other.network === row.network && other.machine === row.machine && other.threads === '1')!;
}

/** How much longer (+) or shorter (-) the row took than --threads 1 on the same network and machine: "+4.2%". */
function againstOneThread(report: BusyReport, row: BusyRow): string {
	const change = (row.seconds / oneThread(report, row).seconds - 1) * 100;
	return `${change >= 0 ? '+' : ''}${change.toFixed(1)}%`;
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
	const {values} = parseArgs({
		options: {runs: {type: 'string', default: '3'}, pin: {type: 'string'}, json: {type: 'boolean', default: false}},
	});
	const report = measureBusy({runs: Number(values.runs), ...(values.pin === undefined ? {} : {pin: Number(values.pin)})});
	if (values.json) console.log(JSON.stringify(report));
	else printBusy(report);
}
