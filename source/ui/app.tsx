import {Box, type Key, useInput, useStdin} from 'ink';
import {useEffect, useMemo, useRef, useState, useSyncExternalStore} from 'react';
import {Browser} from './browser/browser.js';
import type {BrowserData} from './browser/browser-data.js';
import {Dashboard} from './dashboard/dashboard.js';
import {overlaySize} from './dashboard/dashboard-layout.js';
import type {DashboardState} from './dashboard/dashboard-state.js';
import type {DashboardStore} from './dashboard/dashboard-store.js';
import {Caption} from './demo/caption.js';
import type {DemoStep} from './demo/demo-script.js';
import {type Schedule, useDemo} from './demo/use-demo.js';
import {DrawView} from './draw/draw-view.js';
import {NetworkView} from './network/network-view.js';
import {HelpOverlay, useHelp} from './shared/help-overlay.js';
import {dashboardKeys, type KeyAction, keyHint} from './shared/keys.js';
import {minimumSize} from './shared/minimum-size.js';
import {useRenderSettings} from './shared/render-context.js';
import {useTerminalSize} from './shared/use-terminal-size.js';
import {dashboardCycle} from './shared/views.js';
import {useScreens} from './use-screens.js';

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
	/** Turns the terminal's mouse reporting on (while the canvas is shown) and off. */
	readonly mouse?: (on: boolean) => void;
};

/**
 * The Ink root: the latest state from the store, laid out for the terminal's
 * size; tab moves between the dashboard, the test digits and the network, d
 * opens the canvas, and the keys go to the view that is shown.
 */
export function App({store, onAction, startedAt, clock = Date.now, demo, mouse}: Props) {
	const {ascii} = useRenderSettings();
	const state = useSyncExternalStore(store.subscribe, store.getSnapshot);
	const {columns, rows: terminalRows} = useTerminalSize();
	const help = useHelp();
	const {isRawModeSupported} = useStdin();
	const keysOn = isRawModeSupported === true;
	const finished = state.phase === 'done' || state.phase === 'failed';
	// biome-ignore lint/correctness/useExhaustiveDependencies: read once more when the run ends, then held: `finished` is the trigger
	const finishedAt = useMemo(() => clock(), [finished, clock]);
	const now = finished ? finishedAt : clock();

	const sizes = useRef({body: overlaySize(columns, terminalRows), screen: {width: columns, height: terminalRows - 1}});
	const screens = useScreens({
		cycle: dashboardCycle,
		rootKeys: dashboardKeys,
		browserData: useBrowserData(state),
		weights: state.weights,
		weightsSource: state.weightsSource,
		predictionWeights: state.epochWeights,
		features: state.features,
		predictionFeatures: state.epochFeatures,
		activity: state.activity,
		sizes: () => sizes.current,
		...(mouse ? {mouse} : {}),
	});
	const {view} = screens;
	// the network's tiles cost Ink several times a dashboard frame to draw: the run's progress shows less often under them
	const slow = view === 'network' && !help.shown;
	useEffect(() => store.pace(slow ? networkFrameMs : 0), [store, slow]);
	// the clock is read at each frame: while training, progress draws one twice a second, and a tick only fills the gaps
	useFrameAtLeastEvery(finished ? undefined : slow ? networkFrameMs : 1000);

	/** Typed input, from the keyboard or the demo: the view's keys first, then the app's. */
	const pressHere = (input: string, key: Partial<Key> = {}) => {
		help.press(input, key);
		for (const action of screens.press(input, key, help.isShown())) {
			if (action === 'toggleHelp') help.toggle();
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
	sizes.current = {body, screen: {width: columns, height: rows - 1}};

	const {view: viewHint, next} = screens.hint(ascii, !finished);
	const hint =
		caption !== null && captionBelow === null
			? caption
			: !keysOn
				? 'keys off: stdin is not a terminal'
				: keyHint({paused: state.paused, finished, next, view: viewHint, ascii, width: columns});
	const overlay = help.shown ? (
		<HelpOverlay width={columns} height={body?.height ?? 0} bindings={screens.helpKeys(!finished)} words={screens.words} help={help} />
	) : view === 'browser' && body ? (
		<Browser state={screens.browser} width={body.width} height={body.height} reader={screens.digitReader} />
	) : view === 'network' && body ? (
		<NetworkView data={screens.networkData} state={screens.network} selected={screens.selected} width={body.width} height={body.height} />
	) : undefined;
	const screen =
		view === 'draw' && !help.shown ? (
			<DrawView
				canvas={screens.canvas}
				inspector={screens.drawingReader}
				classes={state.start?.classes ?? []}
				status={drawStatus(state)}
				keyHint={hint}
				width={columns}
				height={rows - 1}
			/>
		) : (
			<Dashboard
				state={state}
				columns={columns}
				rows={rows}
				now={now}
				startedAt={startedAt}
				keyHint={hint}
				{...(overlay ? {overlay} : {})}
			/>
		);
	if (captionBelow === null) return screen;
	return (
		<Box flexDirection="column">
			{screen}
			<Caption text={captionBelow} width={columns} />
		</Box>
	);
}

/** How often the run's progress is drawn under the network's tiles. */
const networkFrameMs = 2000;

/** Which weights read the drawing, and whether they are still changing. */
function drawStatus(state: DashboardState): string {
	const weights = state.weightsSource ? `weights of ${state.weightsSource}` : 'no weights yet';
	const phase = state.phase === 'training' ? (state.paused ? 'paused' : 'training') : state.phase === 'done' ? 'trained' : state.phase;
	return `${weights}, ${phase}`;
}

/** What the browser shows, rebuilt only when an epoch brings new predictions. */
function useBrowserData(state: DashboardState): BrowserData | null {
	const {start, predictions, probabilities, previousPredictions, lastEpoch} = state;
	const epoch = lastEpoch?.epoch ?? null;
	const final = state.phase === 'done' || state.phase === 'failed';
	return useMemo(() => {
		if (!start || !predictions || !probabilities) return null;
		return {
			images: start.test.images,
			labels: start.test.labels,
			predictions,
			probabilities,
			previousPredictions,
			epoch,
			final,
			classes: start.classes,
		};
	}, [start, predictions, probabilities, previousPredictions, epoch, final]);
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
