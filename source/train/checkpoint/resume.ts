import {InputError} from '../../errors.js';
import type {Backend} from '../../nn/backend/backend.js';
import {Conv2d} from '../../nn/conv2d.js';
import type {Model} from '../../nn/model-file.js';
import type {Network} from '../../nn/network.js';
import type {Optimizer} from '../../nn/optim/optimizer.js';
import {constantSchedule} from '../../nn/optim/schedule.js';
import type {TrainConfig} from '../config.js';
import type {TrainerState} from '../trainer.js';
import {type Checkpoint, parseCheckpoint} from './checkpoint.js';
import {readModelFile} from './model-store.js';

/** A checkpointed run, read back for --resume. */
export interface Resumed {
	/** The run's own settings, with the new --epochs total, the data flags given now, and where to save. */
	readonly config: TrainConfig;
	readonly model: Model;
	readonly checkpoint: Checkpoint;
	readonly file: string;
	/** No data flag was given: the run reads the data files the checkpoint names. */
	readonly namedData: boolean;
}

/**
 * Reads the checkpoint named by --resume and decides the run's settings:
 * the checkpoint's, except --epochs (the new total: a schedule is then
 * followed over the new number of steps, from the step the run stopped at), --patience, --backend and the data
 * flags (the files may have moved; the image count must stay). A setting
 * given on the command line that differs from the checkpoint's is an error
 * rather than silently ignored. Saves go back to the same file unless --save
 * names another.
 */
export function openResume(requested: TrainConfig, backend: Backend): Resumed {
	const {file, given} = requested.resume!;
	const model = readModelFile(file, '--resume', backend);
	const checkpoint = parseCheckpoint(model.extra, file);
	const saved = checkpoint.settings;
	const hidden = saved.layers.slice(1, -1);
	const settings: [flag: string, wanted: unknown, kept: unknown][] = [
		['arch', requested.arch, saved.arch ?? 'mlp'],
		['filters', requested.filters?.join(','), saved.filters?.join(',') ?? 'none'],
		['hidden', requested.hidden?.join(','), hidden.join(',')],
		['batch-size', requested.batchSize, saved.batchSize],
		['lr', requested.learningRate, saved.learningRate],
		['optimizer', requested.optimizer, saved.optimizer],
		['schedule', requested.schedule?.name, (saved.schedule ?? constantSchedule).name],
		[
			'warmup',
			requested.schedule?.name === 'onecycle' && requested.schedule.warmup,
			saved.schedule?.name === 'onecycle' ? saved.schedule.warmup : 'none',
		],
		['seed', requested.seed, saved.seed],
		['classes', requested.classes, saved.classes],
		['limit', requested.limit, saved.limit ?? 'all'],
		['test-limit', requested.testLimit, saved.testLimit ?? 'all'],
	];
	for (const [flag, wanted, kept] of settings) {
		if (given.includes(flag) && String(wanted) !== String(kept)) {
			// its weights are of its own network: another one cannot start from them
			const fresh = flag === 'arch' || flag === 'filters' ? '' : `, or start a new run from its weights with --model ${file}`;
			throw new InputError(
				`--${flag} ${String(wanted)} does not match the run in ${file} (${flag} ${String(kept)}); leave --${flag} out to resume it${fresh}`,
			);
		}
	}
	const done = checkpoint.state.epoch - 1;
	const epochs = given.includes('epochs') ? requested.epochs : saved.epochs;
	if (epochs <= done) {
		const what = given.includes('epochs')
			? `--epochs ${epochs}: the run in ${file} has already done ${done} epochs`
			: `--resume ${file}: the run has done all its ${done} epochs`;
		throw new InputError(`${what}; give a higher total to train further (e.g. --epochs ${done + Math.max(1, saved.epochs)})`);
	}
	// like --epochs, --patience given now replaces the run's own
	const patience = given.includes('patience') ? requested.patience : saved.patience;
	const dataGiven = dataFlagsGiven(requested);
	const {limit, testLimit} = saved;
	const config: TrainConfig = {
		...(saved.arch === undefined ? {} : {arch: saved.arch}),
		...(saved.filters === undefined ? {} : {filters: saved.filters}),
		hidden,
		epochs,
		batchSize: saved.batchSize,
		learningRate: saved.learningRate,
		...(saved.schedule === undefined ? {} : {schedule: saved.schedule}),
		optimizer: saved.optimizer,
		seed: saved.seed,
		classes: saved.classes,
		sources: dataGiven ? requested.sources : saved.sources,
		...(limit === undefined ? {} : {limit}),
		...(testLimit === undefined ? {} : {testLimit}),
		backend: requested.backend,
		...(requested.threads === undefined ? {} : {threads: requested.threads}),
		...(requested.minAccuracy === undefined ? {} : {minAccuracy: requested.minAccuracy}),
		...(patience === undefined ? {} : {patience}),
		...(requested.saveBest === undefined ? {} : {saveBest: requested.saveBest}),
		save: requested.save ?? file,
		resume: requested.resume!,
	};
	return {config, model, checkpoint, file, namedData: !dataGiven};
}

/** The checkpoint's place in the run, its optimizer state restored, checked against the data loaded now. */
export function resumedState(resumed: Resumed, network: Network, optimizer: Optimizer, trainCount: number): TrainerState {
	const {checkpoint, file} = resumed;
	const {state, settings} = checkpoint;
	if (settings.layers.join() !== network.sizes.join()) {
		throw new InputError(
			`--resume ${file}: the training state is damaged: training.config.layers ${settings.layers.join('-')} do not match the model's ${network.sizes.join('-')}`,
		);
	}
	const filters = network.features.flatMap(layer => (layer instanceof Conv2d ? [layer.geometry.filters] : []));
	if ((settings.filters ?? []).join() !== filters.join()) {
		const model = filters.length === 0 ? 'a dense network' : `a cnn of filters ${filters.join(',')}`;
		const said = settings.filters ? `filters ${settings.filters.join(',')}` : 'a dense network';
		throw new InputError(`--resume ${file}: the training state is damaged: training.config says ${said}, the model is ${model}`);
	}
	if (state.order.length !== trainCount) {
		throw new InputError(
			`--resume ${file}: the run trained on ${state.order.length} images, the training data now has ${trainCount}; resume with the same data`,
		);
	}
	const batches = settings.batchSize === 'full' ? 1 : Math.ceil(trainCount / Math.min(settings.batchSize, trainCount));
	if (state.batch > batches)
		throw new InputError(
			`--resume ${file}: the training state is damaged: training.batch ${state.batch} is past the ${batches} steps of an epoch`,
		);
	try {
		optimizer.restore(checkpoint.optimizer, network.parameters());
	} catch (error) {
		throw new InputError(`--resume ${file}: the training state is damaged: training.optimizerState ${(error as Error).message}`);
	}
	return state;
}

/** Whether the resumed run was given data flags: without them it reads the data its checkpoint names. */
export const dataFlagsGiven = (requested: TrainConfig): boolean =>
	['data', 'train', 'test'].some(flag => requested.resume?.given.includes(flag));
