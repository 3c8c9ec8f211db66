import {useInput, useStdin} from 'ink';
import {useEffect, useState, useSyncExternalStore} from 'react';
import {Dashboard} from './ui/dashboard.js';
import type {DashboardStore} from './ui/dashboard-store.js';
import {HelpOverlay} from './ui/help-overlay.js';
import {actionsFor, keyHint, type KeyAction} from './ui/keys.js';
import {useTerminalSize} from './ui/use-terminal-size.js';

export type Props = {
	readonly store: DashboardStore;
	/** Called for every key action; pausing and quitting reach the worker through it. */
	readonly onAction: (action: KeyAction) => void;
	/** When the run started (ms since the epoch), for elapsed time and ETA. */
	readonly startedAt: number;
	readonly ascii: boolean;
	/** The clock; a fixed one makes frames deterministic in tests. */
	readonly clock?: () => number;
};

/** The Ink root: the latest state from the store, laid out for the terminal's size, and the keys. */
export function App({store, onAction, startedAt, ascii, clock = Date.now}: Props) {
	const state = useSyncExternalStore(store.subscribe, store.getSnapshot);
	const {columns, rows} = useTerminalSize();
	const [help, setHelp] = useState(false);
	const {isRawModeSupported} = useStdin();
	const finished = state.phase === 'done' || state.phase === 'failed';
	const now = useClock(clock, finished ? undefined : 1000);

	useInput((input, key) => {
		const typed = key.ctrl && input === 'c' ? '\u0003' : input;
		for (const action of actionsFor(typed)) {
			if (action === 'toggleHelp') setHelp(shown => !shown);
			else onAction(action);
		}
	}, {isActive: isRawModeSupported === true});

	return (
		<Dashboard
			state={state}
			columns={columns}
			rows={rows}
			now={now}
			startedAt={startedAt}
			ascii={ascii}
			keyHint={isRawModeSupported ? keyHint(state.paused, finished) : 'keys off: stdin is not a terminal'}
			{...(help ? {overlay: <HelpOverlay width={columns} />} : {})}
		/>
	);
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
