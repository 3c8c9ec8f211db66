/** The help's own keys, while it is shown: scroll, and turn between the keys and the words. */
import type {Key} from 'ink';
import type {HelpPage} from './help-pages.js';
import {type TableKey, tableActions} from './key-table.js';

export type HelpAction =
	| {readonly type: 'scroll'; readonly by: number}
	| {readonly type: 'scrollPage'; readonly by: 1 | -1}
	| {readonly type: 'top'}
	| {readonly type: 'bottom'}
	| {readonly type: 'turn'; readonly to: HelpPage};

/** None of these is a key of the roots (pause, tab, quit…), which stay live under the help. */
export const helpKeys: readonly TableKey<HelpAction>[] = [
	{inputs: ['k'], keys: ['upArrow'], label: '↑ k', action: {type: 'scroll', by: -1}, help: 'scroll up a line'},
	{inputs: ['j'], keys: ['downArrow'], label: '↓ j', action: {type: 'scroll', by: 1}, help: 'scroll down a line'},
	{inputs: [], keys: ['pageUp'], label: 'PgUp', action: {type: 'scrollPage', by: -1}, help: 'scroll up a page'},
	{inputs: [], keys: ['pageDown'], label: 'PgDn', action: {type: 'scrollPage', by: 1}, help: 'scroll down a page'},
	{inputs: [], keys: ['home'], label: 'Home', action: {type: 'top'}, help: 'the top'},
	{inputs: [], keys: ['end'], label: 'End', action: {type: 'bottom'}, help: 'the bottom'},
	{inputs: ['h'], keys: ['leftArrow'], label: '← h', action: {type: 'turn', to: 'keys'}, help: 'the keys'},
	{inputs: ['l'], keys: ['rightArrow'], label: '→ l', action: {type: 'turn', to: 'words'}, help: 'what the words on this screen mean'},
];

export const helpActionsFor = (input: string, key: Partial<Key> = {}): HelpAction[] => tableActions(helpKeys, input, key);

export interface HelpView {
	readonly page: HelpPage;
	/** The first line shown. */
	readonly top: number;
}

export const firstHelpView: HelpView = {page: 'keys', top: 0};

/** The largest `top` that still fills the room: `lines` of the page, `room` lines to show them in. */
export const lastTop = (lines: number, room: number): number => Math.max(0, lines - Math.max(1, room));

/** The help after a key; `bounds` gives each page's number of lines and the room they are shown in. */
export function helpReducer(view: HelpView, action: HelpAction, bounds: (page: HelpPage) => {lines: number; room: number}): HelpView {
	const {lines, room} = bounds(view.page);
	const clamp = (top: number) => Math.min(lastTop(lines, room), Math.max(0, top));
	switch (action.type) {
		case 'scroll':
			return {...view, top: clamp(view.top + action.by)};
		case 'scrollPage':
			// a page less a line, so the line read last stays in sight
			return {...view, top: clamp(view.top + action.by * Math.max(1, room - 1))};
		case 'top':
			return {...view, top: 0};
		case 'bottom':
			return {...view, top: clamp(lines)};
		case 'turn':
			return action.to === view.page ? view : {page: action.to, top: 0};
	}
}
