/** The canvas's keys, for terminals without a mouse: one table read by the key handler and the help. */
import type {Key} from 'ink';
import {type TableKey, tableActions} from '../shared/key-table.js';
import type {CanvasAction} from './canvas-state.js';

export type DrawKeyAction = CanvasAction | {readonly type: 'leave'};

export const drawKeys: readonly TableKey<DrawKeyAction>[] = [
	{inputs: ['h'], keys: ['leftArrow'], label: '← h', action: {type: 'move', rows: 0, columns: -1}, help: 'cursor one pixel left'},
	{inputs: ['l'], keys: ['rightArrow'], label: '→ l', action: {type: 'move', rows: 0, columns: 1}, help: 'cursor one pixel right'},
	{inputs: ['k'], keys: ['upArrow'], label: '↑ k', action: {type: 'move', rows: -1, columns: 0}, help: 'cursor one pixel up'},
	{inputs: ['j'], keys: ['downArrow'], label: '↓ j', action: {type: 'move', rows: 1, columns: 0}, help: 'cursor one pixel down'},
	{inputs: [' '], keys: [], label: 'space', action: {type: 'pen'}, help: 'pen down (the cursor draws as it moves) or up'},
	{inputs: ['e'], keys: [], label: 'e', action: {type: 'eraser'}, help: 'eraser or pen'},
	{inputs: ['c'], keys: [], label: 'c', action: {type: 'clear'}, help: 'clear the canvas'},
	{inputs: ['\u001B'], keys: ['escape'], label: 'Esc', action: {type: 'leave'}, help: 'leave the canvas (the drawing is kept)'},
];

export const drawActionsFor = (input: string, key: Partial<Key> = {}): DrawKeyAction[] => tableActions(drawKeys, input, key);
