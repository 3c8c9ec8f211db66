import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {
	type ConfusionNeeds,
	type DashboardLayout,
	dashboardLayout,
	gutter,
	overlaySize,
} from '../../../../source/ui/dashboard/dashboard-layout.js';

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

	test('80x24 is compact: bars on one line, the step loss beside the loss per epoch, the matrix without its precision row', () => {
		const layout = dashboardLayout(80, 24, digits);
		assert.ok(layout.kind === 'compact');
		assert.deepEqual(layout.body, {width: 80, height: 20});
		assert.deepEqual(
			layout.sections.map(section => section.panels),
			[
				[{kind: 'bars', width: 80, height: 1}],
				[
					{kind: 'loss-chart', width: 39, height: 6},
					{kind: 'epoch-chart', chart: 'loss', width: 39, height: 6},
				],
				[{kind: 'confusion', width: 66, height: 12, compact: true}],
				[{kind: 'events', width: 80, height: 1}],
			],
		);
	});

	test('100x30 (the demo): the loss chart in the 32 columns beside the matrix, and both epoch charts below', () => {
		const layout = dashboardLayout(100, 30, digits);
		assert.ok(layout.kind === 'full');
		assert.deepEqual(
			layout.sections.map(section => [section.marginTop, section.height, section.panels]),
			[
				[0, 2, [{kind: 'bars', width: 100, height: 2}]],
				[
					1,
					13,
					[
						{kind: 'loss-chart', width: 32, height: 13},
						{kind: 'confusion', width: 66, height: 13, compact: false},
					],
				],
				[
					1,
					8,
					[
						{kind: 'epoch-chart', chart: 'loss', width: 49, height: 8},
						{kind: 'epoch-chart', chart: 'accuracy', width: 49, height: 8},
					],
				],
				[0, 1, [{kind: 'events', width: 100, height: 1}]],
			],
		);
	});

	test('100x29 (the demo, its caption on the last line): the epoch charts keep a row of 7 lines', () => {
		const layout = dashboardLayout(100, 29, digits);
		assert.ok(layout.kind === 'full');
		assert.deepEqual(
			layout.sections.map(section => section.panels.map(panel => `${panel.kind} ${panel.width}x${panel.height}`).join(' | ')),
			['bars 100x2', 'loss-chart 32x13 | confusion 66x13', 'epoch-chart 49x7 | epoch-chart 49x7', 'events 100x1'],
		);
	});

	test('100x30 with long class names: the matrix gives up its long names, not its recall column, for the chart beside it', () => {
		const layout = dashboardLayout(100, 30, {width: 78, classes: 10, readableWidth: 72});
		assert.ok(layout.kind === 'full');
		assert.deepEqual(
			layout.sections[1]!.panels.map(panel => [panel.kind, panel.width]),
			[
				['loss-chart', 26],
				['confusion', 72],
			],
		);
	});

	test('160x50 and 200x60: the loss chart takes the width beside the matrix, the epoch charts half the height below', () => {
		const shape = (columns: number, rows: number) => {
			const layout = dashboardLayout(columns, rows, digits);
			assert.ok(layout.kind === 'full');
			return layout.sections.map(section => section.panels.map(panel => `${panel.kind} ${panel.width}x${panel.height}`).join(' | '));
		};
		assert.deepEqual(shape(160, 50), [
			'bars 160x2',
			'loss-chart 92x21 | confusion 66x13',
			'epoch-chart 79x20 | epoch-chart 79x20',
			'events 160x1',
		]);
		assert.deepEqual(shape(200, 60), [
			'bars 200x2',
			'loss-chart 132x26 | confusion 66x13',
			'epoch-chart 99x25 | epoch-chart 99x25',
			'events 200x1',
		]);
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

	test('wide but short: the loss per epoch beside the step loss; tall but narrow: the epoch charts stacked under the matrix', () => {
		const wide = dashboardLayout(160, 26, digits);
		assert.ok(wide.kind === 'full');
		assert.deepEqual(
			wide.sections[1]!.panels.map(panel => panel.kind),
			['loss-chart', 'epoch-chart', 'confusion'],
		);
		const tall = dashboardLayout(90, 50, digits);
		assert.ok(tall.kind === 'compact' && tall.sections.some(section => section.panels[0]!.kind === 'epoch-chart'));
	});

	test('the loss per epoch, and the matrix with its recall column, show at every size from 80x24 to 220x80', () => {
		const fashion = {width: 78, classes: 10, readableWidth: 72};
		for (const needs of [digits, fashion] as ConfusionNeeds[]) {
			for (let columns = 80; columns <= 220; columns++) {
				for (let rows = 24; rows <= 80; rows++) {
					const layout = dashboardLayout(columns, rows, needs);
					assert.ok(layout.kind !== 'too-small');
					const panels = layout.sections.flatMap(section => section.panels);
					const size = `${columns}x${rows} ${needs.width}`;
					assert.ok(
						panels.some(panel => panel.kind === 'epoch-chart' && panel.chart === 'loss'),
						size,
					);
					const matrix = panels.find(panel => panel.kind === 'confusion');
					assert.ok(matrix && matrix.width >= (needs.readableWidth ?? needs.width), size);
					for (const section of layout.sections) {
						const width = section.panels.reduce((sum, panel) => sum + panel.width, 0) + gutter * (section.panels.length - 1);
						assert.ok(width <= columns, size);
					}
				}
			}
		}
	});

	test('an overlay gets the body: all but the two header lines and the key hint line, within rows - 1', () => {
		assert.deepEqual(overlaySize(80, 24), {width: 80, height: 20});
		assert.deepEqual(overlaySize(120, 40), {width: 120, height: 36});
		assert.equal(overlaySize(79, 24), null);
	});

	test('the matrix keeps its natural width while a 26-column chart fits beside it', () => {
		const layout = dashboardLayout(110, 40, {width: 79, classes: 10});
		assert.ok(layout.kind === 'full');
		assert.deepEqual(
			layout.sections[1]!.panels.map(panel => panel.width),
			[29, 79],
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
							assert.ok(panel.height >= 6 && panel.width >= 26, `${columns}x${rows} ${panel.kind}`);
					}
				}
			}
		}
	});
});
