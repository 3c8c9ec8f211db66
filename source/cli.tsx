#!/usr/bin/env node
import {closeSync, writeSync} from 'node:fs';
import {createRequire} from 'node:module';
import {checkCommandFiles} from './command-files.js';
import {DivergedError, InputError} from './errors.js';
import {printable} from './files/printable.js';
import {openWritten} from './files/written-files.js';
import {helpText} from './help.js';
import {type Command, parseCommandLine} from './options.js';
import {browseSummary, evalJson, evalText} from './output/eval-report.js';
import {eventLogKind, jsonLines} from './output/json-lines.js';
import {plainLines} from './output/plain-lines.js';
import {predictionsCsv, predictionsSummary, writePredictionsFile} from './output/predictions-csv.js';
import {lineText} from './runs/compare-lines.js';
import {comparisonLines} from './runs/compare-text.js';
import {compareRuns, comparisonJson} from './runs/run-comparison.js';
import {type LoggedRun, readRunLog} from './runs/run-log.js';
import {signalExitCodes, watchStopSignals} from './stop-signals.js';
import {imagesNoun} from './text/class-names.js';
import {count, percent} from './text/format.js';
import {networkName} from './text/network-name.js';
import {evaluateModel} from './train/evaluate-model.js';
import type {RunEvent} from './train/events.js';
import {runTraining} from './train/run.js';
import {pendingWorker} from './train/worker/early-worker.js';
import {dashboardAsks} from './ui/dashboard/screen-asks.js';
import {recordTerminal} from './ui/demo/cast-recorder.js';
import {renderSettingsFor} from './ui/shared/render-settings.js';
import {enterDashboardScreen, leaveScreenNow} from './ui/shared/terminal.js';

/**
 * The entry point: parses the command line, picks the output mode and turns
 * every outcome into an exit code. The only place that exits.
 *   0 done · 1 unexpected failure · 2 usage or input error · 3 below --min-accuracy
 *   4 training diverged · 130 interrupted (Ctrl-C, SIGINT) · 143 SIGTERM · 129 SIGHUP
 */
const exitCodes = {done: 0, failure: 1, input: 2, belowGate: 3, diverged: 4, interrupted: 130} as const;

const signals = watchStopSignals(code => process.exit(code));
/** 128 + the number of the signal that stopped the run; 130 for Ctrl-C typed as a key. */
const interruptedCode = (): number => signalExitCodes[signals.received() ?? 'SIGINT'];

const version = (createRequire(import.meta.url)('../package.json') as {version: string}).version;

async function main(argv: readonly string[]): Promise<number> {
	const command = parseCommandLine(argv);
	switch (command.kind) {
		case 'help':
			process.stdout.write(helpText(version));
			return exitCodes.done;
		case 'version':
			process.stdout.write(`${version}\n`);
			return exitCodes.done;
		case 'eval':
			return runEval(command);
		case 'train':
			return runTrain(command);
		case 'browse':
			return runBrowse(command);
		case 'predict':
			return runPredict(command);
		case 'replay':
			return runReplay(command);
		case 'compare':
			return runCompare(command);
	}
}

/** `replay RUN.jsonl`: the logged run redrawn on the dashboard at its pace times --speed. */
async function runReplay(command: Extract<Command, {kind: 'replay'}>): Promise<number> {
	if (!process.stdout.isTTY)
		throw new InputError('replay draws the dashboard in a terminal; for text use compare RUN.jsonl OTHER.jsonl --plain');
	const run = await readRunLog(command.log);
	prepareDashboardEnvironment();
	const settings = renderSettingsFor(command.ascii);
	const terminal = enterDashboardScreen(process.stdout, process.stdin);
	signals.onStop(() => {});
	const {startReplay} = await import('./ui/screens.js');
	const session = startReplay(run, terminal, {
		settings,
		speed: command.speed,
		title: replayTitle(run, command.speed, settings.glyphs.separator),
	});
	signals.onStop(() => session.interrupt());
	const ending = await session.closed;
	process.stdout.write(`${replaySummary(run)}\n`);
	return ending === 'interrupted' || signals.received() ? interruptedCode() : exitCodes.done;
}

/** The line left on the normal screen: which run was replayed and how it ended. */
function replaySummary(run: LoggedRun): string {
	const {start, done, epochs} = run;
	const ended = done ? (done.interrupted ? 'stopped' : 'done') : 'unfinished';
	const accuracy = done?.testAccuracy ?? epochs.at(-1)?.testAccuracy ?? null;
	const finished = done?.epochs ?? (start.resumed?.epochs ?? 0) + epochs.length;
	return `mnist-tui: replayed ${printable(run.file)}: ${networkName(start.layers, start.architecture ?? undefined)}, ${finished} of ${start.epochs} epochs (${ended})${accuracy === null ? '' : `, test accuracy ${percent(accuracy)}`}`;
}

function replayTitle(run: LoggedRun, speed: number, separator: string): string {
	const which = run.runs > 1 ? ` (the last of its ${run.runs} runs)` : '';
	const pace = speed === 0 ? 'at full speed' : speed === 1 ? 'at the logged pace' : `${speed}x the logged pace`;
	const missing =
		run.epochs.length > 0 && run.epochs.every(epoch => epoch.confusion === null) ? ['confusion matrix logged only at the end'] : [];
	const unfinished = run.done === null ? ['the log ends before the run did'] : [];
	return [`Replay of ${printable(run.file)}${which}`, pace, ...missing, ...unfinished].join(separator);
}

/** `compare A.jsonl B.jsonl …`: a page in a terminal, plain text elsewhere (or with --plain), one JSON object with --json. */
async function runCompare(command: Extract<Command, {kind: 'compare'}>): Promise<number> {
	const runs: LoggedRun[] = [];
	for (const file of command.logs) runs.push(await readRunLog(file));
	const comparison = compareRuns(runs);
	if (command.output === 'json') {
		process.stdout.write(`${comparisonJson(comparison)}\n`);
		return exitCodes.done;
	}
	const terminal = command.output === 'auto' && process.stdout.isTTY;
	const lines = comparisonLines(comparison, terminal || command.output === 'plain' ? (process.stdout.columns ?? 80) : 80);
	if (!terminal) {
		process.stdout.write(`${lines.map(lineText).join('\n')}\n`);
		return exitCodes.done;
	}
	prepareDashboardEnvironment();
	const {showComparison} = await import('./ui/screens.js');
	await showComparison(lines, process.stdout);
	return exitCodes.done;
}

/** `browse --model`: the test digits of a saved model, in the terminal. */
async function runBrowse(command: Extract<Command, {kind: 'browse'}>): Promise<number> {
	if (!process.stdout.isTTY) throw new InputError('browse draws the test digits in a terminal; for text or JSON use eval --model');
	await checkCommandFiles(command);
	startRecording(command.record);
	prepareDashboardEnvironment();
	const result = await evaluateModel(command.config);
	const {browse} = await import('./ui/screens.js');
	const {evaluation, test} = result;
	const accuracy = evaluation.accuracy === null ? 'no labels' : `test accuracy ${percent(evaluation.accuracy)}`;
	const settings = renderSettingsFor(command.ascii);
	const title = [
		printable(command.model),
		networkName(result.layers, result.architecture, settings.ascii),
		`${count(result.testCount)} test ${imagesNoun(result.classes)} from ${printable(result.testSource)}`,
		accuracy,
	].join(settings.glyphs.separator);
	const data = {
		images: test.images,
		labels: test.labels,
		predictions: evaluation.predictions,
		probabilities: evaluation.probabilities,
		previousPredictions: null,
		epoch: null,
		classes: result.classes,
	};
	const session = browse(data, {weights: result.weights, features: result.features, activity: evaluation.meanActivations}, title, settings);
	signals.onStop(session.close);
	await session.closed;
	process.stdout.write(`${browseSummary(result, command.model)}\n`);
	return signals.received() ? interruptedCode() : exitCodes.done;
}

type TrainCommand = Extract<Command, {kind: 'train'}>;

async function runTrain(command: TrainCommand): Promise<number> {
	if (command.demo && !process.stdout.isTTY) throw new InputError('--demo draws the dashboard in a terminal');
	await checkCommandFiles(command);
	startRecording(command.record);
	if (command.output === 'auto' && process.stdout.isTTY) return runDashboard(command);
	const log = command.log ? openLog(command.log) : undefined;
	const print = command.output === 'json' ? jsonLines() : plainLines();
	const logLines = jsonLines();
	let stopRequested = false;
	let started = false;
	// before the run has started there is nothing to save or sum up (and the data may be slow to come)
	signals.onStop(() => (started ? (stopRequested = true) : process.exit(interruptedCode())));
	let done: Extract<RunEvent, {type: 'done'}> | undefined;
	try {
		for await (const event of runTraining(command.config, {stopRequested: () => stopRequested})) {
			const line = print(event);
			if (line !== undefined) process.stdout.write(`${line}\n`);
			const logLine = log === undefined ? undefined : logLines(event);
			if (logLine !== undefined) appendLog(log!, command.log!, logLine);
			if (event.type === 'start') started = true;
			if (event.type === 'done') done = event;
		}
	} finally {
		if (log !== undefined) closeSync(log);
	}
	if (done?.interrupted || signals.received()) return interruptedCode();
	return accuracyGate(command, done?.testAccuracy ?? null);
}

/** The interactive dashboard; React and Ink are loaded only for it. */
async function runDashboard(command: TrainCommand): Promise<number> {
	prepareDashboardEnvironment();
	const settings = renderSettingsFor(command.ascii);
	const {glyphs} = settings;
	const log = command.log ? openLog(command.log) : undefined;
	const logLines = jsonLines();
	const terminal = enterDashboardScreen(process.stdout, process.stdin);
	// a signal while Ink loads is kept for the session, which stops at once
	signals.onStop(() => {});
	// the screens take a few tenths of a second to load: say what is happening at once
	process.stdout.write(`${glyphs.spinner.frames[0]} Loading MNIST${glyphs.ellipsis}\u001B[H`);
	const worker = pendingWorker(command.config, dashboardAsks);
	const {startDashboard, summaryLines} = await import('./ui/screens.js');
	// Ink draws the first frame before startDashboard returns
	const session = startDashboard(command.config, terminal, {
		settings,
		demo: command.demo,
		worker,
		...(log === undefined
			? {}
			: {
					onEvent: event => {
						const line = logLines(event);
						if (line !== undefined) appendLog(log, command.log!, line);
					},
				}),
	});
	// a signal that came while the screens loaded ends the session here, before the run starts
	signals.onStop(() => session.interrupt());
	// then the run starts: on two cores the worker and its threads would slow that frame down by more than they gain
	worker.start();
	const outcome = await session.outcome;
	if (log !== undefined) closeSync(log);
	// a run that failed after it started still says how far it got and where the model is
	if (!outcome.error || outcome.state.start) {
		process.stdout.write(`${summaryLines(outcome.state, outcome.state.done?.seconds ?? outcome.seconds, settings.ascii).join('\n')}\n`);
	}
	if (outcome.error) throw outcome.error;
	if (outcome.ending === 'interrupted' || signals.received()) return interruptedCode();
	if (outcome.ending !== 'finished') return exitCodes.done;
	return accuracyGate(command, outcome.state.done?.testAccuracy ?? null);
}

/**
 * Before React and Ink load: production React (the development build doubles
 * the render cost), NO_COLOR honoured (chalk reads only FORCE_COLOR), and a
 * terminal is drawn live even with CI set (Ink would print only the last frame).
 */
function prepareDashboardEnvironment(): void {
	process.env.NODE_ENV ??= 'production';
	if (process.env.NO_COLOR && process.env.FORCE_COLOR === undefined) process.env.FORCE_COLOR = '0';
	delete process.env.CI;
	delete process.env.CONTINUOUS_INTEGRATION;
}

/** --record: from here on, what goes to the terminal (stdout, and stderr when it is a terminal too) goes to the file as well. */
function startRecording(path: string | undefined): void {
	if (path === undefined) return;
	const args = process.argv.slice(2).filter((arg, index, all) => !arg.startsWith('--record') && all[index - 1] !== '--record');
	const recording = recordTerminal(path, ['mnist-tui', ...args].join(' '), process.stdout, process.stderr.isTTY ? [process.stderr] : []);
	process.once('exit', () => {
		const error = recording.error() as NodeJS.ErrnoException | undefined;
		if (error)
			process.stderr.write(`mnist-tui: ${printable(`--record ${path}: the recording stopped early (${error.code ?? error.message})`)}\n`);
	});
}

function accuracyGate(command: TrainCommand, accuracy: number | null): number {
	if (command.config.minAccuracy === undefined) return exitCodes.done;
	if (accuracy === null) throw new InputError('--min-accuracy needs test images with labels');
	if (accuracy < command.config.minAccuracy) {
		process.stderr.write(`mnist-tui: test accuracy ${accuracy} is below --min-accuracy ${command.config.minAccuracy}\n`);
		return exitCodes.belowGate;
	}
	return exitCodes.done;
}

async function runEval(command: Extract<Command, {kind: 'eval'}>): Promise<number> {
	const result = await evaluateModel(command.config);
	const lines = command.output === 'json' ? [evalJson(result, command.model)] : evalText(result, command.model);
	process.stdout.write(`${lines.join('\n')}\n`);
	return exitCodes.done;
}

/**
 * `predict --model`: the predicted class of every test image as a CSV, to
 * --out (atomically, the summary line on stdout) or, without --out, to stdout
 * when it is a file or a pipe (the summary line on stderr).
 */
async function runPredict(command: Extract<Command, {kind: 'predict'}>): Promise<number> {
	const {out} = command;
	if (out === undefined && process.stdout.isTTY) throw new InputError('predict needs --out FILE.csv (or stdout sent to a file or a pipe)');
	await checkCommandFiles(command);
	const {evaluation, classes, testCount} = await evaluateModel(command.config);
	const text = predictionsCsv(evaluation, classes.length, command.probabilities);
	const summary = `${predictionsSummary(testCount, out ?? 'stdout', evaluation.accuracy)}\n`;
	if (out !== undefined) {
		writePredictionsFile(out, text);
		process.stdout.write(summary);
	} else {
		await writeStdout(text);
		process.stderr.write(summary);
	}
	return exitCodes.done;
}

/** Resolves once stdout has taken the text (a pipe may take it later than the call returns on some systems). */
function writeStdout(text: string): Promise<void> {
	return new Promise((resolve, reject) =>
		process.stdout.write(text, error => {
			// a reader gone away (| head) ends the program quietly, below
			if (error && (error as NodeJS.ErrnoException).code !== 'EPIPE')
				reject(new Error(`stdout: cannot write (${(error as NodeJS.ErrnoException).code ?? error.message})`));
			else resolve();
		}),
	);
}

/** A log that cannot be written (a full disk, a reader gone from a pipe) ends the run as a failure naming it. */
function appendLog(fd: number, path: string, line: string): void {
	try {
		writeSync(fd, `${line}\n`);
	} catch (error) {
		throw new Error(`--log ${path}: cannot write to it (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
	}
}

function openLog(path: string): number {
	try {
		return openWritten(path, eventLogKind);
	} catch (error) {
		throw new InputError(`--log ${path}: cannot open the file for appending (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
	}
}

/** Every failure as one line on stderr (whatever a file name or a file's text in it holds), and its exit code. */
function exitCodeFor(error: unknown): number {
	const say = (message: string) => process.stderr.write(`mnist-tui: ${printable(message)}\n`);
	if (error instanceof InputError) {
		say(error.message);
		return exitCodes.input;
	}
	if (error instanceof DivergedError) {
		say(error.message);
		return exitCodes.diverged;
	}
	say(`unexpected failure: ${error instanceof Error ? error.message : String(error)}`);
	// the stack, for a developer who asks for it, goes out as it is
	if (process.env.DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
	return exitCodes.failure;
}

// a reader that goes away (| head) is not an error
process.stdout.on('error', error => {
	if ((error as NodeJS.ErrnoException).code === 'EPIPE') process.exit(exitCodes.done);
});

// an exception no mode caught (in an event handler, say): the same one paragraph and exit code; the terminal is restored on exit
process.on('uncaughtException', error => {
	leaveScreenNow();
	process.exit(exitCodeFor(error));
});

main(process.argv.slice(2)).then(
	code => process.exit(code),
	error => process.exit(exitCodeFor(error)),
);
