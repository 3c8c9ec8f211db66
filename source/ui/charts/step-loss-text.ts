import {count, loss} from '../../text/format.js';
import {glyphsFor} from '../../text/glyphs.js';
import {axisTicks} from './chart-axis.js';
import {fitPlot} from './chart-fit.js';
import {fitColumns, smooth} from './chart-series.js';
import {type ChartText, chooseTitle, noteLines, withAxis} from './chart-text.js';

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

const mean = (values: readonly number[]): number => values.reduce((sum, value) => sum + value, 0) / values.length;
