/**
 * Keys are data: one table from key to action. The key handler and the
 * help overlay both read it, so the help can never disagree with the keys.
 */
import {glyphsFor} from '../../text/glyphs.js';
import type {ControlRequest} from '../../train/controls.js';

export type KeyAction =
	| 'togglePause'
	| 'stepOnce'
	| ControlRequest
	| 'toggleHelp'
	| 'switchView'
	| 'showNetwork'
	| 'toggleDraw'
	| 'quit'
	| 'interrupt';

/** The keys that steer a training run: none where nothing trains (browse). */
export const runActions: ReadonlySet<KeyAction> = new Set([
	'togglePause',
	'stepOnce',
	'raiseLearningRate',
	'lowerLearningRate',
	'raiseMomentum',
	'lowerMomentum',
]);

export interface KeyBinding {
	/** Characters that trigger the action, as typed. */
	readonly inputs: readonly string[];
	/** How the help shows the key. */
	readonly label: string;
	readonly action: KeyAction;
	readonly help: string;
}

export const dashboardKeys: readonly KeyBinding[] = [
	{inputs: ['p', ' '], label: 'p, space', action: 'togglePause', help: 'pause or resume training'},
	{inputs: ['n'], label: 'n', action: 'stepOnce', help: 'while paused: train one batch, then pause again'},
	{inputs: ['+', '='], label: '+', action: 'raiseLearningRate', help: 'double the learning rate, from the next batch'},
	{inputs: ['-'], label: '-', action: 'lowerLearningRate', help: 'halve the learning rate, from the next batch'},
	{inputs: [']'], label: ']', action: 'raiseMomentum', help: "momentum (Adam's beta1) up 0.05, at most 0.99"},
	{inputs: ['['], label: '[', action: 'lowerMomentum', help: "momentum (Adam's beta1) down 0.05, at least 0"},
	{inputs: ['\t'], label: 'tab', action: 'switchView', help: 'the next view: dashboard, test digits, network'},
	{inputs: ['w'], label: 'w', action: 'showNetwork', help: "the network: each hidden unit's weights, and how it fires"},
	{inputs: ['d'], label: 'd', action: 'toggleDraw', help: 'draw a digit for the network to read (d again or Esc: back)'},
	{inputs: ['?'], label: '?', action: 'toggleHelp', help: 'show or hide this help'},
	{inputs: ['q'], label: 'q', action: 'quit', help: 'quit (saves the model when --save was given)'},
	{inputs: ['\u0003'], label: 'Ctrl-C', action: 'interrupt', help: 'stop at once (saves with --save), exit code 130'},
];

/** What Ink reports as typed, with Ctrl-C and tab as the characters the table lists. */
export const typedInput = (input: string, key: {readonly ctrl?: boolean; readonly tab?: boolean}): string =>
	key.ctrl && input === 'c' ? '\u0003' : key.tab ? '\t' : input;

/** The actions of a chunk of typed input; keys can arrive batched ("pp"). */
export function actionsFor(input: string, bindings: readonly KeyBinding[] = dashboardKeys): KeyAction[] {
	const actions: KeyAction[] = [];
	for (const character of input) {
		const binding = bindings.find(candidate => candidate.inputs.includes(character));
		if (binding) actions.push(binding.action);
	}
	return actions;
}

/**
 * The hint line under a view: the view's own keys, pause, where tab goes, help, quit:
 * "w network · d draw · p pause · tab digits · ? help · q quit" ("… - p pause - …" in ASCII).
 * Given a width, the view's last keys give way first, so that pause, tab, help and quit always show.
 */
export function keyHint({paused, finished, next, view = [], ascii = false, width = Number.POSITIVE_INFINITY}: HintParts): string {
	const pause = finished ? [] : paused ? ['p resume', 'n step'] : ['p pause'];
	const always = [...pause, ...(next === null ? [] : [`tab ${next}`]), '? help', 'q quit'];
	const separator = glyphsFor(ascii).separator;
	let shown = view.length;
	const line = () => [...view.slice(0, shown), ...always].join(separator);
	while (shown > 0 && Array.from(line()).length > width) shown--;
	return line();
}

export interface HintParts {
	readonly paused: boolean;
	readonly finished: boolean;
	/** Where tab goes, or null. */
	readonly next: string | null;
	/** The shown view's keys. */
	readonly view?: readonly string[];
	readonly ascii?: boolean;
	/** The room for the line. */
	readonly width?: number;
}
