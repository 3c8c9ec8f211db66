/** Shaping number series for the charts: at most one point per column, smoothed, and the y range to draw. */

export interface Range {
	readonly min: number;
	readonly max: number;
}

/** At most `points` points, each the mean of an equal share of the series, so a long run fits the chart's width. */
export function downsample(series: readonly number[], points: number): number[] {
	const buckets = Math.max(0, Math.floor(points));
	if (series.length <= buckets) return series.slice();
	const result: number[] = [];
	for (let bucket = 0; bucket < buckets; bucket++) {
		const from = Math.floor((bucket * series.length) / buckets);
		const to = Math.floor(((bucket + 1) * series.length) / buckets);
		let sum = 0;
		for (let i = from; i < to; i++) sum += series[i]!;
		result.push(sum / (to - from));
	}
	return result;
}

/**
 * Exponential smoothing: each point keeps `weight` of the smoothed value before
 * it, so batch-to-batch noise does not hide the trend. The first point is kept.
 */
export function smooth(series: readonly number[], weight: number): number[] {
	const result: number[] = [];
	let last: number | undefined;
	for (const value of series) {
		last = last === undefined || !Number.isFinite(last) ? value : weight * last + (1 - weight) * value;
		result.push(last);
	}
	return result;
}

/**
 * Spreads a short series over `points` columns by straight lines between its
 * points (a single point becomes a level line); a longer one is downsampled.
 */
export function fitColumns(series: readonly number[], points: number): number[] {
	const columns = Math.max(0, Math.floor(points));
	if (series.length === 0 || columns === 0) return [];
	if (series.length >= columns) return downsample(series, columns);
	if (series.length === 1) return new Array<number>(columns).fill(series[0]!);
	const result: number[] = [];
	const last = series.length - 1;
	for (let column = 0; column < columns; column++) {
		const position = (column * last) / (columns - 1);
		const left = Math.min(Math.floor(position), last - 1);
		const t = position - left;
		result.push(series[left]! * (1 - t) + series[left + 1]! * t);
	}
	return result;
}

/** The smallest and largest finite values of all the series, or null when there are none. */
export function valueRange(series: readonly (readonly number[])[]): Range | null {
	let min = Infinity,
		max = -Infinity;
	for (const values of series) {
		for (const value of values) {
			if (!Number.isFinite(value)) continue;
			if (value < min) min = value;
			if (value > max) max = value;
		}
	}
	return min <= max ? {min, max} : null;
}

/**
 * The least a chart row may stand for: one unit of the values' third
 * significant digit (a hundredth of a decade on a log scale). Finer rows would
 * only spread noise over labels that differ in their last digit.
 */
export function rowStep(range: Range, scale: 'linear' | 'log'): number {
	if (scale === 'log') return 0.01;
	const magnitude = Math.max(Math.abs(range.min), Math.abs(range.max));
	return magnitude > 0 ? 10 ** (Math.floor(Math.log10(magnitude)) - 2) : 0.001;
}

/**
 * The rows the values can fill at no less than `step` a row (2 to `rows`), and
 * the range to draw: at least one step high, so level values sit between two
 * labels instead of on a magnified line.
 */
export function fillRows(range: Range, rows: number, step: number): {range: Range; rows: number} {
	const span = range.max - range.min;
	const drawn = span >= step ? range : {min: (range.min + range.max - step) / 2, max: (range.min + range.max + step) / 2};
	return {range: drawn, rows: Math.max(Math.min(2, rows), Math.min(rows, Math.floor((drawn.max - drawn.min) / step + 1e-9) + 1))};
}

/** The value each of `rows` chart rows stands for, top row first. */
export function rowValues(range: Range, rows: number): number[] {
	if (rows <= 1) return rows === 1 ? [range.max] : [];
	return Array.from({length: rows}, (_, row) => range.max - (row * (range.max - range.min)) / (rows - 1));
}
