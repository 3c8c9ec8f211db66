import {firstImages, IMAGE_COLUMNS, IMAGE_ROWS} from '../data/dataset.js';
import {loadTest, loadTrain, testImagesFileBytes, trainImagesFileBytes} from '../data/load.js';
import {sourceFiles} from '../data/source-files.js';
import {InputError} from '../errors.js';
import {type Architecture, buildNetwork} from '../nn/architecture.js';
import type {Backend} from '../nn/backend/backend.js';
import {createBackend} from '../nn/backend/create-backend.js';
import {serializeModel} from '../nn/model-file.js';
import type {Network} from '../nn/network.js';
import {createOptimizer} from '../nn/optim/create-optimizer.js';
import {constantSchedule, scheduleFactor} from '../nn/optim/schedule.js';
import {Rng} from '../nn/rng.js';
import {checkpointFields, runSettings} from './checkpoint/checkpoint.js';
import {checkSaveTarget, readModelFile, writeModelFile} from './checkpoint/model-store.js';
import {openResume, type Resumed, resumedState} from './checkpoint/resume.js';
import {classSets, type TrainConfig, threadTeam} from './config.js';
import {applyRequest, type ControlRequest, type ControlValues, startingControls, steer} from './controls.js';
import {checkInputs, checkLabels, evaluate} from './evaluate.js';
import type {EpochResult, EpochSummary, RunEvent} from './events.js';
import {modelFitsFlags, trainedAs} from './model-flags.js';
import {architectureFor, architectureOf, archOf} from './network-architecture.js';
import {lowestTestLoss, patienceStanding, stopsForPatience} from './patience.js';
import {batchesPerEpoch, newTrainerState, type TrainerState, trainer} from './trainer.js';
import {touchPages, warmUp} from './warm-up.js';
import {weightsSnapshot} from './weights-snapshot.js';

/**
 * Evaluate the first `images` test images every `everyMs` during epochs (less
 * often if that would cost more than a few percent of the training time).
 */
export interface Probe {
	readonly images: number;
	readonly everyMs: number;
}

export interface RunControl {
	/** Checked between steps: once true, the run saves and ends with a done event. */
	readonly stopRequested?: () => boolean;
	/** Checked between steps: a promise while paused, settled on resume. */
	readonly whilePaused?: () => Promise<void> | undefined;
	/** A live confusion matrix during epochs: see Probe. */
	readonly probe?: Probe;
	/** Copies of every layer's weights with the start, each probe and each epoch: for a view inside the network. */
	readonly weights?: boolean;
	/** Checked between steps (and woken while paused): the changes asked for since, applied before the next step. */
	readonly requests?: () => readonly ControlRequest[];
	/** Checked while paused: true once for each single step asked for; the run trains one batch and stays paused. */
	readonly takeStep?: () => boolean;
}

/** A probe may take at most this share of the time between probes. */
const probeShare = 0.03;

/** How often, at most, a run lets the event loop in (signals, messages) between steps. */
const yieldEveryMs = 50;

/**
 * A whole training run: load, build or load the network, train, save. The
 * JSON Lines, plain and dashboard modes all consume these events.
 */
export async function* runTraining(config: TrainConfig, control: RunControl = {}): AsyncGenerator<RunEvent, void, undefined> {
	const backend = createBackend(config.backend, threadTeam(config.threads));
	try {
		yield* runOn(backend, config, control);
	} finally {
		backend.close();
	}
}

/** Reads data; when a checkpoint named it, a file that cannot be found or read says where the name came from. */
async function namedBy<T>(resumed: Resumed | undefined, read: () => Promise<T>): Promise<T> {
	try {
		return await read();
	} catch (error) {
		if (!(resumed?.namedData && error instanceof InputError)) throw error;
		throw new InputError(`${error.message} (data named in ${resumed.file}; give --data, --train or --test for where it is now)`);
	}
}

async function* runOn(backend: Backend, requested: TrainConfig, control: RunControl): AsyncGenerator<RunEvent, void, undefined> {
	const started = performance.now();
	const resumed = requested.resume ? openResume(requested, backend) : undefined;
	let config = resumed?.config ?? requested;
	if (config.save || config.saveBest) {
		// the save targets against every file the run reads (the data a checkpoint names too); a checkpoint's own file is where it saves
		const inputs = [
			...(config.model === undefined ? [] : [{path: config.model, what: `--model ${config.model}`}]),
			...(await namedBy(resumed, () => sourceFiles(config.sources))),
		];
		if (config.save) checkSaveTarget(config.save, inputs, resumed && config.save === resumed.file ? '--resume' : '--save');
		if (config.saveBest) checkSaveTarget(config.saveBest, inputs, '--save-best');
	}
	const saved = resumed?.model ?? (config.model ? readModelFile(config.model, '--model', backend) : undefined);
	if (saved && !resumed) {
		// before the data loads: flags that describe another network than the model's are refused at once
		modelFitsFlags(config, architectureOf(saved.network, mnistImage), saved.network.sizes, config.model!);
		// a --model is trained with the recipe of its kind where no flag says otherwise
		config = trainedAs(config, saved.network);
	}
	yield {type: 'loading'};
	// where the training images are packed fastest; taken before the warm-up, which gives back all it takes
	const room = backend.imageBytes?.(trainImagesFileBytes);
	// the code's first, slow runs happen on a throwaway network while the training images load
	const trainLoaded = new AbortController();
	const warm = warmUp(backend, config.optimizer, trainLoaded.signal, convolutional(saved?.network, config));
	// a failure shows again in the run itself; when the files fail first, the warm-up's is not awaited
	warm.catch(() => undefined);
	const train = await namedBy(resumed, () => loadTrain(config.sources, config.limit, room));
	// the warm-up ends here: its turns would take turns with the first touch of the images' pages, 60-90 ms longer then
	trainLoaded.abort();
	// the test images in memory any thread can read: a run in a worker shows them to the main thread with no copy
	const testRoom = new Uint8Array(new SharedArrayBuffer(testImagesFileBytes));
	const [test] = await Promise.all([
		namedBy(resumed, () => loadTest(config.sources, config.testLimit, testRoom)),
		touchPages(train.images),
	]);
	await warm;
	if (config.minAccuracy !== undefined && test.labels === null) {
		throw new InputError(`--min-accuracy needs test images with labels, and ${test.source} has none`);
	}
	const watchesTestLoss = config.patience !== undefined || config.saveBest !== undefined;
	if (watchesTestLoss && test.labels === null) {
		throw new InputError(
			`--${config.patience === undefined ? 'save-best' : 'patience'} needs test images with labels, and ${test.source} has none`,
		);
	}
	const input = {channels: 1, height: train.rows, width: train.columns};
	const rng = resumed?.checkpoint.rng ?? new Rng(config.seed);
	let network: Network;
	if (saved) {
		network = saved.network;
		checkInputs(network, train, resumed?.file ?? config.model!);
	} else {
		network = buildNetwork(architectureFor(config, input, 10), rng, backend);
	}
	const architecture = architectureOf(network, input);
	const classes = saved ? saved.classes : classSets[config.classes];
	checkLabels(train, network.classes);
	checkLabels(test, network.classes);
	const optimizer = createOptimizer(config.optimizer, config.learningRate);
	const state = resumed ? resumedState(resumed, network, optimizer, train.count) : newTrainerState(train.count);
	// a resumed run goes on with the values in force when it stopped
	let controls: ControlValues = resumed?.checkpoint.controls ?? startingControls(config.optimizer, config.learningRate);
	steer(optimizer, controls);
	const history: EpochSummary[] = [...(resumed?.checkpoint.history ?? [])];
	if (resumed && config.patience !== undefined) refuseStoppedRun(resumed.file, history, config.patience);
	const weights = () => (control.weights ? weightsSnapshot(network) : {});
	yield {
		type: 'start',
		config,
		layers: network.sizes,
		architecture,
		classes,
		trainCount: train.count,
		testCount: test.count,
		trainSource: train.source,
		testSource: test.source,
		backend: network.backend,
		threads: backend.threads,
		test: {images: test.images, labels: test.labels, count: test.count},
		...(resumed ? {resumed: {file: resumed.file, epochs: state.epoch - 1, batch: state.batch, history: [...history]}} : {}),
		...weights(),
		controls,
	};

	let last: EpochResult | undefined;
	let interrupted = false;
	let savedTo: string | null = null;
	const settings = runSettings(config, network.sizes, architecture);
	const save = () => {
		if (!config.save || !network.hasFiniteWeights()) return false;
		const checkpoint = checkpointFields({settings, state, rng, optimizer: optimizer.state(), history, controls});
		writeModelFile(config.save, serializeModel(network, classes, checkpoint));
		savedTo = config.save;
		return true;
	};

	// the best so far is the history's: a resumed run never replaces the best file with a worse model than one it already had
	let best = lowestTestLoss(history);
	let bestSavedTo: string | null = null;
	const saveBest = () => {
		if (!config.saveBest || !best || !network.hasFiniteWeights()) return;
		const extra = {best, history: history.filter(epoch => epoch.epoch <= best!.epoch)};
		writeModelFile(config.saveBest, serializeModel(network, classes, extra), '--save-best');
		bestSavedTo = config.saveBest;
	};
	// a checkpoint taken at the end of its best epoch holds the best model: it is the one to keep until an epoch beats it
	if (resumed && state.batch === 0 && best && best.epoch === history.at(-1)?.epoch) saveBest();
	let stoppedForPatience = false;

	let lastYield = performance.now();
	const probeSet = control.probe && test.labels ? firstImages(test, control.probe.images) : undefined;
	let nextProbe = performance.now() + (control.probe?.everyMs ?? 0);
	const steps = trainer({
		network,
		train,
		test,
		rng,
		optimizer,
		state,
		epochs: config.epochs,
		batchSize: config.batchSize,
		// the schedule scales the base rate in force: a change from the dashboard scales the rest of the curve
		learningRate: (step, steps) => controls.learningRate * scheduleFactor(config.schedule ?? constantSchedule, step, steps),
	});
	const batches = batchesPerEpoch(config.batchSize, train.count);
	/** The changes asked for, made for the next step: each a control event, or a refusal. */
	function* steering(requests: readonly ControlRequest[]): Generator<RunEvent, void, undefined> {
		for (const request of requests) {
			const outcome = applyRequest(controls, request, config.optimizer);
			if (outcome.kind === 'refused') {
				yield {type: 'control-refused', setting: outcome.setting, reason: outcome.reason};
				continue;
			}
			controls = outcome.values;
			steer(optimizer, controls);
			const {setting, from, to} = outcome;
			yield {type: 'control', ...nextStep(state, batches), setting, from, to, values: controls};
		}
	}
	// after a single step asked for while paused: on to the next batch (through an epoch's end), then paused again
	let stepping = false;
	for (const event of steps) {
		if (event.type === 'batch') stepping = false;
		yield event.type === 'epoch' ? {...event, ...weights()} : event;
		if (event.type === 'epoch') {
			last = event;
			history.push({
				epoch: event.epoch,
				trainLoss: event.trainLoss,
				trainAccuracy: event.trainAccuracy,
				testLoss: event.testLoss,
				testAccuracy: event.testAccuracy,
				seconds: event.seconds,
			});
			if (save()) yield {type: 'saved', path: config.save!, epoch: event.epoch};
			const lowest = lowestTestLoss(history);
			if (lowest && lowest.epoch !== best?.epoch) {
				best = lowest;
				saveBest();
			}
			// the last epoch ends the run anyway: the rule stops it only before
			stoppedForPatience =
				config.patience !== undefined && event.epoch < config.epochs && stopsForPatience(history, config.patience) !== null;
			if (stoppedForPatience) break;
		}
		if (probeSet && event.type === 'batch' && performance.now() >= nextProbe) {
			const probeStarted = performance.now();
			const probe = evaluate(network, probeSet);
			const cost = performance.now() - probeStarted;
			nextProbe = performance.now() + Math.max(control.probe!.everyMs, cost / probeShare);
			yield {
				type: 'probe',
				epoch: event.epoch,
				batch: event.batch,
				images: probeSet.count,
				accuracy: probe.accuracy!,
				confusion: probe.confusion!,
				...weights(),
			};
		}
		// a pause is woken by a change or a step asked for, and goes on until resumed
		for (;;) {
			yield* steering(control.requests?.() ?? []);
			const paused = control.whilePaused?.();
			if (!paused || stepping) break;
			if (control.takeStep?.()) {
				stepping = true;
				break;
			}
			await paused;
			lastYield = performance.now();
		}
		if (performance.now() - lastYield > yieldEveryMs) {
			await new Promise(resolve => setImmediate(resolve));
			lastYield = performance.now();
		}
		if (control.stopRequested?.()) {
			interrupted = state.epoch <= config.epochs;
			break;
		}
	}
	// an interrupted run keeps what it learned since the last epoch too, and where it stood in it
	if (interrupted) save();
	const latest = history.at(-1);
	const standing = watchesTestLoss ? patienceStanding(history) : null;
	yield {
		type: 'done',
		epochs: latest?.epoch ?? 0,
		testAccuracy: latest?.testAccuracy ?? null,
		testLoss: latest?.testLoss ?? null,
		seconds: (performance.now() - started) / 1000,
		confusion: last?.test.confusion ?? null,
		classes,
		savedTo,
		interrupted,
		history,
		...(stoppedForPatience ? {stopped: 'patience'} : interrupted ? {stopped: 'interrupted'} : {}),
		...(standing ? {best: standing} : {}),
		...(config.saveBest ? {bestSavedTo} : {}),
		...(interrupted ? {stoppedIn: {epoch: state.epoch, epochs: config.epochs, batch: state.batch, batches}} : {}),
	};
}

/** The images of MNIST; a run reads the shape of its own data once loaded. */
const mnistImage = {channels: 1, height: IMAGE_ROWS, width: IMAGE_COLUMNS};

/** The architecture of a cnn about to be trained (on MNIST-sized images, as the warm-up's are), or undefined for a dense network. */
function convolutional(saved: Network | undefined, config: TrainConfig): Architecture | undefined {
	const architecture = saved ? architectureOf(saved, mnistImage) : architectureFor(config, mnistImage, 10);
	return archOf(architecture) === 'cnn' ? architecture : undefined;
}

/** A resumed run whose history already meets the --patience rule would have stopped there: it is not trained further. */
function refuseStoppedRun(file: string, history: readonly EpochSummary[], patience: number): void {
	const standing = stopsForPatience(history, patience);
	if (!standing) return;
	throw new InputError(
		`--resume ${file}: the test loss has not improved for ${standing.epochsWithout} epochs (best ${standing.testLoss.toPrecision(4)} at epoch ${standing.epoch}), so --patience ${patience} ends the run there; give a larger --patience to train further (e.g. --patience ${standing.epochsWithout + 1})`,
	);
}

/** The step a change made now holds from: the next of this epoch, or the first of the next. */
function nextStep(state: TrainerState, batches: number): {epoch: number; step: number} {
	return state.batch >= batches ? {epoch: state.epoch + 1, step: 1} : {epoch: state.epoch, step: state.batch + 1};
}
