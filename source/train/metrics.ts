/** A confusion matrix as rows of counts: confusion[trueLabel][predicted]. */
export type Confusion = number[][];

/** A confusion cell: images of true class `actual` predicted as `predicted`. */
export interface Cell {
	readonly actual: number;
	readonly predicted: number;
}

export function confusionMatrix(labels: ArrayLike<number>, predictions: ArrayLike<number>, classes: number): Confusion {
	const rows = Array.from({length: classes}, () => new Array<number>(classes).fill(0));
	for (let i = 0; i < predictions.length; i++) rows[labels[i]!]![predictions[i]!]!++;
	return rows;
}

/**
 * The off-diagonal cells that count something, largest first (ties in row
 * order): which true label is most often taken for which; only row `label`'s
 * when given.
 */
export function mostConfused(
	confusion: Confusion,
	count: number,
	label: number | null = null,
): {actual: number; predicted: number; count: number}[] {
	const pairs = confusion.flatMap((row, actual) =>
		label !== null && actual !== label
			? []
			: row
					.map((cellCount, predicted) => ({actual, predicted, count: cellCount}))
					.filter(cell => cell.actual !== cell.predicted && cell.count > 0),
	);
	return pairs.sort((a, b) => b.count - a.count || a.actual - b.actual || a.predicted - b.predicted).slice(0, count);
}
