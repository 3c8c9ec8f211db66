import {dashboardReducer, initialDashboard, type DashboardAction, type DashboardState} from './dashboard-state.js';

/**
 * The latest dashboard state, outside React: the worker's events are folded
 * in as they come, and React is told at most once per frame interval, so a
 * burst of events costs one render.
 */
export interface DashboardStore {
	dispatch(action: DashboardAction): void;
	getSnapshot(): DashboardState;
	subscribe(listener: () => void): () => void;
}

export function createDashboardStore(frameMs = 1000 / 15, initial: DashboardState = initialDashboard): DashboardStore {
	let state = initial;
	const listeners = new Set<() => void>();
	let timer: NodeJS.Timeout | undefined;
	const notify = () => {
		timer = undefined;
		for (const listener of listeners) listener();
	};
	return {
		dispatch(action) {
			state = dashboardReducer(state, action);
			timer ??= setTimeout(notify, frameMs);
		},
		getSnapshot: () => state,
		subscribe(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
	};
}
