/**
 * Which view fills the screen. tab walks a screen's cycle (the dashboard's:
 * dashboard, digits, network; browse's: digits, network); w goes to the
 * network; d opens the canvas from any view, and d again or Esc goes back
 * to the view it was opened from.
 */

export type View = 'dashboard' | 'browser' | 'network' | 'draw';

export interface Views {
	readonly shown: View;
	/** Where leaving the canvas goes back to. */
	readonly back: Exclude<View, 'draw'>;
}

export type ViewAction = 'switchView' | 'showNetwork' | 'toggleDraw' | 'leaveDraw';

export const dashboardCycle: readonly Exclude<View, 'draw'>[] = ['dashboard', 'browser', 'network'];
export const browseCycle: readonly Exclude<View, 'draw'>[] = ['browser', 'network'];

export const firstView = (cycle: readonly Exclude<View, 'draw'>[]): Views => ({shown: cycle[0]!, back: cycle[0]!});

/** The view tab goes to from `view`. */
export function nextView(view: View, back: Exclude<View, 'draw'>, cycle: readonly Exclude<View, 'draw'>[]): Exclude<View, 'draw'> {
	const from = view === 'draw' ? back : view;
	return cycle[(cycle.indexOf(from) + 1) % cycle.length]!;
}

export function viewsReducer(views: Views, action: ViewAction, cycle: readonly Exclude<View, 'draw'>[]): Views {
	switch (action) {
		case 'switchView': {
			const shown = nextView(views.shown, views.back, cycle);
			return {shown, back: shown};
		}
		case 'showNetwork':
			return {shown: 'network', back: 'network'};
		case 'toggleDraw':
			return views.shown === 'draw' ? {shown: views.back, back: views.back} : {shown: 'draw', back: views.shown};
		case 'leaveDraw':
			return views.shown === 'draw' ? {shown: views.back, back: views.back} : views;
	}
}

/** How a key hint names a view. */
export const viewNames: Readonly<Record<View, string>> = {dashboard: 'dashboard', browser: 'digits', network: 'network', draw: 'draw'};
