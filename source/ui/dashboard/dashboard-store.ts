import {type DashboardAction, type DashboardState, dashboardReducer, initialDashboard} from './dashboard-state.js';

/**
 * The latest dashboard state, outside React: the worker's events are folded
 * in as they come, and React is told at most once per frame interval: at once
 * when the last notice is older than that (a key press shows without delay),
 * else at the end of the interval, so a burst of events costs one render.
 */
export interface DashboardStore {
	/** `urgent`: a key press, drawn now rather than at the end of the frame interval. */
	dispatch(action: DashboardAction, urgent?: boolean): void;
	getSnapshot(): DashboardState;
	subscribe(listener: () => void): () => void;
	/** At most one notice every `ms` from now on (at least the frame interval): a view that is costly to draw asks for fewer. */
	pace(ms: number): void;
}

export function createDashboardStore(frameMs = 1000 / 15, initial: DashboardState = initialDashboard): DashboardStore {
	let state = initial;
	let interval = frameMs;
	const listeners = new Set<() => void>();
	let timer: NodeJS.Timeout | undefined;
	let notified = -Infinity;
	const notify = () => {
		timer = undefined;
		notified = performance.now();
		for (const listener of listeners) listener();
	};
	return {
		dispatch(action, urgent = false) {
			state = dashboardReducer(state, action);
			if (urgent) {
				clearTimeout(timer);
				notify();
				return;
			}
			if (timer) return;
			const wait = notified + interval - performance.now();
			if (wait <= 0) notify();
			else timer = setTimeout(notify, wait);
		},
		getSnapshot: () => state,
		subscribe(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
		pace(ms) {
			interval = Math.max(frameMs, ms);
		},
	};
}
