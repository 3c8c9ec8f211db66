/** The network view's place: which page of tiles, in which order of units. */

/** Unit number; largest incoming weights first; most active on the test set first. */
export type UnitOrder = 'unit' | 'weights' | 'activity';

export interface NetworkViewState {
	readonly page: number;
	readonly order: UnitOrder;
}

export type NetworkViewAction =
	| {readonly type: 'page'; readonly by: number}
	| {readonly type: 'firstPage'}
	| {readonly type: 'lastPage'}
	| {readonly type: 'order'}
	/** Steps the digit the view shows, the digits view's own: use-screens passes it on to the browser. */
	| {readonly type: 'digit'; readonly by: number};

export const initialNetworkView: NetworkViewState = {page: 0, order: 'unit'};

export const unitOrders: readonly UnitOrder[] = ['unit', 'weights', 'activity'];

/** `pages`: how many pages the current layout has; `activity`: whether the test set's activations are known yet. */
export function networkViewReducer(
	state: NetworkViewState,
	action: NetworkViewAction,
	{pages, activity}: {readonly pages: number; readonly activity: boolean},
): NetworkViewState {
	const last = Math.max(0, pages - 1);
	switch (action.type) {
		case 'page':
			return {...state, page: Math.min(last, Math.max(0, Math.min(state.page, last) + action.by))};
		case 'firstPage':
			return {...state, page: 0};
		case 'lastPage':
			return {...state, page: last};
		case 'digit':
			return state;
		case 'order': {
			const available = activity ? unitOrders : unitOrders.filter(order => order !== 'activity');
			return {page: 0, order: available[(available.indexOf(state.order) + 1) % available.length]!};
		}
	}
}
