import {useInput, useStdin} from 'ink';
import {useEffect, useMemo, useReducer, useState, useSyncExternalStore} from 'react';
import type {BrowserData} from './ui/browser-data.js';
import {browserKeyHint, browserKeys} from './ui/browser-keys.js';
import {browserReducer, initialBrowserState} from './ui/browser-state.js';
import {Browser} from './ui/browser.js';
import {Dashboard} from './ui/dashboard.js';
import type {DashboardState} from './ui/dashboard-state.js';
import type {DashboardStore} from './ui/dashboard-store.js';
import {glyphsFor} from './ui/glyphs.js';
import {HelpOverlay} from './ui/help-overlay.js';
import {actionsFor, dashboardKeys, keyHint, typedInput, type KeyAction} from './ui/keys.js';
import {overlaySize} from './ui/layout.js';
import {useBrowserKeys} from './ui/use-browser-keys.js';
import {useTerminalSize} from './ui/use-terminal-size.js';

export type View = 'dashboard' | 'browser';

export type Props = {
	readonly store: DashboardStore;
	/** Called for pause, quit and interrupt; pausing and quitting reach the worker through it. */
	readonly onAction: (action: KeyAction) => void;
	/** When the run started (ms since the epoch), for elapsed time and ETA. */
	readonly startedAt: number;
	readonly ascii: boolean;
	/** False under NO_COLOR: the digits are drawn with a shade ramp. */
	readonly color?: boolean;
	/** The view shown first: `browse --model` opens on the digits. */
	readonly initialView?: View;
	/** The clock; a fixed one makes frames deterministic in tests. */
	readonly clock?: () => number;
};

/**
 * The Ink root: the latest state from the store, laid out for the terminal's
 * size; tab switches between the dashboard and the test digits, and the keys
 * go to the view that is shown.
 */
export function App({store, onAction, startedAt, ascii, color = true, initialView = 'dashboard', clock = Date.now}: Props) {
	const state = useSyncExternalStore(store.subscribe, store.getSnapshot);
	const {columns, rows} = useTerminalSize();
	const [help, setHelp] = useState(false);
	const [view, setView] = useState<View>(initialView);
	const {isRawModeSupported} = useStdin();
	const keysOn = isRawModeSupported === true;
	const finished = state.phase === 'done' || state.phase === 'failed';
	const now = useClock(clock, finished ? undefined : 1000);

	const data = useBrowserData(state);
	const [browser, dispatchBrowser] = useReducer(browserReducer, data, initialBrowserState);
	useEffect(() => dispatchBrowser({type: 'data', data}), [data]);
	// while a test number is being typed, its digits and letters are the browser's
	const typing = view === 'browser' && browser.mode.kind === 'goTo';
	useBrowserKeys(dispatchBrowser, keysOn && view === 'browser' && !help);

	useInput((input, key) => {
		for (const action of actionsFor(typedInput(input, key))) {
			if (typing && action !== 'interrupt') continue;
			if (action === 'toggleHelp') setHelp(shown => !shown);
			else if (action === 'switchView') setView(shown => (shown === 'dashboard' ? 'browser' : 'dashboard'));
			else onAction(action);
		}
	}, {isActive: keysOn});

	const body = overlaySize(columns, rows);
	const overlay = help
		? <HelpOverlay width={columns} bindings={view === 'browser' ? [...dashboardKeys, ...browserKeys] : dashboardKeys} />
		: view === 'browser' && body
			? <Browser state={browser} width={body.width} height={body.height} ascii={ascii} color={color} />
			: undefined;
	const {separator} = glyphsFor(ascii);
	const hint = !keysOn
		? 'keys off: stdin is not a terminal'
		: view === 'browser'
			? `${browserKeyHint(browser, ascii)}${separator}${keyHint(state.paused, finished, view, separator)}`
			: keyHint(state.paused, finished, view, separator);
	return (
		<Dashboard
			state={state}
			columns={columns}
			rows={rows}
			now={now}
			startedAt={startedAt}
			ascii={ascii}
			keyHint={hint}
			{...(overlay ? {overlay} : {})}
		/>
	);
}

/** What the browser shows, rebuilt only when an epoch brings new predictions. */
function useBrowserData(state: DashboardState): BrowserData | null {
	const {start, predictions, probabilities, previousPredictions, lastEpoch} = state;
	const epoch = lastEpoch?.epoch ?? null;
	return useMemo(() => {
		if (!start || !predictions || !probabilities) return null;
		return {images: start.test.images, labels: start.test.labels, predictions, probabilities, previousPredictions, epoch, classes: start.classes};
	}, [start, predictions, probabilities, previousPredictions, epoch]);
}

/** The time, refreshed every `everyMs` while given. */
function useClock(clock: () => number, everyMs: number | undefined): number {
	const [now, setNow] = useState(clock);
	useEffect(() => {
		if (everyMs === undefined) return;
		const timer = setInterval(() => setNow(clock()), everyMs);
		return () => clearInterval(timer);
	}, [clock, everyMs]);
	return now;
}
