import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {browserActionsFor, browserKeyHint} from '../../../../source/ui/browser/browser-keys.js';
import {browserReducer, initialBrowserState} from '../../../../source/ui/browser/browser-state.js';
import {keyHint} from '../../../../source/ui/shared/keys.js';

/** The browser's hints in its three modes, with the root's `d draw` after its first three, as the app lists them. */
const browserHints = ['', 'c', 'g'].map(keys => {
	const state = browserActionsFor(keys).reduce(browserReducer, initialBrowserState(null));
	const view = browserKeyHint(state, false).split(' · ');
	return state.mode.kind === 'browse' ? [...view.slice(0, 3), 'd draw', ...view.slice(3)] : view;
});
const dashboardHint = ['w network', 'd draw', '+/- lr', '[/] momentum'];

describe('keyHint', () => {
	test('at 80 columns the browser line gives up its last keys and keeps "tab network · ? help · q quit"', () => {
		assert.equal(
			keyHint({paused: false, finished: false, next: 'network', view: browserHints[0], width: 80}),
			'←/→ digit · m mistakes · x why · p pause · tab network · ? help · q quit',
		);
		assert.equal(
			keyHint({paused: false, finished: true, next: 'dashboard', view: browserHints[0], width: 80}),
			'←/→ digit · m mistakes · x why · d draw · tab dashboard · ? help · q quit',
		);
	});

	test('every screen, paused or not, finished or not, keeps "? help · q quit" and fits from 80 to 200 columns', () => {
		for (const view of [...browserHints, dashboardHint, []]) {
			for (const next of ['digits', 'network', 'dashboard', null]) {
				for (const [paused, finished] of [
					[false, false],
					[true, false],
					[false, true],
				] as const) {
					for (const width of [80, 100, 120, 160, 200]) {
						const line = keyHint({paused, finished, next, view, width});
						assert.ok(line.endsWith(`${next === null ? '' : `tab ${next} · `}? help · q quit`), line);
						assert.ok(Array.from(line).length <= width, line);
					}
				}
			}
		}
	});
});
