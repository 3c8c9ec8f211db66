/**
 * The prediction browser's state as a pure reducer: where the user is in the
 * filtered and ordered test images, which filters and order are on, and the
 * two small modes (typing an index after `g`, a cursor on the confusion matrix
 * after `c`). New predictions arrive as a `data` action that keeps the place.
 */

import {count} from '../../text/format.js';
import {type Cell, mostConfused} from '../../train/metrics.js';
import {type BrowserData, imageCount} from './browser-data.js';
import {type BrowserFilter, type BrowserOrder, confusionOf, filteredIndices, isFiltered, noFilter} from './browser-list.js';

export type BrowserMode =
	| {readonly kind: 'browse'}
	/** `g` was pressed: the digits of a test number (#1 is the first image) typed so far. */
	| {readonly kind: 'goTo'; readonly typed: string}
	/** `c` was pressed: a cursor on the confusion matrix. */
	| {readonly kind: 'matrix'; readonly cursor: Cell};

export interface BrowserState {
	readonly data: BrowserData | null;
	readonly filter: BrowserFilter;
	readonly order: BrowserOrder;
	/** Where the selected image is in the filtered, ordered list. */
	readonly position: number;
	/** The selected image's test index (0-based); kept while a filter leaves nothing to show. */
	readonly selected: number;
	readonly mode: BrowserMode;
	/** A line about the last key ("no digit #12,345: …"); the next key clears it. */
	readonly notice: string | null;
	/** `x`: the digit drawn with each pixel's contribution to the predicted class, or to the true one. */
	readonly explain: Explain;
}

/** Off, the predicted class, the true class (when the prediction is wrong). */
export type Explain = 'off' | 'predicted' | 'true';

export type BrowserAction =
	/** ←/→ and h/l by one, PgUp/PgDn by ten; the cursor's column in the matrix. */
	| {readonly type: 'step'; readonly by: number}
	| {readonly type: 'first'}
	| {readonly type: 'last'}
	/** ↑/↓ and k/j: the cursor's row in the matrix. */
	| {readonly type: 'vertical'; readonly by: number}
	| {readonly type: 'mistakes'}
	/** 0-9: only that true label (again to clear), or a digit of the number after `g`. */
	| {readonly type: 'digit'; readonly digit: number}
	| {readonly type: 'order'}
	| {readonly type: 'goTo'}
	| {readonly type: 'matrix'}
	| {readonly type: 'enter'}
	| {readonly type: 'escape'}
	| {readonly type: 'backspace'}
	/** x: why this prediction: off, the predicted class, the true class when they differ, off again. */
	| {readonly type: 'explain'}
	/** New predictions (a finished epoch) or new data altogether. */
	| {readonly type: 'data'; readonly data: BrowserData | null};

export const initialBrowserState = (data: BrowserData | null = null): BrowserState => ({
	data,
	filter: noFilter,
	order: 'test',
	position: 0,
	selected: 0,
	mode: {kind: 'browse'},
	notice: null,
	explain: 'off',
});

export const orders: readonly BrowserOrder[] = ['test', 'loss', 'confidence'];

const browsing: BrowserMode = {kind: 'browse'};
const noLabels = 'no true labels in this test set';

export function browserReducer(state: BrowserState, action: BrowserAction): BrowserState {
	if (action.type === 'data') return withData(state, action.data);
	const next = state.notice === null ? state : {...state, notice: null};
	switch (next.mode.kind) {
		case 'goTo':
			return typing(next, next.mode.typed, action);
		case 'matrix':
			return pointing(next, next.mode.cursor, action);
		case 'browse':
			return browse(next, action);
	}
}

/** The list the state walks through (empty before the first predictions). */
export const currentList = (state: BrowserState): Int32Array => (state.data ? filteredIndices(state.data, state) : new Int32Array(0));

function browse(state: BrowserState, action: Exclude<BrowserAction, {type: 'data'}>): BrowserState {
	const labelled = state.data === null || state.data.labels !== null;
	switch (action.type) {
		case 'step':
			return moveTo(state, state.position + action.by);
		case 'first':
			return moveTo(state, 0);
		case 'last':
			return moveTo(state, Infinity);
		case 'mistakes':
			return labelled ? refilter(state, {...state.filter, mistakesOnly: !state.filter.mistakesOnly}) : {...state, notice: noLabels};
		case 'digit': {
			if (!labelled) return {...state, notice: noLabels};
			if (state.data && action.digit >= state.data.classes.length) return state;
			return refilter(state, {...state.filter, label: state.filter.label === action.digit ? null : action.digit});
		}
		case 'order': {
			const available = labelled ? orders : orders.filter(order => order !== 'loss');
			const order = available[(available.indexOf(state.order) + 1) % available.length]!;
			return reorder(state, order);
		}
		case 'goTo':
			return {...state, mode: {kind: 'goTo', typed: ''}};
		case 'matrix':
			return openMatrix(state);
		case 'explain':
			return {...state, explain: nextExplain(state)};
		case 'escape':
			return isFiltered(state.filter) ? refilter(state, noFilter) : state;
		case 'vertical':
		case 'enter':
		case 'backspace':
			return state;
	}
}

function typing(state: BrowserState, typed: string, action: Exclude<BrowserAction, {type: 'data'}>): BrowserState {
	switch (action.type) {
		case 'digit': {
			const longest = String(state.data ? imageCount(state.data) : 99_999).length;
			return typed.length >= longest ? state : {...state, mode: {kind: 'goTo', typed: typed + String(action.digit)}};
		}
		case 'backspace':
			return {...state, mode: {kind: 'goTo', typed: typed.slice(0, -1)}};
		case 'enter':
			return goTo(state, typed);
		case 'escape':
		case 'goTo':
			return {...state, mode: browsing};
		default:
			// any other key ends the typing and does what it does
			return browse({...state, mode: browsing}, action);
	}
}

/** After the predicted class, the true one, but only for a mistake: for a right answer they are the same. */
function nextExplain(state: BrowserState): Explain {
	if (state.explain === 'off') return 'predicted';
	if (state.explain === 'true' || !state.data?.labels) return 'off';
	const index = currentList(state)[state.position];
	return index !== undefined && state.data.labels[index] !== state.data.predictions[index] ? 'true' : 'off';
}

/** Goes to test image #number (1-based), turning the filters off when they hide it. */
function goTo(state: BrowserState, typed: string): BrowserState {
	const left = {...state, mode: browsing};
	if (typed === '' || state.data === null) return left;
	const number = Number(typed);
	const total = imageCount(state.data);
	if (number < 1 || number > total) return {...left, notice: `no digit #${count(number)}: numbers go from #1 to #${count(total)}`};
	const index = number - 1;
	const position = currentList(left).indexOf(index);
	if (position >= 0) return {...left, position, selected: index};
	const unfiltered = {...left, filter: noFilter};
	return {
		...unfiltered,
		position: currentList(unfiltered).indexOf(index),
		selected: index,
		notice: `filters off to show #${count(number)}`,
	};
}

function openMatrix(state: BrowserState): BrowserState {
	if (state.data === null) return state;
	const confusion = confusionOf(state.data);
	if (confusion === null) return {...state, notice: noLabels};
	const {cell, label} = state.filter;
	const [most] = mostConfused(confusion, 1, label);
	const cursor = cell ?? (most ? {actual: most.actual, predicted: most.predicted} : {actual: label ?? 0, predicted: label ?? 0});
	return {...state, mode: {kind: 'matrix', cursor}};
}

function pointing(state: BrowserState, cursor: Cell, action: Exclude<BrowserAction, {type: 'data'}>): BrowserState {
	const last = (state.data?.classes.length ?? 10) - 1;
	const clamp = (value: number) => Math.min(last, Math.max(0, value));
	const point = (actual: number, predicted: number): BrowserState => ({
		...state,
		mode: {kind: 'matrix', cursor: {actual: clamp(actual), predicted: clamp(predicted)}},
	});
	switch (action.type) {
		case 'step':
			return point(cursor.actual, cursor.predicted + action.by);
		case 'vertical':
			return point(cursor.actual + action.by, cursor.predicted);
		case 'first':
			return point(cursor.actual, 0);
		case 'last':
			return point(cursor.actual, last);
		case 'enter': {
			// exactly that cell's digits: the other filters would only narrow it
			const opened = refilter({...state, mode: browsing}, {...noFilter, cell: cursor});
			return moveTo(opened, 0);
		}
		case 'escape':
		case 'matrix':
			return {...state, mode: browsing};
		default:
			return browse({...state, mode: browsing}, action);
	}
}

/** To a position in the list, clamped; nothing moves in an empty list. */
function moveTo(state: BrowserState, position: number): BrowserState {
	const list = currentList(state);
	if (list.length === 0) return {...state, position: 0};
	const clamped = Math.min(list.length - 1, Math.max(0, Math.trunc(position) || 0));
	return {...state, position: clamped, selected: list[clamped]!};
}

/**
 * Keeps the selected image when it is in the new list; otherwise, in test-set
 * order, the next image after it, and in a ranked order `fallback`, clamped.
 */
function keepPlace(state: BrowserState, fallback: number): BrowserState {
	const list = currentList(state);
	if (list.length === 0) return {...state, position: 0};
	const position = list.indexOf(state.selected);
	if (position >= 0) return {...state, position};
	return moveTo(state, state.order === 'test' ? firstAtLeast(list, state.selected) : fallback);
}

const refilter = (state: BrowserState, filter: BrowserFilter): BrowserState => keepPlace({...state, filter}, 0);

/** Test-set order keeps the place; a ranked order starts at its top, the worst digit. */
const reorder = (state: BrowserState, order: BrowserOrder): BrowserState =>
	order === 'test' ? keepPlace({...state, order}, 0) : moveTo({...state, order}, 0);

function withData(state: BrowserState, data: BrowserData | null): BrowserState {
	if (data === null) return {...state, data};
	return keepPlace({...state, data}, state.position);
}

/** The first position whose index is at least `index`, in a list in test-set order; the last position when none is. */
function firstAtLeast(list: Int32Array, index: number): number {
	let low = 0;
	let high = list.length;
	while (low < high) {
		const middle = (low + high) >>> 1;
		if (list[middle]! < index) low = middle + 1;
		else high = middle;
	}
	return Math.min(low, list.length - 1);
}
