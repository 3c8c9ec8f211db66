/** The browser's keys: one table read by the key handler and the help. */
import type {Key} from 'ink';
import {glyphsFor} from '../../text/glyphs.js';
import {type TableKey, tableActions} from '../shared/key-table.js';
import {confusionOf} from './browser-list.js';
import type {BrowserAction, BrowserState} from './browser-state.js';

export type KeyedAction = Exclude<BrowserAction, {type: 'data'}>;

const digits = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

export const browserKeys: readonly TableKey<KeyedAction>[] = [
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
	{
		inputs: ['x'],
		keys: [],
		label: 'x',
		action: {type: 'explain'},
		help: 'why this prediction: the pixels that pushed it up or down (again: the true class of a mistake, then off)',
	},
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

/** The actions of one `useInput` call; keys that are not the browser's (tab, q, ?, Ctrl-…) give none. */
export const browserActionsFor = (input: string, key: Partial<Key> = {}): KeyedAction[] =>
	tableActions(browserKeys, input, key, (binding, character) =>
		binding.action.type === 'digit' ? {type: 'digit', digit: Number(character)} : binding.action,
	);

/** The browser's part of the key hint line, for the mode it is in. */
export function browserKeyHint(state: BrowserState, ascii: boolean): string {
	const {separator, keys} = glyphsFor(ascii);
	switch (state.mode.kind) {
		case 'goTo':
			return ['type the number', 'Enter go', 'Esc cancel'].join(separator);
		case 'matrix':
			return [`${keys.all} move`, ...(cellCount(state) === 0 ? [] : ['Enter open the cell']), 'Esc leave'].join(separator);
		case 'browse':
			// the most useful first: a short line keeps the first ones
			return [`${keys.leftRight} digit`, 'm mistakes', 'x why', 'c matrix', 's order', '0-9 label', 'g go to'].join(separator);
	}
}

/** The images in the cell under the matrix cursor (0 outside the matrix). */
function cellCount({mode, data}: BrowserState): number {
	if (mode.kind !== 'matrix' || !data) return 0;
	return confusionOf(data)?.[mode.cursor.actual]?.[mode.cursor.predicted] ?? 0;
}
