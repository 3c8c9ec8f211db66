import {count, loss, percent} from '../../text/format.js';
import {glyphsFor, truncate} from '../../text/glyphs.js';
import type {EpochSummary} from '../../train/events.js';
import {axisLine, axisTicks} from './chart-axis.js';
import {type FittedPlot, fitPlot, spreadColumns} from './chart-fit.js';
import {type ChartLine, type ChartRun, fitRuns, lineSample, meetingMark, runsWidth} from './chart-plot.js';
import {fitColumns, smooth} from './chart-series.js';

/** A chart as text: a title line (title, then a legend), and either the plot or a placeholder. */
export interface ChartText {
	readonly title: string;
	readonly legend: ChartLine;
	/** At most height - 1 lines: the plot and its x axis, or a note about a single point; none while there is nothing to draw. */
	readonly lines: readonly ChartLine[];
	readonly placeholder: string | null;
}

/** How much of the previous smoothed point each step loss keeps. */
const lossSmoothing = 0.6;

export interface StepLosses {
	readonly stepLosses: readonly number[];
	readonly stepsPerPoint: number;
	readonly pendingLosses: readonly number[];
}

/**
 * The training loss of every step so far, smoothed and averaged down to one
 * point per column, on a log scale: most of the fall from ln 10 happens in the
 * first hundred steps, and a linear scale would flatten everything after it.
 * Like the epoch charts, a few points are spread over the width; the x axis
 * counts the steps, its last tick the steps so far.
 */
export function stepLossChart(input: StepLosses, width: number, height: number, ascii: boolean): ChartText {
	const {separator, ellipsis} = glyphsFor(ascii);
	const steps = input.stepLosses.length * input.stepsPerPoint + input.pendingLosses.length;
	const points = input.pendingLosses.length > 0 ? [...input.stepLosses, mean(input.pendingLosses)] : input.stepLosses;
	const title = chooseTitle(
		['Training loss per step, smoothed, log scale', 'Training loss per step (log scale)', 'Training loss (log scale)'],
		[],
		width,
	);
	if (points.length === 0) return {...title, lines: [], placeholder: `waiting for the first steps${ellipsis}`};
	if (points.length === 1) {
		const notes = [
			`${steps === 1 ? 'step 1' : `steps 1-${count(steps)}`}: loss ${loss(points[0]!)}`,
			`the line starts at step ${count(steps + 1)}`,
		];
		return {...title, lines: noteLines(notes, separator, width, height - 1), placeholder: null};
	}
	const smoothed = smooth(points, lossSmoothing);
	const plot = withAxis(
		height,
		rows => fitPlot([smoothed], width, rows, {shape: fitColumns, format: loss, ascii, scale: 'log'}),
		fitted => {
			const last = fitted.columns - 1;
			return {name: 'step', ticks: axisTicks(1, steps, fitted.columns, step => Math.round(((step - 1) * last) / (steps - 1)), count)};
		},
	);
	return plot
		? {...title, lines: plot.lines, placeholder: null}
		: {...title, lines: [], placeholder: `waiting for the first steps${ellipsis}`};
}

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
	const first = history[0]?.epoch,
		last = history.at(-1)?.epoch;
	const epochs = first === undefined ? '' : first === last ? `${separator}epoch ${first}` : `${separator}epochs ${first}-${last}`;
	const series = test.length > 0 ? [train, test] : [train];
	const plot =
		history.length < 2 || first === undefined || last === undefined
			? null
			: withAxis(
					height,
					rows => fitPlot(series, width, rows, {shape: fitColumns, format, ascii, pointColumns: spreadColumns}),
					fitted => {
						const lastColumn = fitted.columns - 1;
						const columnOf = (epoch: number) => Math.round(((epoch - first) * lastColumn) / (last - first));
						return {name: 'epoch', ticks: axisTicks(first, last, fitted.columns, columnOf, String)};
					},
				);
	// no legend before the first epoch: whether there will be a test line is not known yet
	const latest = series.map(values => values.at(-1));
	const legends =
		history.length === 0 ? [] : [latest, latest.map(() => undefined)].map(values => legend(values, format, ascii, plot?.meeting ?? false));
	const title = chooseTitle(history.length === 0 ? [`${name} per epoch`, name] : [`${name}${epochs}`, name], legends, width);
	if (history.length === 1 && first !== undefined) {
		const values = latest.map((value, index) => `${index === 0 ? 'train' : 'test'} ${value === undefined ? '' : format(value)}`);
		const notes = [`epoch ${first}: ${values.join(', ')}`, `the line${series.length > 1 ? 's start' : ' starts'} at epoch ${first + 1}`];
		return {...title, lines: noteLines(notes, separator, width, height - 1), placeholder: null};
	}
	return plot
		? {...title, lines: plot.lines, placeholder: null}
		: {...title, lines: [], placeholder: `waiting for the first epoch${ellipsis}`};
}

/**
 * The plot on all the rows but the title's, with an x axis line under it when
 * there are rows for two plot rows and the axis.
 */
function withAxis(
	height: number,
	fit: (rows: number) => FittedPlot | null,
	axis: (fitted: FittedPlot) => {name: string; ticks: ReturnType<typeof axisTicks>},
): {lines: ChartLine[]; meeting: boolean} | null {
	const rows = height - 1;
	const withRoom = rows >= 3;
	const fitted = fit(withRoom ? rows - 1 : rows);
	if (!fitted) return null;
	if (!withRoom) return fitted;
	const {name, ticks} = axis(fitted);
	return {...fitted, lines: [...fitted.lines, [{text: axisLine(ticks, name, fitted.labelWidth, fitted.columns), series: null}]]};
}

/** A single point said in words: on one line where it fits, else on as many as there are rows. */
function noteLines(notes: readonly string[], separator: string, width: number, rows: number): ChartLine[] {
	const joined = notes.join(separator);
	const lines = joined.length <= width ? [joined] : notes.slice(0, Math.max(0, rows));
	return lines.map(text => [{text: truncate(text, width, ''), series: null}]);
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

/** The longest title that fits beside the fullest legend that fits; the legend is kept before the title's detail. */
function chooseTitle(titles: readonly string[], legends: readonly ChartLine[], width: number): Pick<ChartText, 'title' | 'legend'> {
	const options = legends.length === 0 ? [[] as ChartLine] : legends;
	for (const legendRuns of options) {
		for (const title of titles) {
			if (title.length + runsWidth(legendRuns) <= width) return {title, legend: legendRuns};
		}
	}
	const title = titles.at(-1) ?? '';
	return {title: title.slice(0, Math.max(0, width)), legend: fitRuns(options.at(-1)!, width - title.length)};
}

const mean = (values: readonly number[]): number => values.reduce((sum, value) => sum + value, 0) / values.length;
