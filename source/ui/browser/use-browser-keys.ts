import {useInput} from 'ink';
import {browserActionsFor} from './browser-keys.js';
import type {BrowserAction} from './browser-state.js';

/** Reads the browser's keys while `isActive` (false when stdin is not a terminal, or another view has the keys). */
export function useBrowserKeys(dispatch: (action: BrowserAction) => void, isActive: boolean): void {
	useInput(
		(input, key) => {
			for (const action of browserActionsFor(input, key)) dispatch(action);
		},
		{isActive},
	);
}
