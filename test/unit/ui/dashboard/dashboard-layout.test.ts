import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {type DashboardLayout, dashboardLayout, gutter, overlaySize} from '../../../../source/ui/dashboard/dashboard-layout.js';

const digits = {width: 66, classes: 10};

/** Lines used: header, the sections with their blank lines, key hints. */
const usedHeight = (layout: Extract<DashboardLayout, {sections: unknown}>) =>
	2 + layout.sections.reduce((sum, section) => sum + section.marginTop + section.height, 0) + 1;

describe('dashboardLayout', () => {
	test('below 80x24 there is only the too-small message', () => {
		assert.equal(dashboardLayout(79, 40, digits).kind, 'too-small');
		assert.equal(dashboardLayout(200, 23, digits).kind, 'too-small');
		assert.deepEqual(dashboardLayout(60, 15, digits), {kind: 'too-small', width: 60, height: 14});
	});

	test('80x24 is compact: bars on one line, a 6-line loss chart, the matrix without its precision row', () => {
		const layout = dashboardLayout(80, 24, digits);
		assert.ok(layout.kind === 'compact');
		assert.deepEqual(layout.body, {width: 80, height: 20});
		assert.deepEqual(
			layout.sections.map(section => section.panels),
			[
				[{kind: 'bars', width: 80, height: 1}],
				[{kind: 'loss-chart', width: 80, height: 6}],
				[{kind: 'confusion', width: 66, height: 12, compact: true}],
				[{kind: 'events', width: 80, height: 1}],
			],
		);
	});

	test('120x40 is full: loss chart beside the matrix, the epoch charts side by side below', () => {
		const layout = dashboardLayout(120, 40, digits);
		assert.ok(layout.kind === 'full');
		assert.deepEqual(
			layout.sections.map(section => [section.marginTop, section.height, section.panels]),
			[
				[0, 2, [{kind: 'bars', width: 120, height: 2}]],
				[
					1,
					16,
					[
						{kind: 'loss-chart', width: 52, height: 16},
						{kind: 'confusion', width: 66, height: 13, compact: false},
					],
				],
				[
					1,
					15,
					[
						{kind: 'epoch-chart', chart: 'loss', width: 59, height: 15},
						{kind: 'epoch-chart', chart: 'accuracy', width: 59, height: 15},
					],
				],
				[0, 1, [{kind: 'events', width: 120, height: 1}]],
			],
		);
	});

	test('wide but short: no epoch charts; tall but narrow: the epoch charts stacked under the matrix', () => {
		const wide = dashboardLayout(160, 26, digits);
		assert.ok(wide.kind === 'full' && !wide.sections.some(section => section.panels[0]!.kind === 'epoch-chart'));
		const tall = dashboardLayout(90, 50, digits);
		assert.ok(tall.kind === 'compact' && tall.sections.some(section => section.panels[0]!.kind === 'epoch-chart'));
	});

	test('an overlay gets the body: all but the two header lines and the key hint line, within rows - 1', () => {
		assert.deepEqual(overlaySize(80, 24), {width: 80, height: 20});
		assert.deepEqual(overlaySize(120, 40), {width: 120, height: 36});
		assert.equal(overlaySize(79, 24), null);
	});

	test('the matrix gives way to a 40-column loss chart', () => {
		const layout = dashboardLayout(110, 40, {width: 79, classes: 10});
		assert.ok(layout.kind === 'full');
		assert.deepEqual(
			layout.sections[1]!.panels.map(panel => panel.width),
			[40, 68],
		);
	});

	test('every size from 80x24 to 220x80 is filled to rows - 1 lines and never wider than the terminal', () => {
		for (let columns = 80; columns <= 220; columns++) {
			for (let rows = 24; rows <= 80; rows++) {
				const layout = dashboardLayout(columns, rows, digits);
				assert.ok(layout.kind !== 'too-small');
				assert.equal(layout.height, rows - 1);
				assert.equal(usedHeight(layout), rows - 1, `${columns}x${rows}`);
				assert.equal(layout.body.height, rows - 1 - 3);
				for (const section of layout.sections) {
					const width = section.panels.reduce((sum, panel) => sum + panel.width, 0) + gutter * (section.panels.length - 1);
					assert.ok(width <= columns, `${columns}x${rows}`);
					for (const panel of section.panels) {
						assert.ok(panel.height <= section.height && panel.height >= 1, `${columns}x${rows} ${panel.kind}`);
						if (panel.kind === 'loss-chart' || panel.kind === 'epoch-chart')
							assert.ok(panel.height >= 6 && panel.width >= 39, `${columns}x${rows} ${panel.kind}`);
					}
				}
			}
		}
	});
});
