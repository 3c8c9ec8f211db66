/**
 * The browser's keys as data: one table read by the key handler and the help.
 * Ink reports arrows, PgUp/PgDn and Home/End as `key` flags; the same keys
 * arriving as raw escape codes in the input, and batched typing ("lll",
 * "g12\r"), are read here too.
 */
import type {Key} from 'ink';
import {glyphsFor} from '../../text/glyphs.js';
import type {BrowserAction, BrowserState} from './browser-state.js';

/** Ink's flags for keys that type no character. */
export type SpecialKey =
	| 'leftArrow'
	| 'rightArrow'
	| 'upArrow'
	| 'downArrow'
	| 'pageUp'
	| 'pageDown'
	| 'home'
	| 'end'
	| 'return'
	| 'escape'
	| 'backspace'
	| 'delete';

export type KeyedAction = Exclude<BrowserAction, {type: 'data'}>;

export interface BrowserKeyBinding {
	/** Characters that trigger the action, as typed. */
	readonly inputs: readonly string[];
	readonly keys: readonly SpecialKey[];
	/** How the help shows the key. */
	readonly label: string;
	/** For `0`-`9` the digit is the one typed. */
	readonly action: KeyedAction;
	readonly help: string;
}

const digits = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

export const browserKeys: readonly BrowserKeyBinding[] = [
	{inputs: ['h'], keys: ['leftArrow'], label: '← h', action: {type: 'step', by: -1}, help: 'previous digit (in the matrix: cursor left)'},
	{inputs: ['l'], keys: ['rightArrow'], label: '→ l', action: {type: 'step', by: 1}, help: 'next digit (in the matrix: cursor right)'},
	{inputs: [], keys: ['pageUp'], label: 'PgUp', action: {type: 'step', by: -10}, help: 'ten digits back'},
	{inputs: [], keys: ['pageDown'], label: 'PgDn', action: {type: 'step', by: 10}, help: 'ten digits on'},
	{inputs: [], keys: ['home'], label: 'Home', action: {type: 'first'}, help: 'first digit'},
	{inputs: [], keys: ['end'], label: 'End', action: {type: 'last'}, help: 'last digit'},
	{inputs: ['m'], keys: [], label: 'm', action: {type: 'mistakes'}, help: 'mistakes only (again for all)'},
	{inputs: digits, keys: [], label: '0-9', action: {type: 'digit', digit: 0}, help: 'only that true label (the same again for all)'},
	{inputs: ['s'], keys: [], label: 's', action: {type: 'order'}, help: 'order: test set, highest loss first, least confident first'},
	{inputs: ['g'], keys: [], label: 'g', action: {type: 'goTo'}, help: 'go to a test digit: g, its number (#1 is the first), Enter'},
	{inputs: ['c'], keys: [], label: 'c', action: {type: 'matrix'}, help: 'cursor on the confusion matrix, on its most confused cell'},
	{inputs: ['k'], keys: ['upArrow'], label: '↑ k', action: {type: 'vertical', by: -1}, help: 'in the matrix: cursor up'},
	{inputs: ['j'], keys: ['downArrow'], label: '↓ j', action: {type: 'vertical', by: 1}, help: 'in the matrix: cursor down'},
	{inputs: ['\r', '\n'], keys: ['return'], label: 'Enter', action: {type: 'enter'}, help: "in the matrix: that cell's digits; after g: go"},
	{
		inputs: ['\u001B'],
		keys: ['escape'],
		label: 'Esc',
		action: {type: 'escape'},
		help: 'leave the matrix or the number; else clear the filters',
	},
	{
		inputs: ['\u007F', '\b'],
		keys: ['backspace', 'delete'],
		label: 'Backspace',
		action: {type: 'backspace'},
		help: 'after g: delete a digit',
	},
];

/** Escape codes for the keys above, with and without the ESC that Ink strips from the start of an input. */
const escapeCodes: ReadonlyArray<readonly [string, SpecialKey]> = [
	...(['[', 'O'] as const).flatMap(
		lead =>
			[
				[`${lead}A`, 'upArrow'],
				[`${lead}B`, 'downArrow'],
				[`${lead}C`, 'rightArrow'],
				[`${lead}D`, 'leftArrow'],
				[`${lead}H`, 'home'],
				[`${lead}F`, 'end'],
			] as const,
	),
	['[5~', 'pageUp'],
	['[6~', 'pageDown'],
	['[1~', 'home'],
	['[7~', 'home'],
	['[4~', 'end'],
	['[8~', 'end'],
];

const bindingFor = (special: SpecialKey) => browserKeys.find(binding => binding.keys.includes(special));

/** The actions of one `useInput` call; keys that are not the browser's (tab, q, ?, Ctrl-…) give none. */
export function browserActionsFor(input: string, key: Partial<Key> = {}): KeyedAction[] {
	const flagged = (Object.keys(key) as (keyof Key)[]).find(name => key[name] === true && bindingFor(name as SpecialKey));
	if (flagged) return [bindingFor(flagged as SpecialKey)!.action];
	if (key.ctrl || key.meta || key.tab) return [];
	const actions: KeyedAction[] = [];
	let at = 0;
	while (at < input.length) {
		const rest = input.slice(input[at] === '\u001B' ? at + 1 : at);
		const code =
			input[at] === '\u001B' || input[at] === '[' || input[at] === 'O'
				? escapeCodes.find(([sequence]) => rest.startsWith(sequence))
				: undefined;
		if (code) {
			actions.push(bindingFor(code[1])!.action);
			at += (input[at] === '\u001B' ? 1 : 0) + code[0].length;
			continue;
		}
		const character = input[at]!;
		const binding = browserKeys.find(candidate => candidate.inputs.includes(character));
		if (binding) actions.push(binding.action.type === 'digit' ? {type: 'digit', digit: Number(character)} : binding.action);
		at++;
	}
	return actions;
}

/** The browser's part of the key hint line, for the mode it is in. */
export function browserKeyHint(state: BrowserState, ascii: boolean): string {
	const {separator, keys} = glyphsFor(ascii);
	switch (state.mode.kind) {
		case 'goTo':
			return ['type the number', 'Enter go', 'Esc cancel'].join(separator);
		case 'matrix':
			return [`${keys.all} move`, 'Enter open the cell', 'Esc leave'].join(separator);
		case 'browse':
			return [`${keys.leftRight} digit`, 'm mistakes', '0-9 label', 's order', 'c matrix', 'g go to'].join(separator);
	}
}
