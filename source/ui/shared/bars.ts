/** Partial blocks for the last, partly filled cell of a bar: 1/8 to 7/8. */
const eighths = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

export interface BarOptions {
	/** `#` and `-` instead of block characters. */
	readonly ascii: boolean;
}

/** A bar split into its filled part and its empty track, so a view can colour them apart. */
export interface BarParts {
	readonly filled: string;
	readonly empty: string;
}

/**
 * A bar exactly `width` characters wide. It is only full at exactly 1: a run at
 * 99.9% never looks finished. Fractions outside [0, 1] (or NaN) are clamped.
 */
export function barParts(fraction: number, width: number, {ascii}: BarOptions): BarParts {
	const cells = Math.max(0, Math.floor(width));
	const clamped = Number.isFinite(fraction) ? Math.min(1, Math.max(0, fraction)) : 0;
	if (ascii) {
		const full = Math.floor(clamped * cells);
		return {filled: '#'.repeat(full), empty: '-'.repeat(cells - full)};
	}
	const total = Math.floor(clamped * cells * 8);
	const full = Math.floor(total / 8);
	const partial = full < cells ? eighths[total % 8]! : '';
	return {filled: '█'.repeat(full) + partial, empty: '░'.repeat(cells - full - (partial ? 1 : 0))};
}

export function progressBar(fraction: number, width: number, options: BarOptions): string {
	const {filled, empty} = barParts(fraction, width, options);
	return filled + empty;
}
