import {loss, percent} from '../../text/format.js';
import {glyphsFor} from '../../text/glyphs.js';
import type {EpochSummary} from '../../train/events.js';
import {axisTicks} from './chart-axis.js';
import {fitPlot, spreadColumns} from './chart-fit.js';
import {type ChartRun, lineSample, meetingMark} from './chart-plot.js';
import {fitColumns} from './chart-series.js';
import {type ChartText, chooseTitle, noteLines, withAxis} from './chart-text.js';

export type EpochChartKind = 'loss' | 'accuracy';

/** Train and test loss or accuracy per epoch, the epochs spread over the chart's width and counted on its x axis. */
export function epochChart(
	history: readonly EpochSummary[],
	kind: EpochChartKind,
	width: number,
	height: number,
	ascii: boolean,
): ChartText {
	const {separator, ellipsis} = glyphsFor(ascii);
	const train = history.map(epoch => (kind === 'loss' ? epoch.trainLoss : epoch.trainAccuracy));
	const test = history.flatMap(epoch => {
		const value = kind === 'loss' ? epoch.testLoss : epoch.testAccuracy;
		return value === null ? [] : [value];
	});
	const format = kind === 'loss' ? loss : (value: number) => percent(value);
	const name = kind === 'loss' ? 'Loss' : 'Accuracy';
	const first = history[0]?.epoch ?? 0,
		last = history.at(-1)?.epoch ?? 0;
	const series = test.length > 0 ? [train, test] : [train];
	const plot = history.length < 2 ? null : epochPlot(series, first, last, width, height, format, ascii);
	// no legend before the first epoch: whether there will be a test line is not known yet
	const latest = series.map(values => values.at(-1));
	const meeting = plot?.meeting ?? false;
	const bare = latest.map(() => undefined);
	// the values go first, then the meeting mark's key where even the bare legend is too wide with it
	const legends =
		history.length === 0
			? []
			: [legend(latest, format, ascii, meeting), legend(bare, format, ascii, meeting), legend(bare, format, ascii, false)];
	const epochs = first === last ? `${separator}epoch ${first}` : `${separator}epochs ${first}-${last}`;
	const title = chooseTitle(history.length === 0 ? [`${name} per epoch`, name] : [`${name}${epochs}`, name], legends, width);
	if (history.length === 1) {
		const values = latest.map((value, index) => `${index === 0 ? 'train' : 'test'} ${format(value!)}`);
		const notes = [`epoch ${first}: ${values.join(', ')}`, `the line${series.length > 1 ? 's start' : ' starts'} at epoch ${first + 1}`];
		return {...title, lines: noteLines(notes, separator, width, height - 1), placeholder: null};
	}
	return plot
		? {...title, lines: plot.lines, placeholder: null}
		: {...title, lines: [], placeholder: `waiting for the first epoch${ellipsis}`};
}

/** The lines from the first epoch to the last, the real points kept where they meet, the epochs on the x axis. */
function epochPlot(
	series: readonly (readonly number[])[],
	first: number,
	last: number,
	width: number,
	height: number,
	format: (value: number) => string,
	ascii: boolean,
) {
	return withAxis(
		height,
		rows => fitPlot(series, width, rows, {shape: fitColumns, format, ascii, pointColumns: spreadColumns}),
		fitted => {
			const columnOf = (epoch: number) => Math.round(((epoch - first) * (fitted.columns - 1)) / (last - first));
			return {name: 'epoch', ticks: axisTicks(first, last, fitted.columns, columnOf, String)};
		},
	);
}

/** "── train 0.0512  ╌╌ test 0.0734  ╳ both": each series' line style, name and latest value, and the mark where points meet. */
function legend(latest: readonly (number | undefined)[], format: (value: number) => string, ascii: boolean, meeting: boolean): ChartRun[] {
	const names = ['train', 'test'];
	const lines = latest.flatMap((value, series) => [
		{text: '  ', series: null},
		{text: lineSample(series, ascii), series},
		{text: ` ${names[series]}${value === undefined ? '' : ` ${format(value)}`}`, series: null},
	]);
	return meeting ? [...lines, {text: `  ${meetingMark(ascii)} both`, series: null}] : lines;
}
