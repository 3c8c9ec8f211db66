import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {isMouseInput, mouseEvents} from '../../../../source/ui/shared/mouse.js';
import {browseCycle, dashboardCycle, firstView, nextView, viewsReducer} from '../../../../source/ui/shared/views.js';

describe('mouse reports', () => {
	test('SGR presses, drags and releases, with or without the ESC Ink strips, batched', () => {
		assert.deepEqual(mouseEvents('\u001B[<0;10;5M'), [{button: 'left', action: 'press', column: 9, row: 4}]);
		assert.deepEqual(mouseEvents('[<32;11;5M'), [{button: 'left', action: 'drag', column: 10, row: 4}]);
		assert.deepEqual(mouseEvents('[<2;1;1M[<34;2;1M[<2;2;1m'), [
			{button: 'right', action: 'press', column: 0, row: 0},
			{button: 'right', action: 'drag', column: 1, row: 0},
			{button: 'right', action: 'release', column: 1, row: 0},
		]);
		// wheel turns are not drawing; a plain key is not a report
		assert.deepEqual(mouseEvents('[<64;5;5M[<65;5;5M'), []);
		assert.deepEqual(mouseEvents('l'), []);
		assert.ok(isMouseInput('[<0;1;1M'));
		assert.ok(!isMouseInput('[C'));
		assert.ok(!isMouseInput('0'));
	});
});

describe('views', () => {
	test("tab walks the screen's cycle; w goes to the network; d opens the canvas and goes back where it was", () => {
		let views = firstView(dashboardCycle);
		const after = (...actions: Parameters<typeof viewsReducer>[1][]) => {
			for (const action of actions) views = viewsReducer(views, action, dashboardCycle);
			return views.shown;
		};
		assert.equal(after('switchView'), 'browser');
		assert.equal(after('switchView'), 'network');
		assert.equal(after('switchView'), 'dashboard');
		assert.equal(after('toggleDraw'), 'draw');
		assert.equal(after('toggleDraw'), 'dashboard');
		assert.equal(after('switchView', 'toggleDraw', 'leaveDraw'), 'browser');
		assert.equal(after('leaveDraw'), 'browser', 'Esc elsewhere is not a view key');
		assert.equal(after('toggleDraw', 'showNetwork'), 'network');
		assert.equal(after('toggleDraw', 'switchView'), 'dashboard', 'tab from the canvas: the view after the one it came from');
		assert.equal(nextView('browser', 'browser', browseCycle), 'network');
		assert.equal(nextView('network', 'network', browseCycle), 'browser');
	});
});
