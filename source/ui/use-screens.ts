/**
 * What both Ink roots share: the views and how tab, w and d move between
 * them, the test digits' browser, the network view, the canvas, the
 * networks that read digits and drawings, the mouse, and which of those a
 * key goes to. A root adds its own keys (pause, quit) on top.
 */
import type {Key} from 'ink';
import {type Dispatch, useEffect, useMemo, useReducer, useRef, useState} from 'react';
import {frameLikeMnist} from '../data/mnist-framing.js';
import type {FeatureWeights} from '../nn/feature-weights.js';
import {Inspector, scaledPixels} from '../nn/inspector.js';
import type {LayerWeights} from '../nn/network.js';
import {count} from '../text/format.js';
import {type GlossaryEntry, glossaryFor} from '../text/glossary.js';
import {type Glyphs, glyphsFor} from '../text/glyphs.js';
import {type BrowserData, imagePixelsOf, trueLabel} from './browser/browser-data.js';
import {browserActionsFor, browserKeyHint, browserKeys} from './browser/browser-keys.js';
import {type BrowserAction, type BrowserState, browserReducer, currentList, initialBrowserState} from './browser/browser-state.js';
import {type CanvasState, canvasReducer, initialCanvas, isBlank} from './draw/canvas-state.js';
import {drawActionsFor, drawKeys} from './draw/draw-keys.js';
import {drawLayout, pixelAt} from './draw/draw-layout.js';
import {convStages} from './network/conv-layout.js';
import type {NetworkData, SelectedDigit} from './network/network-data.js';
import {networkActionsFor, networkKeys} from './network/network-keys.js';
import {networkLayout} from './network/network-layout.js';
import {initialNetworkView, type NetworkViewState, networkViewReducer} from './network/network-state.js';
import {actionsFor, type KeyAction, type KeyBinding, runActions, typedInput} from './shared/keys.js';
import {isMouseInput, type MouseEvent, mouseEvents} from './shared/mouse.js';
import {firstView, nextView, type View, type ViewAction, type Views, viewNames, viewsReducer} from './shared/views.js';

interface Size {
	readonly width: number;
	readonly height: number;
}

export interface ScreensInput {
	/** tab's cycle of views. */
	readonly cycle: readonly Exclude<View, 'draw'>[];
	/** The root's own keys (pause, tab, help, quit…), after the view's. */
	readonly rootKeys: readonly KeyBinding[];
	readonly browserData: BrowserData | null;
	/** The latest weights, and when they were taken. */
	readonly weights: readonly LayerWeights[] | null;
	readonly weightsSource: string | null;
	/** The weights the browser's predictions come from. */
	readonly predictionWeights: readonly LayerWeights[] | null;
	/** A convolutional network's image layers, beside `weights` and `predictionWeights`; none for a dense network. */
	readonly features?: readonly FeatureWeights[] | null;
	readonly predictionFeatures?: readonly FeatureWeights[] | null;
	readonly activity: readonly Float32Array[] | null;
	/** At the moment of a key or a click: the room the network view gets, and the canvas's screen (for its pages, and the mouse). */
	readonly sizes: () => {readonly body: {readonly width: number; readonly height: number} | null; readonly screen: Size};
	/** Turns the terminal's mouse reporting on and off. */
	readonly mouse?: (on: boolean) => void;
}

export interface Screens {
	readonly view: View;
	readonly browser: BrowserState;
	readonly dispatchBrowser: Dispatch<BrowserAction>;
	readonly network: NetworkViewState;
	readonly networkData: NetworkData | null;
	/** The digit (or drawing) the network view shows activations for. */
	readonly selected: SelectedDigit | null;
	readonly canvas: CanvasState;
	/** Reads drawings with the latest weights; reads the browser's digits with the weights of their predictions. */
	readonly drawingReader: Inspector | null;
	readonly digitReader: Inspector | null;
	/** A piece of typed input for the shown view (tab, w and d move between views); returns the keys left for the root (pause, quit, help…). */
	press(input: string, key: Partial<Key>, help: boolean): KeyAction[];
	/** The help's words for the shown view (a convolutional network's view has its own). */
	readonly words: readonly GlossaryEntry[];
	/** The help's keys for the shown view; the steering keys only while there is a run to steer. */
	helpKeys(training: boolean): readonly {readonly label: string; readonly help: string}[];
	/** The shown view's keys for the hint line, and the view tab goes to. */
	hint(ascii: boolean, training?: boolean): {readonly view: readonly string[]; readonly next: string};
}

export function useScreens(input: ScreensInput): Screens {
	const {cycle, rootKeys, browserData, weights, weightsSource, predictionWeights, activity, sizes, mouse} = input;
	const features = input.features ?? noFeatures;
	const predictionFeatures = input.predictionFeatures ?? noFeatures;
	const [views, setViews] = useState<Views>(() => firstView(cycle));
	const view = views.shown;
	const [browser, dispatchBrowser] = useReducer(browserReducer, browserData, initialBrowserState);
	// new predictions are taken in by the frame that brings them, rather than by a second frame after it
	const [dataTaken, setDataTaken] = useState(browserData);
	if (dataTaken !== browserData) {
		setDataTaken(browserData);
		dispatchBrowser({type: 'data', data: browserData});
	}
	const [network, setNetwork] = useState(initialNetworkView);
	const [canvas, dispatchCanvas] = useReducer(canvasReducer, undefined, initialCanvas);
	// the network view shows the activations of what was looked at last: a test digit, or the drawing
	const [lookedAt, setLookedAt] = useState<'digit' | 'drawing'>('digit');
	// a reader is a copy of the network that reads an image as soon as it is made: made for the views that show
	// what it reads, rather than for each probe and epoch while the dashboard is shown
	const readsDrawings = view === 'draw' || view === 'network';
	const readsDigits = view === 'browser';
	const drawingReader = useMemo(
		() => (weights && readsDrawings ? new Inspector(weights, features) : null),
		[weights, features, readsDrawings],
	);
	const digitReader = useMemo(
		() => (predictionWeights && readsDigits ? new Inspector(predictionWeights, predictionFeatures) : null),
		[predictionWeights, predictionFeatures, readsDigits],
	);
	const networkData = useMemo(
		() => (weights ? {layers: weights, features, source: weightsSource ?? '', activity} : null),
		[weights, features, weightsSource, activity],
	);
	const selected = useSelected(lookedAt, browser, canvas, drawingReader);

	// mouse reporting while the canvas is shown, and off when the app goes
	const drawing = view === 'draw';
	const setMouse = useRef(mouse);
	setMouse.current = mouse;
	useEffect(() => {
		setMouse.current?.(drawing);
	}, [drawing]);
	useEffect(
		() => () => {
			setMouse.current?.(false);
		},
		[],
	);

	const pages = () => {
		// a convolutional network's view selects one of its first filters: a "page" each
		const filters = convStages(features)[0]?.filters;
		if (filters !== undefined) return filters;
		const {body} = sizes();
		const layout = body ? networkLayout(body.width, body.height, Math.max(0, (weights?.length ?? 2) - 2)) : null;
		return Math.ceil((weights?.[0]?.outputs ?? 0) / Math.max(1, layout?.perPage ?? 1));
	};
	const onMouse = (event: MouseEvent) => {
		const {screen} = sizes();
		const point = pixelAt(drawLayout(screen.width, screen.height), event.column, event.row);
		if (event.action === 'release') dispatchCanvas({type: 'release'});
		else if (point && event.action === 'press' && event.button !== 'middle') {
			dispatchCanvas({type: 'press', at: point, erase: event.button === 'right'});
			setLookedAt('drawing');
		} else if (point && event.action === 'drag') dispatchCanvas({type: 'drag', at: point});
	};

	// the views as the keys see them: a key that changes the view sends the keys after it to the new one at once
	const current = useRef(views);
	current.current = views;
	const changeView = (action: ViewAction) => {
		current.current = viewsReducer(current.current, action, cycle);
		setViews(current.current);
	};

	/** One key for the view shown: its own keys first, then the root's; returns the root's actions. */
	const pressKey = (typed: string, key: Partial<Key>, help: boolean): KeyAction[] => {
		const shown = current.current.shown;
		if (!help && shown === 'browser') {
			const actions = browserActionsFor(typed, key);
			for (const action of actions) dispatchBrowser(action);
			if (actions.length > 0) setLookedAt('digit');
		}
		if (!help && shown === 'network') {
			for (const action of networkActionsFor(typed, key)) {
				if (action.type === 'digit') {
					// the digit whose activations and maps are shown: the browser's, stepped there while it lists digits
					if (browser.mode.kind === 'browse') dispatchBrowser({type: 'step', by: action.by});
					setLookedAt('digit');
					continue;
				}
				setNetwork(state => networkViewReducer(state, action, {pages: pages(), activity: activity !== null && features.length === 0}));
			}
		}
		if (!help && shown === 'draw') {
			for (const action of drawActionsFor(typed, key)) {
				if (action.type === 'leave') changeView('leaveDraw');
				else {
					dispatchCanvas(action);
					setLookedAt('drawing');
				}
			}
		}
		// while a test number is typed, its digits and letters are the browser's
		const typing = shown === 'browser' && browser.mode.kind === 'goTo';
		const actions = actionsFor(typedInput(typed, key), keysOf(shown, rootKeys)).filter(action => !typing || action === 'interrupt');
		const moves = actions.filter(isViewAction);
		for (const move of moves) changeView(move);
		return actions.filter(action => !isViewAction(action));
	};

	const press = (typed: string, key: Partial<Key>, help: boolean): KeyAction[] => {
		if (isMouseInput(typed)) {
			if (current.current.shown === 'draw' && !help) for (const event of mouseEvents(typed)) onMouse(event);
			return [];
		}
		return keyUnits(typed, key).flatMap(unit => pressKey(unit, key, help));
	};

	return {
		view,
		browser,
		dispatchBrowser,
		network,
		networkData,
		selected,
		canvas,
		drawingReader,
		digitReader,
		press,
		words: glossaryFor(view === 'network' && features.length > 0 ? 'convNetwork' : view),
		helpKeys: training => [...keysOf(view, rootKeys).filter(binding => training || !runActions.has(binding.action)), ...viewKeys(view)],
		hint: (ascii, training = false) => ({
			view: viewHint(view, browser, glyphsFor(ascii).keys, ascii, training, features.length > 0),
			next: viewNames[nextView(view, views.back, cycle)],
		}),
	};
}

const noFeatures: readonly FeatureWeights[] = [];

const isViewAction = (action: KeyAction): action is ViewAction & KeyAction =>
	action === 'switchView' || action === 'showNetwork' || action === 'toggleDraw';

/** Typed text one key at a time, so that a key that changes the view sends the next ones to the new view; escape codes and flagged keys whole. */
function keyUnits(typed: string, key: Partial<Key>): string[] {
	const flagged = Object.values(key).some(value => value === true);
	return flagged || typed.includes('\u001B') || typed.startsWith('[') || typed.startsWith('O') ? [typed] : Array.from(typed);
}

/** The root's keys in a view: on the canvas, space is the pen, not pause. */
const keysOf = (view: View, keys: readonly KeyBinding[]): readonly KeyBinding[] =>
	view === 'draw' ? keys.map(binding => (binding.action === 'togglePause' ? {...binding, inputs: ['p'], label: 'p'} : binding)) : keys;

const viewKeys = (view: View) => (view === 'browser' ? browserKeys : view === 'network' ? networkKeys : view === 'draw' ? drawKeys : []);

/** The shown view's keys; the steering keys only while there is a run to steer; a convolutional network's view selects filters. */
function viewHint(view: View, browser: BrowserState, keys: Glyphs['keys'], ascii: boolean, training: boolean, conv: boolean): string[] {
	switch (view) {
		case 'dashboard':
			return ['w network', 'd draw', ...(training ? ['+/- lr', '[/] momentum'] : [])];
		case 'browser': {
			const keys = browserKeyHint(browser, ascii).split(glyphsFor(ascii).separator);
			return browser.mode.kind === 'browse' ? [...keys.slice(0, 3), 'd draw', ...keys.slice(3)] : keys;
		}
		case 'network':
			return [`${keys.leftRight} ${conv ? 'filter' : 'pages'}`, `${keys.up}/${keys.down} digit`, 's order', 'd draw'];
		case 'draw':
			return [`${keys.all} move`, 'space pen', 'e eraser', 'c clear', 'Esc back'];
	}
}

/** What the network view shows activations for: the browser's digit, or the drawing when that was looked at last. */
function useSelected(
	lookedAt: 'digit' | 'drawing',
	browser: BrowserState,
	canvas: CanvasState,
	reader: Inspector | null,
): SelectedDigit | null {
	const {data} = browser;
	const index = data ? currentList(browser)[browser.position] : undefined;
	return useMemo(() => {
		if (!reader) return null;
		if (lookedAt === 'drawing' && !isBlank(canvas.image)) return {what: 'your drawing', ...reader.read(frameLikeMnist(canvas.image))};
		if (!data || index === undefined) return null;
		const label = trueLabel(data, index);
		const what = `test digit #${count(index + 1)}${label === null ? '' : ` (true ${data.classes[label]})`}`;
		return {what, ...reader.read(scaledPixels(imagePixelsOf(data, index)))};
	}, [lookedAt, canvas.image, reader, data, index]);
}
