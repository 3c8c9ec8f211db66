import {IMAGE_COLUMNS, IMAGE_PIXELS, IMAGE_ROWS} from './data/dataset.js';
import {InputError} from './errors.js';
import {architectureParameters, architectureProblem, convArchitecture} from './nn/architecture.js';
import {type BackendChoice, backendChoices} from './nn/backend/backend.js';
import {imageSize, shapeText} from './nn/image-shape.js';
import {pooledShape} from './nn/max-pool2d.js';
import {maxLayerWidth, maxParameters, parameterCount} from './nn/model-file.js';
import {type OptimizerName, optimizerNames} from './nn/optim/optimizer.js';
import {defaultWarmup, type Schedule, scheduleNamed, scheduleNames} from './nn/optim/schedule.js';
import {
	type ArchName,
	archNames,
	type ClassSet,
	classSetFor,
	classSets,
	cnnDefaults,
	defaultLearningRates,
	defaults,
	type Recipe,
	settingRanges,
	type TrainConfig,
} from './train/config.js';

/**
 * The command line as data: one table of flags, from which both the parser
 * and --help are made. Parsing is pure: argv in, a Command or an InputError out.
 */
export type Output = 'auto' | 'json' | 'plain';

export type Command =
	| {readonly kind: 'help'}
	| {readonly kind: 'version'}
	| {
			readonly kind: 'train';
			readonly config: TrainConfig;
			readonly output: Output;
			readonly ascii: boolean;
			readonly log?: string;
			readonly record?: string;
			readonly demo: boolean;
	  }
	| {readonly kind: 'eval'; readonly config: TrainConfig; readonly output: Output; readonly model: string}
	| {readonly kind: 'browse'; readonly config: TrainConfig; readonly model: string; readonly ascii: boolean; readonly record?: string}
	| {
			readonly kind: 'predict';
			readonly config: TrainConfig;
			readonly model: string;
			readonly out?: string;
			readonly probabilities: boolean;
	  }
	/** `speed`: the logged pace times this; 0 = as fast as it draws. */
	| {readonly kind: 'replay'; readonly log: string; readonly speed: number; readonly ascii: boolean}
	| {readonly kind: 'compare'; readonly logs: readonly string[]; readonly output: Output};

type Values = Partial<Record<FlagName, string | true>>;

/** The run --demo trains unless flags say otherwise: 784-128-10 reaches 98.14% (one-cycle, batch 128, lr 0.2). */
export const demoFlags = {hidden: '128', epochs: '10', seed: '1'} as const;

interface Flag {
	/** A one-letter form, `-h` for --help. */
	readonly short?: string;
	/** The placeholder of its value; none for a switch. */
	readonly value?: string;
	readonly help: string;
	readonly default?: string;
	/** Commands that take this flag. */
	readonly commands: readonly CommandName[];
}

type CommandName = 'train' | 'eval' | 'browse' | 'predict' | 'replay' | 'compare';
const commandNames: readonly CommandName[] = ['train', 'eval', 'browse', 'predict', 'replay', 'compare'];
/** The commands that read MNIST. */
const all = ['train', 'eval', 'browse', 'predict'] as const;
const train = ['train'] as const;
const withModel = ['train', 'eval', 'browse', 'predict'] as const;

/** A default, and the cnn's after it where that differs: "4", "256; cnn 128". */
const andCnn = (mlp: string, cnn: string): string => (mlp === cnn ? mlp : `${mlp}; cnn ${cnn}`);

export const flags = {
	arch: {
		value: 'NAME',
		help: 'mlp (dense layers) | cnn (5x5 convolutions, ReLU and 2x2 max-pools, then dense layers)',
		default: "mlp; a --model's own",
		commands: train,
	},
	filters: {
		value: 'LIST',
		help: 'cnn: the filters of each convolution, comma separated (e.g. 8,16)',
		default: cnnDefaults.filters.join(','),
		commands: train,
	},
	epochs: {
		value: 'N',
		help: 'passes over the training images',
		default: andCnn(String(defaults.epochs), String(cnnDefaults.epochs)),
		commands: train,
	},
	hidden: {
		value: 'LIST',
		help: 'hidden layer sizes, comma separated (e.g. 256,128); cnn: the dense layers after the convolutions',
		default: andCnn(defaults.hidden.join(','), cnnDefaults.hidden.join(',')),
		commands: train,
	},
	'batch-size': {
		value: 'N|full',
		help: 'images per step; full = one gradient-descent step per epoch',
		default: andCnn(String(defaults.batchSize), String(cnnDefaults.batchSize)),
		commands: train,
	},
	lr: {
		value: 'X',
		help: 'learning rate (the peak of a schedule)',
		default: `${defaultLearningRates.momentum}; adam ${defaultLearningRates.adam}, gd ${defaultLearningRates.gd}; cnn ${cnnDefaults.optimizer} ${cnnDefaults.learningRate}`,
		commands: train,
	},
	schedule: {
		value: 'NAME',
		help: 'rate x --lr: constant | onecycle (warm-up, cosine to 0) | cosine | step (/10 at 50%, /100 at 75%); gd: constant',
		default: andCnn(defaults.schedule.name, cnnDefaults.schedule.name),
		commands: train,
	},
	warmup: {value: 'F', help: 'onecycle: the share of the steps that warms up to --lr', default: String(defaultWarmup), commands: train},
	optimizer: {
		value: 'NAME',
		help: `${optimizerNames.join(' | ')}`,
		default: andCnn(defaults.optimizer, cnnDefaults.optimizer),
		commands: train,
	},
	seed: {value: 'N', help: 'seed for initial weights and batch order', default: String(defaults.seed), commands: train},
	data: {
		value: 'DIR',
		help: 'folder with MNIST IDX files (raw or .gz) or mnist_train.csv/mnist_test.csv',
		default: 'the embedded MNIST',
		commands: all,
	},
	train: {value: 'FILE', help: 'training images: IDX (labels file beside it) or CSV', commands: train},
	test: {value: 'FILE', help: 'test images: IDX (labels file beside it) or CSV', commands: all},
	limit: {value: 'N', help: 'train on the first N training images', default: 'all', commands: train},
	'test-limit': {value: 'N', help: 'test on the first N test images', default: 'all', commands: all},
	classes: {value: 'NAME', help: 'class names: digits | fashion', default: 'digits; fashion for a "fashion" data path', commands: all},
	backend: {value: 'NAME', help: 'matrix products: wasm (WebAssembly SIMD) | js | auto', default: defaults.backend, commands: all},
	threads: {
		value: 'N|auto',
		help: 'threads sharing the wasm products; auto = one per core, at most 4, fewer while others take the cores',
		default: defaults.threads,
		commands: train,
	},
	model: {value: 'FILE', help: 'start from (eval, browse, predict: use) a saved model', commands: withModel},
	save: {value: 'FILE', help: 'save the model after every epoch, at the end and on interrupt', commands: train},
	resume: {value: 'FILE', help: 'continue the run checkpointed in FILE (a --save file); --epochs sets the new total', commands: train},
	log: {value: 'FILE', help: 'append the JSON Lines events to FILE', commands: train},
	patience: {value: 'N', help: 'stop when the test loss has not improved (gone lower) for N epochs in a row', commands: train},
	'save-best': {value: 'FILE', help: 'save the model of the epoch with the lowest test loss (a model, not a checkpoint)', commands: train},
	'min-accuracy': {value: 'X', help: 'exit with code 3 when the final test accuracy is below X (0-1)', commands: train},
	speed: {
		value: 'X',
		help: 'replay: the logged pace times X (2 = twice as fast; 0 = as fast as it draws)',
		default: '1',
		commands: ['replay'],
	},
	ascii: {help: 'draw with ASCII only (no Unicode blocks or lines)', commands: ['train', 'browse', 'replay']},
	record: {
		value: 'FILE.cast',
		help: 'record what is drawn as an asciicast v2 file (asciinema play FILE.cast)',
		commands: ['train', 'browse'],
	},
	demo: {
		help: `a captioned tour for talks (trains ${Object.entries(demoFlags)
			.map(([name, value]) => `--${name} ${value}`)
			.join(' ')} unless given; --arch cnn: its defaults, seed ${demoFlags.seed}); a key takes over`,
		commands: train,
	},
	out: {
		value: 'FILE.csv',
		help: 'predict: write ImageId,Label per test image to FILE, atomically',
		default: 'stdout, when it is not a terminal',
		commands: ['predict'],
	},
	probabilities: {help: 'predict: add the class probabilities as columns p0…p9', commands: ['predict']},
	json: {help: 'JSON Lines on stdout, no dashboard', commands: ['train', 'eval', 'compare']},
	plain: {help: 'plain progress lines, no dashboard', commands: ['train', 'eval', 'compare']},
	help: {short: 'h', help: 'show this help', commands: commandNames},
	version: {short: 'v', help: 'show the version (-V too)', commands: commandNames},
} as const satisfies Record<string, Flag>;

type FlagName = keyof typeof flags;

const isFlagName = (name: string): name is FlagName => Object.hasOwn(flags, name);

/** -h, -v and -V (as many programs spell the version): the switches that have a one-letter form. */
function shortFlag(arg: string): FlagName {
	const letter = arg.slice(1);
	const name = letter === 'V' ? 'version' : (Object.keys(flags) as FlagName[]).find(name => (flags[name] as Flag).short === letter);
	if (!name) throw new InputError(`unknown option ${arg} (see mnist-tui --help)`);
	return name;
}

export function parseCommandLine(argv: readonly string[]): Command {
	const positional: string[] = [];
	const values: Values = {};
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i]!;
		if (/^-[^-]/.test(arg)) {
			values[shortFlag(arg)] = true;
			continue;
		}
		if (!arg.startsWith('--') || arg === '--') {
			positional.push(arg);
			continue;
		}
		const equals = arg.indexOf('=');
		const name = arg.slice(2, equals === -1 ? undefined : equals);
		if (!isFlagName(name)) throw new InputError(`unknown option --${name} (see mnist-tui --help)`);
		const flag: Flag = flags[name];
		if (values[name] !== undefined) throw new InputError(`--${name} is given twice`);
		if (!flag.value) {
			if (equals !== -1) throw new InputError(`--${name} takes no value`);
			values[name] = true;
			continue;
		}
		const value = equals === -1 ? argv[++i] : arg.slice(equals + 1);
		if (value === undefined || (equals === -1 && value.startsWith('--'))) throw new InputError(`--${name} needs a value (${flag.value})`);
		values[name] = value;
	}
	if (values.help) return {kind: 'help'};
	if (values.version) return {kind: 'version'};

	const [commandName = 'train', ...rest] = positional;
	const isCommand = (name: string): name is CommandName => (commandNames as readonly string[]).includes(name);
	if (!isCommand(commandName)) {
		throw new InputError(
			`unknown command "${commandName}" (expected train, eval, browse, predict, replay or compare; see mnist-tui --help)`,
		);
	}
	const takesFiles = commandName === 'replay' || commandName === 'compare';
	if (rest.length > 0 && !takesFiles) throw new InputError(`unexpected argument "${rest[0]}" (see mnist-tui --help)`);
	for (const name of Object.keys(values) as FlagName[]) {
		if (!(flags[name].commands as readonly string[]).includes(commandName)) throw new InputError(`--${name} is not used by ${commandName}`);
	}
	if (values.json && values.plain) throw new InputError('--json and --plain exclude each other');
	if (commandName === 'replay' || commandName === 'compare') return runsCommand(commandName, rest, values);
	if (values.demo && (values.json || values.plain))
		throw new InputError(`--demo draws the dashboard; it does not go with --${values.json ? 'json' : 'plain'}`);
	// the demo's run, unless flags say otherwise (a --model keeps its own layers; a cnn trains with its own defaults)
	if (values.demo) {
		const run = values.arch === 'cnn' ? {seed: demoFlags.seed} : demoFlags;
		for (const [name, value] of Object.entries(run)) if (!(name === 'hidden' && values.model)) values[name as FlagName] ??= value;
	}
	const output: Output = values.json ? 'json' : values.plain ? 'plain' : 'auto';
	const config = trainConfig(values);
	if (commandName === 'predict') {
		if (!config.model) throw new InputError('predict needs --model FILE');
		return {kind: 'predict', config, model: config.model, probabilities: values.probabilities === true, ...given(values, 'out')};
	}
	if (commandName === 'eval' || commandName === 'browse') {
		if (!config.model) throw new InputError(`${commandName} needs --model FILE`);
		return commandName === 'eval'
			? {kind: 'eval', config, output, model: config.model}
			: {kind: 'browse', config, model: config.model, ascii: values.ascii === true, ...given(values, 'record')};
	}
	return {
		kind: 'train',
		config,
		output,
		ascii: values.ascii === true,
		demo: values.demo === true,
		...given(values, 'log'),
		...given(values, 'record'),
	};
}

/** replay LOG [--speed X], compare LOG LOG…: the --log files of earlier runs. */
function runsCommand(commandName: 'replay' | 'compare', files: readonly string[], values: Values): Command {
	const ascii = values.ascii === true;
	if (files.some(file => file.trim() === '')) throw new InputError(`${commandName}: a log file name is empty`);
	if (commandName === 'replay') {
		if (files.length !== 1)
			throw new InputError(`replay takes one log file (mnist-tui replay RUN.jsonl), ${files.length === 0 ? 'none' : files.length} given`);
		const speed = optional(values, 'speed', replaySpeed) ?? 1;
		return {kind: 'replay', log: files[0]!, speed, ascii};
	}
	if (files.length < 2)
		throw new InputError(
			`compare takes two or more log files (mnist-tui compare A.jsonl B.jsonl), ${files.length === 0 ? 'none' : 'one'} given`,
		);
	return {kind: 'compare', logs: files, output: values.json ? 'json' : values.plain ? 'plain' : 'auto'};
}

/** How much faster than logged: 0 (no waiting) or 0.01 to 10,000. */
function replaySpeed(text: string): number {
	const value = Number(text);
	const rule = '(2 = twice as fast, 0 = as fast as it draws)';
	if (text.trim() === '' || !Number.isFinite(value)) throw new InputError(`--speed ${text}: not a number ${rule}`);
	if (value !== 0 && value < 0.01) throw new InputError(`--speed ${text}: 0 or at least 0.01 ${rule}`);
	return inRange('speed', text, value, 0, 10_000, ` ${rule}`);
}

function trainConfig(values: Values): TrainConfig {
	const sources = {...given(values, 'data'), ...given(values, 'train'), ...given(values, 'test')};
	const arch = optional(values, 'arch', archName);
	const hidden = optional(values, 'hidden', hiddenSizes);
	const filters = network(values, arch, hidden);
	const config: TrainConfig = {
		...recipe(values, arch ?? 'mlp'),
		seed: optional(values, 'seed', text => wholeNumber('seed', text, ...settingRanges.seed)) ?? defaults.seed,
		classes: optional(values, 'classes', classSet) ?? classSetFor(sources),
		backend: optional(values, 'backend', backend) ?? defaults.backend,
		threads:
			optional(values, 'threads', text => (text === 'auto' ? 'auto' : wholeNumber('threads', text, ...settingRanges.threads, 'auto'))) ??
			defaults.threads,
		sources,
	};
	const limit = optional(values, 'limit', text => wholeNumber('limit', text, ...settingRanges.images));
	const testLimit = optional(values, 'test-limit', text => wholeNumber('test-limit', text, ...settingRanges.images));
	const minAccuracy = optional(values, 'min-accuracy', text => fraction('min-accuracy', text));
	const patience = optional(values, 'patience', text => wholeNumber('patience', text, ...settingRanges.epochs));
	// a --model without --arch is trained as what it is: a cnn with the cnn's recipe where no flag says otherwise
	const cnnRecipe = values.model !== undefined && arch === undefined ? {cnnRecipe: recipe(values, 'cnn')} : {};
	return {
		...(arch === undefined ? {} : {arch}),
		...(filters === undefined ? {} : {filters}),
		...cnnRecipe,
		...config,
		...(hidden === undefined ? {} : {hidden}),
		...(limit === undefined ? {} : {limit}),
		...(testLimit === undefined ? {} : {testLimit}),
		...(minAccuracy === undefined ? {} : {minAccuracy}),
		...(patience === undefined ? {} : {patience}),
		...given(values, 'model'),
		...given(values, 'save'),
		...(values['save-best'] === undefined ? {} : {saveBest: text(values, 'save-best')}),
		...resumeRequest(values),
	};
}

/** How the network is trained: the flags given, the defaults of its kind for the others. */
function recipe(values: Values, arch: ArchName): Recipe {
	const kind = arch === 'cnn' ? cnnDefaults : defaults;
	const chosenOptimizer = optional(values, 'optimizer', optimizer) ?? kind.optimizer;
	const defaultRate =
		arch === 'cnn' && chosenOptimizer === cnnDefaults.optimizer ? cnnDefaults.learningRate : defaultLearningRates[chosenOptimizer];
	return {
		epochs: optional(values, 'epochs', text => wholeNumber('epochs', text, ...settingRanges.epochs)) ?? kind.epochs,
		batchSize:
			optional(values, 'batch-size', text =>
				text === 'full' ? 'full' : wholeNumber('batch-size', text, ...settingRanges.batchSize, 'full'),
			) ?? kind.batchSize,
		learningRate: optional(values, 'lr', learningRate) ?? defaultRate,
		schedule: schedule(values, chosenOptimizer === 'gd' ? 'constant' : kind.schedule.name),
		optimizer: chosenOptimizer,
	};
}

/**
 * --filters (a cnn's only) and a network these flags describe that the
 * program can hold: for a cnn, convolutions that fit the 28×28 images and
 * layers a model file can carry; for either, weights and biases within the
 * limit. (With --model the model's layers are checked when it is read.)
 */
function network(values: Values, arch: ArchName | undefined, hidden: readonly number[] | undefined): number[] | undefined {
	const filters = optional(values, 'filters', filterCounts);
	// --resume compares --filters with the run's own
	if (filters !== undefined && arch !== 'cnn' && values.resume === undefined)
		throw new InputError(`--filters goes with --arch cnn${arch === undefined ? '' : `, not ${arch}`}`);
	if (arch !== 'cnn') {
		if (hidden !== undefined) withinLimit(`--hidden ${hidden.join(',')}`, parameterCount([IMAGE_PIXELS, ...hidden, 10]));
		return filters;
	}
	const counts = filters ?? cnnDefaults.filters;
	const architecture = convArchitecture(
		{channels: 1, height: IMAGE_ROWS, width: IMAGE_COLUMNS},
		{filters: counts, hidden: hidden ?? cnnDefaults.hidden, classes: 10},
	);
	const problem = architectureProblem(architecture);
	if (problem) {
		// "layer 5: …" counts the pools too: said as the convolution it is
		const layer = Number(/^layer (\d+): /.exec(problem)?.[1] ?? 0);
		const convolution = architecture.layers.slice(0, layer).filter(spec => spec.kind === 'conv').length;
		const where =
			layer > 0 ? `convolution ${convolution} on ${IMAGE_ROWS}×${IMAGE_COLUMNS} images` : `${IMAGE_ROWS}×${IMAGE_COLUMNS} images`;
		throw new InputError(`--filters ${counts.join(',')}: ${problem.replace(/^layer \d+: /, '')} (${where})`);
	}
	let shape = architecture.input;
	for (const layer of architecture.layers) {
		if (layer.kind === 'pool') shape = pooledShape(shape);
		if (layer.kind !== 'conv') continue;
		shape = {channels: layer.filters, height: shape.height - layer.kernel + 1, width: shape.width - layer.kernel + 1};
		if (imageSize(shape) > maxLayerWidth) {
			throw new InputError(
				`--filters ${counts.join(',')}: a convolution of ${layer.filters} filters gives ${shapeText(shape)} = ${imageSize(shape).toLocaleString('en-US')} values, more than the ${maxLayerWidth.toLocaleString('en-US')} a layer here may have`,
			);
		}
	}
	// the flags given name the network: both when both were given
	const named = [
		...(filters === undefined ? [] : [`--filters ${counts.join(',')}`]),
		...(hidden === undefined ? [] : [`--hidden ${hidden.join(',')}`]),
	];
	withinLimit(named.join(' ') || `--filters ${counts.join(',')}`, architectureParameters(architecture));
	return filters;
}

/** A network of more weights and biases than the program holds, named by the flags that describe it. */
function withinLimit(flags: string, parameters: number): void {
	if (parameters <= maxParameters) return;
	throw new InputError(
		`${flags}: ${parameters.toLocaleString('en-US')} weights and biases, more than the ${maxParameters.toLocaleString('en-US')} a network here may have`,
	);
}

/** --resume FILE, with the flags given beside it: the run's settings come from FILE, and a different one is an error. */
function resumeRequest(values: Values): Pick<TrainConfig, 'resume'> {
	if (values.resume === undefined) return {};
	if (values.model !== undefined)
		throw new InputError('--model and --resume exclude each other: --resume continues a run with its own weights');
	return {resume: {file: text(values, 'resume'), given: Object.keys(values)}};
}

function optional<T>(values: Values, name: FlagName, parse: (text: string) => T): T | undefined {
	return values[name] === undefined ? undefined : parse(text(values, name));
}

/** {name: value} when the flag was given (an empty value is an error), else {}. */
function given<Name extends FlagName>(values: Values, name: Name): Partial<Record<Name, string>> {
	return values[name] === undefined ? {} : ({[name]: text(values, name)} as Record<Name, string>);
}

function text(values: Values, name: FlagName): string {
	const value = values[name];
	if (typeof value !== 'string' || value.trim() === '')
		throw new InputError(`--${name} needs a value (${(flags[name] as Flag).value ?? ''})`);
	return value;
}

/**
 * A whole number from min to max; the message states the rule the value breaks
 * (`--epochs 0: at least 1`, `--epochs ten: not a whole number (1 to 100000)`).
 * `or` names a word the flag takes as well (`full`, `auto`).
 */
function wholeNumber(name: string, text: string, min: number, max: number, or?: string): number {
	const value = Number(text);
	if (text.trim() === '' || !Number.isFinite(value) || !Number.isInteger(value) || !/^[+-]?\d+$/.test(text.trim()))
		throw new InputError(`--${name} ${text}: not a whole number (${min} to ${max}${or ? `, or ${or}` : ''})`);
	return inRange(name, text, value, min, max);
}

/** `--lr 1e20: at most 1e9`: a number outside the flag's range, said as the bound it crosses. */
function inRange(name: string, text: string, value: number, min: number, max: number, example = ''): number {
	if (value < min) throw new InputError(`--${name} ${text}: at least ${min}${example}`);
	if (value > max) throw new InputError(`--${name} ${text}: at most ${max}${example}`);
	return value;
}

/** Hidden layer widths (checked against the limit on weights once the kind of network is known). */
function hiddenSizes(text: string): number[] {
	return text.split(',').map(part => wholeNumber('hidden', part, 1, maxLayerWidth));
}

/** Filter counts of a cnn's convolutions, one or more. */
function filterCounts(text: string): number[] {
	if (!/^\s*\d+(\s*,\s*\d+)*\s*$/.test(text)) throw new InputError(`--filters ${text}: not a list of whole numbers (e.g. 8,16)`);
	return text.split(',').map(part => wholeNumber('filters', part.trim(), 1, maxLayerWidth));
}

function archName(text: string): ArchName {
	const name = archNames.find(known => known === text);
	if (!name) throw new InputError(`--arch "${text}" is not one of ${archNames.join(', ')}`);
	return name;
}

/** Above 0 (a rate of 0 learns nothing) and at most 1e9: a rate past that overflows float32 on the first step. */
function learningRate(text: string): number {
	const value = Number(text);
	const [above, max] = settingRanges.learningRate;
	if (text.trim() === '' || !Number.isFinite(value)) throw new InputError(`--lr ${text}: not a number (e.g. 0.05)`);
	if (value <= above) throw new InputError(`--lr ${text}: more than ${above} (e.g. 0.05)`);
	if (value > max) throw new InputError(`--lr ${text}: at most ${max.toExponential().replace('e+', 'e')}`);
	return value;
}

function fraction(name: string, text: string): number {
	const value = Number(text);
	if (text.trim() === '' || !Number.isFinite(value))
		throw new InputError(`--${name} ${text}: not a number (a fraction from 0 to 1, e.g. 0.98)`);
	return inRange(name, text, value, 0, 1, ' (a fraction: 0.98 for 98%)');
}

function optimizer(text: string): OptimizerName {
	const name = optimizerNames.find(known => known === text);
	if (!name) throw new InputError(`--optimizer "${text}" is not one of ${optimizerNames.join(', ')}`);
	return name;
}

/** --schedule and --warmup: the network's default (constant for gd: the tutorial's plain descent keeps its rate). */
function schedule(values: Values, fallback: Schedule['name']): Schedule {
	const name =
		optional(values, 'schedule', text => {
			const known = scheduleNames.find(name => name === text);
			if (!known) throw new InputError(`--schedule "${text}" is not one of ${scheduleNames.join(', ')}`);
			return known;
		}) ?? fallback;
	const warmup = optional(values, 'warmup', text => fraction('warmup', text));
	if (warmup !== undefined && name !== 'onecycle') throw new InputError(`--warmup goes with --schedule onecycle, not ${name}`);
	return scheduleNamed(name, warmup);
}

function backend(text: string): BackendChoice {
	const name = backendChoices.find(known => known === text);
	if (!name) throw new InputError(`--backend "${text}" is not one of ${backendChoices.join(', ')}`);
	return name;
}

function classSet(text: string): ClassSet {
	if (!Object.hasOwn(classSets, text)) throw new InputError(`--classes "${text}" is not one of ${Object.keys(classSets).join(', ')}`);
	return text as ClassSet;
}
