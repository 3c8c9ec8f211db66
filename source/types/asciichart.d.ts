/** The part of asciichart 1.5 this program uses (the package ships no types). */
declare module 'asciichart' {
	export interface PlotConfig {
		readonly min?: number;
		readonly max?: number;
		/** Columns reserved left of the axis for the labels. */
		readonly offset?: number;
		readonly padding?: string;
		/** Rows of the plot minus one. */
		readonly height?: number;
		/** ANSI colour prefixes, one per series. */
		readonly colors?: readonly string[];
		/** [crossing, axis, ...] in asciichart's order: ┼ ┤ ╶ ╴ ─ ╰ ╭ ╮ ╯ │ */
		readonly symbols?: readonly string[];
		/** The label of a row: its value, and its index from the top. */
		readonly format?: (value: number, row: number) => string;
	}

	export function plot(series: readonly number[] | readonly (readonly number[])[], config?: PlotConfig): string;

	const asciichart: {readonly plot: typeof plot};
	export default asciichart;
}
