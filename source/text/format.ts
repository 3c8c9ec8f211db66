/** Small number formats shared by the plain lines and the dashboard. */

/** 0.98123 -> "98.12%" */
export const percent = (fraction: number, digits = 2): string => `${(fraction * 100).toFixed(digits)}%`;

/**
 * A recall or precision as a percentage: 0.9912 -> "99.1" (or "99.1%"); one that rounds to 100 reads "100", never "100.0".
 * The confusion matrix's precision row goes without "%" (a digit's column has room for "99.1", not "99.1%").
 */
export function sharePercent(share: number, digits: number, sign: boolean): string {
	const text = (share * 100).toFixed(digits);
	return (Number(text) >= 100 ? '100' : text) + (sign ? '%' : '');
}

/** A loss with four significant digits, so a small loss never reads "0.00". */
/** Six significant digits: what a log keeps of a loss (a tiny late-training loss stays meaningful), and what the dashboard keeps too, so a replay draws what the run drew. */
export const significant = (value: number): number => Number(value.toPrecision(6));

export const loss = (value: number): string => (value === 0 ? '0' : value.toPrecision(4));

/** 31512.7 -> "31,513" */
export const count = (value: number): string => String(Math.round(value)).replace(/\B(?=(\d{3})+$)/g, ',');

/** 4.21 -> "4.2s"; from a minute on like `clock`: 75.3 -> "1m15s" */
export const duration = (seconds: number): string => (seconds < 60 ? `${seconds.toFixed(1)}s` : clock(seconds));

/** A ticking clock in whole seconds: 42 -> "42s", 190 -> "3m10s", 3720 -> "1h02m" */
export function clock(seconds: number): string {
	const whole = Math.max(0, Math.round(seconds));
	if (whole < 60) return `${whole}s`;
	const minutes = Math.floor(whole / 60);
	if (minutes < 60) return `${minutes}m${String(whole % 60).padStart(2, '0')}s`;
	return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
}
