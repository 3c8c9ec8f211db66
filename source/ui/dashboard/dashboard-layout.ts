/**
 * Where everything goes, from the terminal size alone. No frame is as tall as
 * the terminal: Ink 6.8 clears the whole screen before every frame once its
 * output is `rows` lines high (ink.js: lastOutputHeight >= stdout.rows), which
 * flickers, so a frame has at most rows - 1 lines and at most `columns` columns.
 */

import {minimumSize} from '../shared/minimum-size.js';

/** From this width the loss chart sits beside the confusion matrix, and the epoch charts side by side under them. */
export const sideBySideColumns = 110;

/** Columns between panels on one row. */
export const gutter = 2;

/** A chart narrower than this is not worth drawing beside the matrix. */
const minChartWidth = 40;
/** A chart row lower than this (title included) is left out. */
const minChartHeight = 8;

export type Panel =
	| {readonly kind: 'bars'; readonly width: number; readonly height: 1 | 2}
	| {readonly kind: 'loss-chart'; readonly width: number; readonly height: number}
	| {readonly kind: 'confusion'; readonly width: number; readonly height: number; readonly compact: boolean}
	| {readonly kind: 'epoch-chart'; readonly chart: 'loss' | 'accuracy'; readonly width: number; readonly height: number}
	| {readonly kind: 'events'; readonly width: number; readonly height: 1};

/** A row of panels, `gutter` columns apart, after `marginTop` blank lines. */
export interface Section {
	readonly marginTop: number;
	readonly height: number;
	readonly panels: readonly Panel[];
}

export type DashboardLayout =
	| {readonly kind: 'too-small'; readonly width: number; readonly height: number}
	| {
			readonly kind: 'full' | 'compact';
			readonly width: number;
			readonly height: number;
			/** Two lines of header on top and one line of key hints at the bottom; the body is the rest. */
			readonly body: {readonly width: number; readonly height: number};
			readonly sections: readonly Section[];
	  };

/** What the layout needs to know of the matrix: its natural width and its number of classes. */
export interface ConfusionNeeds {
	readonly width: number;
	readonly classes: number;
}

const headerHeight = 2;
const keysHeight = 1;

/** The room an overlay gets (the body, between the header and the key hints), or null below the minimum size. */
export function overlaySize(columns: number, rows: number): {width: number; height: number} | null {
	const layout = dashboardLayout(columns, rows, {width: 0, classes: 10});
	return layout.kind === 'too-small' ? null : layout.body;
}

export function dashboardLayout(columns: number, rows: number, confusion: ConfusionNeeds): DashboardLayout {
	const width = Math.max(0, Math.floor(columns));
	const height = Math.max(0, Math.floor(rows) - 1);
	if (width < minimumSize.columns || rows < minimumSize.rows) return {kind: 'too-small', width, height};
	const body = {width, height: height - headerHeight - keysHeight};
	// title, column labels, one row per class, then the precision row
	const matrixHeight = confusion.classes + 3;
	const events: Section = {marginTop: 0, height: 1, panels: [{kind: 'events', width, height: 1}]};
	const section = (marginTop: number, height: number, ...panels: Panel[]): Section => ({marginTop, height, panels});
	const epochCharts = (marginTop: number, chartHeight: number): Section => {
		const left = Math.floor((width - gutter) / 2);
		return section(
			marginTop,
			chartHeight,
			{kind: 'epoch-chart', chart: 'loss', width: left, height: chartHeight},
			{kind: 'epoch-chart', chart: 'accuracy', width: width - gutter - left, height: chartHeight},
		);
	};

	if (width >= sideBySideColumns) {
		// bars, a blank line, [loss chart | matrix], a blank line, [epoch loss | epoch accuracy], events
		const room = body.height - 2 - 1 - 1;
		const matrixWidth = Math.min(confusion.width, width - gutter - minChartWidth);
		const withEpochCharts = room - 1 - matrixHeight >= minChartHeight;
		const top = withEpochCharts ? Math.max(matrixHeight, Math.ceil((room - 1) / 2)) : room;
		const sections = [
			section(0, 2, {kind: 'bars', width, height: 2}),
			section(
				1,
				top,
				{kind: 'loss-chart', width: width - gutter - matrixWidth, height: top},
				{kind: 'confusion', width: matrixWidth, height: Math.min(top, matrixHeight), compact: top < matrixHeight},
			),
		];
		if (withEpochCharts) sections.push(epochCharts(1, room - 1 - top));
		return {kind: 'full', width, height, body, sections: [...sections, events]};
	}

	// stacked: bars, the loss chart, the matrix, maybe the epoch charts, events
	const room = body.height - 1 - 1;
	const compactMatrix = room - matrixHeight < minChartHeight - 1;
	const matrix = compactMatrix ? matrixHeight - 1 : matrixHeight;
	const charts = room - matrix;
	const withEpochCharts = charts >= 2 * minChartHeight + 2;
	const lossHeight = withEpochCharts ? Math.ceil(charts / 2) : charts;
	const sections = [
		section(0, 1, {kind: 'bars', width, height: 1}),
		section(0, lossHeight, {kind: 'loss-chart', width, height: lossHeight}),
		section(0, matrix, {kind: 'confusion', width: Math.min(confusion.width, width), height: matrix, compact: compactMatrix}),
	];
	if (withEpochCharts) sections.push(epochCharts(0, charts - lossHeight));
	return {kind: 'compact', width, height, body, sections: [...sections, events]};
}
