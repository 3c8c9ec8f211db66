/**
 * Where everything goes, from the terminal size alone. No frame is as tall as
 * the terminal: Ink 6.8 clears the whole screen before every frame once its
 * output is `rows` lines high (ink.js: lastOutputHeight >= stdout.rows), which
 * flickers, so a frame has at most rows - 1 lines and at most `columns` columns.
 */

import {minimumSize} from '../shared/minimum-size.js';

/** From this width the loss charts sit beside the confusion matrix even when the epoch charts find no row below. */
export const sideBySideColumns = 110;

/** Columns between panels on one row. */
export const gutter = 2;

/** A chart narrower than this is not worth drawing beside the matrix (a 10-epoch chart still gets 2 columns an epoch). */
const minChartWidth = 26;
/** Each half of a chart row split in two (the step loss beside the loss per epoch) needs this much. */
const minHalfWidth = 36;
/** A chart row lower than this (title included) is left out. */
const minChartHeight = 8;
/** The epoch charts' row under the matrix (title included): 7 at 100x29, the demo's dashboard above its caption. */
const minEpochRowHeight = 7;
/** A chart that shares its row with the step loss (title included): the 80x24 row. */
const minSharedHeight = 6;

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

/** What the layout needs to know of the matrix: its natural width, its number of classes, and how narrow it still keeps its recall column. */
export interface ConfusionNeeds {
	readonly width: number;
	readonly classes: number;
	/** The narrowest table with short row names and the recall column; the natural width when not given. */
	readonly readableWidth?: number;
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

	// the step loss, and beside it the loss per epoch when the charts have no row of their own and the room splits in two
	const lossCharts = (chartWidth: number, chartHeight: number, shared: boolean): Panel[] => {
		if (!shared || chartWidth < 2 * minHalfWidth + gutter || chartHeight < minSharedHeight)
			return [{kind: 'loss-chart', width: chartWidth, height: chartHeight}];
		const left = Math.floor((chartWidth - gutter) / 2);
		return [
			{kind: 'loss-chart', width: left, height: chartHeight},
			{kind: 'epoch-chart', chart: 'loss', width: chartWidth - gutter - left, height: chartHeight},
		];
	};

	// the matrix keeps its natural width while a chart fits beside it, else gives up its corner and long names, never its recall
	const readable = Math.min(confusion.width, confusion.readableWidth ?? confusion.width);
	const matrixWidth =
		width - gutter - confusion.width >= minChartWidth ? confusion.width : Math.max(readable, width - gutter - minChartWidth);
	// bars, a blank line, [loss chart | matrix], a blank line, [epoch loss | epoch accuracy], events
	const fullRoom = body.height - 2 - 1 - 1;
	const fullEpochCharts = fullRoom - 1 - matrixHeight >= minEpochRowHeight;
	const beside = width - gutter - matrixWidth;
	// without a row for the epoch charts, only when the loss per epoch fits beside the step loss
	if (beside >= minChartWidth && (fullEpochCharts || (width >= sideBySideColumns && beside >= 2 * minHalfWidth + gutter))) {
		const top = fullEpochCharts ? Math.max(matrixHeight, Math.ceil((fullRoom - 1) / 2)) : fullRoom;
		const sections = [
			section(0, 2, {kind: 'bars', width, height: 2}),
			section(1, top, ...lossCharts(width - gutter - matrixWidth, top, !fullEpochCharts), {
				kind: 'confusion',
				width: matrixWidth,
				height: Math.min(top, matrixHeight),
				compact: top < matrixHeight,
			}),
		];
		if (fullEpochCharts) sections.push(epochCharts(1, fullRoom - 1 - top));
		return {kind: 'full', width, height, body, sections: [...sections, events]};
	}

	// stacked: bars, the loss chart (the loss per epoch beside it when the epoch charts get no row), the matrix, maybe the epoch charts, events
	const room = body.height - 1 - 1;
	const compactMatrix = room - matrixHeight < minChartHeight - 1;
	const matrix = compactMatrix ? matrixHeight - 1 : matrixHeight;
	const charts = room - matrix;
	const withEpochCharts = charts >= 2 * minChartHeight + 2;
	const lossHeight = withEpochCharts ? Math.ceil(charts / 2) : charts;
	const sections = [
		section(0, 1, {kind: 'bars', width, height: 1}),
		section(0, lossHeight, ...lossCharts(width, lossHeight, !withEpochCharts)),
		section(0, matrix, {kind: 'confusion', width: Math.min(confusion.width, width), height: matrix, compact: compactMatrix}),
	];
	if (withEpochCharts) sections.push(epochCharts(0, charts - lossHeight));
	return {kind: 'compact', width, height, body, sections: [...sections, events]};
}
