import {Box, type Key, useInput, useStdin} from 'ink';
import {useEffect, useMemo, useReducer, useRef, useState, useSyncExternalStore} from 'react';
import {Browser} from './browser/browser.js';
import type {BrowserData} from './browser/browser-data.js';
import {browserActionsFor, browserKeyHint, browserKeys} from './browser/browser-keys.js';
import {browserReducer, initialBrowserState} from './browser/browser-state.js';
import {Dashboard} from './dashboard/dashboard.js';
import {overlaySize} from './dashboard/dashboard-layout.js';
import type {DashboardState} from './dashboard/dashboard-state.js';
import type {DashboardStore} from './dashboard/dashboard-store.js';
import {Caption} from './demo/caption.js';
import type {DemoStep} from './demo/demo-script.js';
import {type Schedule, useDemo} from './demo/use-demo.js';
import {HelpOverlay} from './shared/help-overlay.js';
import {actionsFor, dashboardKeys, type KeyAction, keyHint, typedInput} from './shared/keys.js';
import {minimumSize} from './shared/minimum-size.js';
import {useRenderSettings} from './shared/render-context.js';
import {useTerminalSize} from './shared/use-terminal-size.js';

export type View = 'dashboard' | 'browser';

export type Props = {
	readonly store: DashboardStore;
	/** Called for pause, quit and interrupt; pausing and quitting reach the worker through it. */
	readonly onAction: (action: KeyAction) => void;
	/** When the run started (ms since the epoch), for elapsed time and ETA. */
	readonly startedAt: number;
	/** The clock; a fixed one makes frames deterministic in tests. */
	readonly clock?: () => number;
	/** --demo: the tour to play, and its timer (tests step it by hand). */
	readonly demo?: {readonly script: readonly DemoStep[]; readonly schedule?: Schedule};
};

/**
 * The Ink root: the latest state from the store, laid out for the terminal's
 * size; tab switches between the dashboard and the test digits, and the keys
 * go to the view that is shown.
 */
export function App({store, onAction, startedAt, clock = Date.now, demo}: Props) {
	const {ascii, glyphs} = useRenderSettings();
	const state = useSyncExternalStore(store.subscribe, store.getSnapshot);
	const {columns, rows: terminalRows} = useTerminalSize();
	const [help, setHelp] = useState(false);
	const [view, setView] = useState<View>('dashboard');
	const {isRawModeSupported} = useStdin();
	const keysOn = isRawModeSupported === true;
	const finished = state.phase === 'done' || state.phase === 'failed';
	// the clock is read at each frame: while training, progress draws one twice a second, and a tick only fills the gaps
	useFrameAtLeastEvery(finished ? undefined : 1000);
	// biome-ignore lint/correctness/useExhaustiveDependencies: read once more when the run ends, then held: `finished` is the trigger
	const finishedAt = useMemo(() => clock(), [finished, clock]);
	const now = finished ? finishedAt : clock();

	const data = useBrowserData(state);
	const [browser, dispatchBrowser] = useReducer(browserReducer, data, initialBrowserState);
	useEffect(() => dispatchBrowser({type: 'data', data}), [data]);
	// while a test number is being typed, its digits and letters are the browser's
	const typing = view === 'browser' && browser.mode.kind === 'goTo';
	/** Typed input, from the keyboard or the demo: the browser's keys first, then the app's. */
	const pressHere = (input: string, key: Partial<Key> = {}) => {
		if (view === 'browser' && !help) for (const action of browserActionsFor(input, key)) dispatchBrowser(action);
		for (const action of actionsFor(typedInput(input, key))) {
			if (typing && action !== 'interrupt') continue;
			if (action === 'toggleHelp') setHelp(shown => !shown);
			else if (action === 'switchView') setView(shown => (shown === 'dashboard' ? 'browser' : 'dashboard'));
			else onAction(action);
		}
	};
	// keys go to the latest frame's view at once, before Ink takes the new handler (tab then l, typed fast)
	const latest = useRef(pressHere);
	latest.current = pressHere;
	const press = (input: string, key?: Partial<Key>) => latest.current(input, key);
	const {caption, stop: stopDemo} = useDemo(demo?.script, finished, press, demo?.schedule);
	useInput(
		(input, key) => {
			stopDemo();
			press(input, key);
		},
		{isActive: keysOn},
	);
	// the caption takes the terminal's last line, or the key hints' line when there is no line to spare
	const captionBelow = terminalRows - 1 >= minimumSize.rows ? caption : null;
	const rows = captionBelow === null ? terminalRows : terminalRows - 1;

	const body = overlaySize(columns, rows);
	const overlay = help ? (
		<HelpOverlay width={columns} bindings={view === 'browser' ? [...dashboardKeys, ...browserKeys] : dashboardKeys} />
	) : view === 'browser' && body ? (
		<Browser state={browser} width={body.width} height={body.height} />
	) : undefined;
	const hint =
		caption !== null && captionBelow === null
			? caption
			: !keysOn
				? 'keys off: stdin is not a terminal'
				: view === 'browser'
					? `${browserKeyHint(browser, ascii)}${glyphs.separator}${keyHint(state.paused, finished, view, ascii)}`
					: keyHint(state.paused, finished, view, ascii);
	const dashboard = (
		<Dashboard state={state} columns={columns} rows={rows} now={now} startedAt={startedAt} keyHint={hint} {...(overlay ? {overlay} : {})} />
	);
	if (captionBelow === null) return dashboard;
	return (
		<Box flexDirection="column">
			{dashboard}
			<Caption text={captionBelow} width={columns} />
		</Box>
	);
}

/** What the browser shows, rebuilt only when an epoch brings new predictions. */
function useBrowserData(state: DashboardState): BrowserData | null {
	const {start, predictions, probabilities, previousPredictions, lastEpoch} = state;
	const epoch = lastEpoch?.epoch ?? null;
	return useMemo(() => {
		if (!start || !predictions || !probabilities) return null;
		return {
			images: start.test.images,
			labels: start.test.labels,
			predictions,
			probabilities,
			previousPredictions,
			epoch,
			classes: start.classes,
		};
	}, [start, predictions, probabilities, previousPredictions, epoch]);
}

/** A frame at least every `everyMs` while given: a timer draws one when nothing else has for that long. */
function useFrameAtLeastEvery(everyMs: number | undefined): void {
	const [, setTicks] = useState(0);
	const lastFrame = useRef(performance.now());
	lastFrame.current = performance.now();
	useEffect(() => {
		if (everyMs === undefined) return;
		const timer = setInterval(() => {
			if (performance.now() - lastFrame.current >= everyMs) setTicks(ticks => ticks + 1);
		}, everyMs / 4);
		return () => clearInterval(timer);
	}, [everyMs]);
}
