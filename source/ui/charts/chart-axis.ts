/** The x axis under a plot: what the columns count (epochs, steps) and where the round values fall. */

export interface Tick {
	/** The plot column, 0 being the y axis' column. */
	readonly column: number;
	readonly text: string;
}

/** Strides tried in turn: 1, 2, 5, 10, 20, 50, … */
const strides = (last: number): number[] => {
	const result: number[] = [];
	for (let power = 1; power <= Math.max(1, last); power *= 10) result.push(power, 2 * power, 5 * power);
	return result;
};

/**
 * Ticks at the first and last value and at the multiples of the smallest round
 * stride whose labels keep two spaces apart; a multiple too close to the last
 * value gives way to it. `columnOf` places a value on the plot's columns.
 */
export function axisTicks(
	first: number,
	last: number,
	columns: number,
	columnOf: (value: number) => number,
	label: (value: number) => string,
): Tick[] {
	const tickOf = (value: number): Tick => ({column: columnOf(value), text: label(value)});
	if (last <= first) return [tickOf(first)];
	const ends = [tickOf(first), tickOf(last)];
	if (!spaced(ends, columns)) return [tickOf(last)];
	for (const stride of strides(last)) {
		// labels two spaces apart take three columns each at least: a stride with many more multiples than that is not tried
		const multiples = Math.ceil(last / stride) - 1 - Math.floor(first / stride);
		if (multiples > 1 + Math.max(0, columns) / 3) continue;
		const middle: Tick[] = [];
		for (let value = (Math.floor(first / stride) + 1) * stride; value < last; value += stride) middle.push(tickOf(value));
		const kept = [ends[0]!, ...middle];
		if (!spaced(kept, columns)) continue;
		while (kept.length > 1 && !spaced([kept.at(-1)!, ends[1]!], columns)) kept.pop();
		return [...kept, ends[1]!];
	}
	return ends;
}

/** Where a tick's label starts: centred on its column, kept inside the columns. */
const startOf = (tick: Tick, columns: number): number =>
	Math.max(0, Math.min(columns - tick.text.length, tick.column - Math.floor((tick.text.length - 1) / 2)));

const spaced = (ticks: readonly Tick[], columns: number): boolean =>
	ticks.every((tick, i) => i === 0 || startOf(tick, columns) >= startOf(ticks[i - 1]!, columns) + ticks[i - 1]!.text.length + 2);

/**
 * The axis line: the name right-aligned under the y labels (or, where it does
 * not fit there, after the first tick), then the ticks under their columns.
 */
export function axisLine(ticks: readonly Tick[], name: string, labelWidth: number, columns: number): string {
	const line = Array.from(' '.repeat(labelWidth + 1 + columns));
	const put = (text: string, at: number) => {
		for (const [i, character] of Array.from(text).entries()) line[at + i] = character;
	};
	for (const tick of ticks) put(tick.text, labelWidth + 1 + startOf(tick, columns));
	if (name.length <= labelWidth) put(name, labelWidth - name.length);
	else {
		const [firstTick, secondTick] = ticks;
		const at = firstTick ? labelWidth + 1 + startOf(firstTick, columns) + firstTick.text.length + 1 : labelWidth + 1;
		const end = secondTick ? labelWidth + 1 + startOf(secondTick, columns) - 1 : line.length;
		if (at + name.length <= end) put(name, at);
	}
	return line.join('').trimEnd();
}
