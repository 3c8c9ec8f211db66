import {truncate} from '../../text/glyphs.js';
import {axisLine, type Tick} from './chart-axis.js';
import type {FittedPlot} from './chart-fit.js';
import {type ChartLine, fitRuns, runsWidth} from './chart-plot.js';

/** A chart as text: a title line (title, then a legend), and either the plot or a placeholder. */
export interface ChartText {
	readonly title: string;
	readonly legend: ChartLine;
	/** At most height - 1 lines: the plot and its x axis, or a note about a single point; none while there is nothing to draw. */
	readonly lines: readonly ChartLine[];
	readonly placeholder: string | null;
}

/**
 * The plot on all the rows but the title's, with an x axis line under it when
 * there are rows for two plot rows and the axis.
 */
export function withAxis(
	height: number,
	fit: (rows: number) => FittedPlot | null,
	axis: (fitted: FittedPlot) => {name: string; ticks: readonly Tick[]},
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
export function noteLines(notes: readonly string[], separator: string, width: number, rows: number): ChartLine[] {
	const joined = notes.join(separator);
	const lines = joined.length <= width ? [joined] : notes.slice(0, Math.max(0, rows));
	return lines.map(text => [{text: truncate(text, width, ''), series: null}]);
}

/** The longest title that fits beside the fullest legend that fits; the legend is kept before the title's detail. */
export function chooseTitle(titles: readonly string[], legends: readonly ChartLine[], width: number): Pick<ChartText, 'title' | 'legend'> {
	const options = legends.length === 0 ? [[] as ChartLine] : legends;
	for (const legendRuns of options) {
		for (const title of titles) {
			if (title.length + runsWidth(legendRuns) <= width) return {title, legend: legendRuns};
		}
	}
	const title = titles.at(-1) ?? '';
	return {title: title.slice(0, Math.max(0, width)), legend: fitRuns(options.at(-1)!, width - title.length)};
}
