/** The network view's keys: one table read by the key handler and the help. */
import type {Key} from 'ink';
import {type TableKey, tableActions} from '../shared/key-table.js';
import type {NetworkViewAction} from './network-state.js';

export const networkKeys: readonly TableKey<NetworkViewAction>[] = [
	{
		inputs: ['h'],
		keys: ['leftArrow', 'pageUp'],
		label: '← h PgUp',
		action: {type: 'page', by: -1},
		help: 'the page of units before (of a convolutional network: the filter)',
	},
	{
		inputs: ['l'],
		keys: ['rightArrow', 'pageDown'],
		label: '→ l PgDn',
		action: {type: 'page', by: 1},
		help: 'the next page of units (of a convolutional network: the filter)',
	},
	{inputs: ['k'], keys: ['upArrow'], label: '↑ k', action: {type: 'digit', by: -1}, help: 'the test digit before, as in the digits view'},
	{inputs: ['j'], keys: ['downArrow'], label: '↓ j', action: {type: 'digit', by: 1}, help: 'the next test digit'},
	{inputs: [], keys: ['home'], label: 'Home', action: {type: 'firstPage'}, help: 'the first page'},
	{inputs: [], keys: ['end'], label: 'End', action: {type: 'lastPage'}, help: 'the last page'},
	{
		inputs: ['s'],
		keys: [],
		label: 's',
		action: {type: 'order'},
		help: 'order the units: by number, largest weights first, most active on the test set first',
	},
];

export const networkActionsFor = (input: string, key: Partial<Key> = {}): NetworkViewAction[] => tableActions(networkKeys, input, key);
