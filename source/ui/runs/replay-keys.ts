import type {KeyBinding} from '../shared/keys.js';

/** A replay's keys: the live run's, with the views that need weights or test images named but not opened (a log holds neither). */
export const replayKeys: readonly KeyBinding[] = [
	{inputs: ['p', ' '], label: 'p, space', action: 'togglePause', help: 'pause or resume the replay'},
	{
		inputs: ['\t', 'w', 'd'],
		label: 'tab, w, d',
		action: 'showNetwork',
		help: 'live runs only: the digits, network and canvas need weights a log lacks',
	},
	{inputs: ['?'], label: '?', action: 'toggleHelp', help: 'show or hide this help'},
	{inputs: ['q'], label: 'q', action: 'quit', help: 'quit the replay'},
	{inputs: ['\u0003'], label: 'Ctrl-C', action: 'interrupt', help: 'quit at once, exit code 130'},
];
