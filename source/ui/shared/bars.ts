import {glyphsFor} from '../../text/glyphs.js';

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
 * With block characters the last cell fills in eighths.
 */
export function barParts(fraction: number, width: number, {ascii}: BarOptions): BarParts {
	const {full, empty, eighths} = glyphsFor(ascii).bar;
	const cells = Math.max(0, Math.floor(width));
	const clamped = Number.isFinite(fraction) ? Math.min(1, Math.max(0, fraction)) : 0;
	if (eighths === null) {
		const whole = Math.floor(clamped * cells);
		return {filled: full.repeat(whole), empty: empty.repeat(cells - whole)};
	}
	const total = Math.floor(clamped * cells * 8);
	const whole = Math.floor(total / 8);
	const partial = whole < cells ? eighths[total % 8]! : '';
	return {filled: full.repeat(whole) + partial, empty: empty.repeat(cells - whole - (partial ? 1 : 0))};
}

export function progressBar(fraction: number, width: number, options: BarOptions): string {
	const {filled, empty} = barParts(fraction, width, options);
	return filled + empty;
}
