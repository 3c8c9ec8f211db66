/**
 * Keys are data: one table from key to action. The key handler and the
 * help overlay both read it, so the help can never disagree with the keys.
 */
import {glyphsFor} from '../../text/glyphs.js';

export type KeyAction = 'togglePause' | 'toggleHelp' | 'switchView' | 'quit' | 'interrupt';

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
	{inputs: ['\t'], label: 'tab', action: 'switchView', help: 'switch between the dashboard and the test digits'},
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

/** The short hint line under the dashboard: "p pause · tab digits · ? help · q quit" ("p pause - tab digits - …" in ASCII). */
export const keyHint = (paused: boolean, finished: boolean, view: 'dashboard' | 'browser' = 'dashboard', ascii = false): string =>
	[finished ? undefined : paused ? 'p resume' : 'p pause', view === 'dashboard' ? 'tab digits' : 'tab dashboard', '? help', 'q quit']
		.filter(Boolean)
		.join(glyphsFor(ascii).separator);
