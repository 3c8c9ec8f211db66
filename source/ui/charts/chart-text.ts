import {count, loss, percent} from '../../text/format.js';
import {glyphsFor} from '../../text/glyphs.js';
import type {EpochSummary} from '../../train/events.js';
import {axisLabels, type ChartLine, type ChartRun, fitRuns, lineSample, plotColumns, plotLines, runsWidth} from './chart-plot.js';
import {downsample, fitColumns, type Range, smooth, spreadRange, valueRange} from './chart-series.js';

/** A chart as text: a title line (title, then a legend), and either the plot or a placeholder. */
export interface ChartText {
	readonly title: string;
	readonly legend: ChartLine;
	/** Exactly height - 1 lines, or none while there is nothing to draw. */
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
 */
export function stepLossChart(input: StepLosses, width: number, height: number, ascii: boolean): ChartText {
	const {separator, ellipsis} = glyphsFor(ascii);
	const steps = input.stepLosses.length * input.stepsPerPoint + input.pendingLosses.length;
	const points = input.pendingLosses.length > 0 ? [...input.stepLosses, mean(input.pendingLosses)] : input.stepLosses;
	const title = chooseTitle(
		[
			...(steps > 0 ? [`Training loss per step, smoothed, log scale${separator}${count(steps)} steps`] : []),
			'Training loss per step, smoothed, log scale',
			'Training loss per step (log scale)',
			'Training loss (log scale)',
		],
		[],
		width,
	);
	const smoothed = smooth(points, lossSmoothing);
	const plot = fitPlot([smoothed], downsample, width, height - 1, loss, ascii, 'log');
	return plot ? {...title, ...plot, placeholder: null} : {...title, lines: [], placeholder: `waiting for the first steps${ellipsis}`};
}

export type EpochChartKind = 'loss' | 'accuracy';

/** Train and test loss or accuracy per epoch, the epochs spread over the chart's width. */
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
	// no legend before the first epoch: whether there will be a test line is not known yet
	const legends =
		history.length === 0
			? []
			: [
					legend(
						series.map(values => values.at(-1)),
						format,
						ascii,
					),
					legend(
						series.map(() => undefined),
						format,
						ascii,
					),
				];
	const title = chooseTitle(history.length === 0 ? [`${name} per epoch`, name] : [`${name}${epochs}`, name], legends, width);
	const plot = fitPlot(series, fitColumns, width, height - 1, format, ascii);
	return plot ? {...title, ...plot, placeholder: null} : {...title, lines: [], placeholder: `waiting for the first epoch${ellipsis}`};
}

/** "── train 0.0512  ╌╌ test 0.0734": each series' line style, name and latest value. */
function legend(latest: readonly (number | undefined)[], format: (value: number) => string, ascii: boolean): ChartRun[] {
	const names = ['train', 'test'];
	return latest.flatMap((value, series) => [
		{text: '  ', series: null},
		{text: lineSample(series, ascii), series},
		{text: ` ${names[series]}${value === undefined ? '' : ` ${format(value)}`}`, series: null},
	]);
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

/**
 * Shapes the series to the plot's columns and draws them. Which columns there
 * are depends on the labels' width, which depends on the values drawn, so the
 * two are settled together (the label width only grows, so this ends).
 */
function fitPlot(
	series: readonly (readonly number[])[],
	shape: (values: readonly number[], columns: number) => number[],
	width: number,
	rows: number,
	format: (value: number) => string,
	ascii: boolean,
	scale: 'linear' | 'log' = 'linear',
): Pick<ChartText, 'lines'> | null {
	// a log scale draws log10 of the values (a loss is never 0: it is kept above a tiny floor) and labels the rows with 10^row
	const toScale = scale === 'log' ? (value: number) => Math.log10(Math.max(value, 1e-12)) : (value: number) => value;
	const labelOf = scale === 'log' ? (value: number) => format(10 ** value) : format;
	if (rows < 1 || series.every(values => values.length === 0)) return null;
	let labelWidth = 3;
	for (;;) {
		const columns = plotColumns(width, labelWidth);
		if (columns < 2) return null;
		const shown = series.map(values => shape(values, columns).map(toScale));
		const found = valueRange(shown);
		if (!found) return null;
		const range: Range = spreadRange(found);
		const labels = axisLabels(range, rows, labelOf);
		const needed = labels[0]!.length;
		if (needed <= labelWidth)
			return {
				lines: plotLines(
					shown,
					range,
					labels.map(label => label.padStart(labelWidth)),
					ascii,
				),
			};
		labelWidth = needed;
	}
}

const mean = (values: readonly number[]): number => values.reduce((sum, value) => sum + value, 0) / values.length;
