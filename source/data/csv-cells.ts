/** Reading the number a CSV cell holds. */

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)$/;

/** The number a cell holds (decimal notation, spaces around allowed), or NaN. */
export function cellNumber(text: string): number {
	const trimmed = text.trim();
	return NUMBER.test(trimmed) ? Number(trimmed) : Number.NaN;
}
