/** Sample mean and variance, in float64. */

export function mean(values: ArrayLike<number>): number {
	let sum = 0;
	for (let i = 0; i < values.length; i++) sum += values[i]!;
	return sum / values.length;
}

export function variance(values: ArrayLike<number>): number {
	const center = mean(values);
	let sum = 0;
	for (let i = 0; i < values.length; i++) sum += (values[i]! - center) ** 2;
	return sum / values.length;
}
