/**
 * The mouse, as xterm's SGR reports give it: while reporting is on (1002:
 * presses, releases and moves with a button held; 1006: as decimal text),
 * each event arrives on stdin as ESC [ < button ; column ; row M (release:
 * m). Reporting is turned on only while a view takes the mouse, and off
 * again on every way out, with the alternate screen (terminal.ts).
 */

export const mouseReportingOn = '\u001B[?1002h\u001B[?1006h';
export const mouseReportingOff = '\u001B[?1006l\u001B[?1002l';

export interface MouseEvent {
	readonly button: 'left' | 'middle' | 'right' | 'none';
	readonly action: 'press' | 'drag' | 'release';
	/** The cell, counted from 0 at the top left of the screen. */
	readonly column: number;
	readonly row: number;
}

/** As Ink passes it to useInput (without the leading ESC), or as typed; several may come batched. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: ESC starts the report
const report = /\u001B?\[<(\d+);(\d+);(\d+)([Mm])/g;

/** The mouse events in a piece of input; none when it is not a mouse report. */
export function mouseEvents(input: string): MouseEvent[] {
	const events: MouseEvent[] = [];
	for (const [, code, column, row, final] of input.matchAll(report)) {
		const value = Number(code);
		// wheel turns (64 and up) are not drawing
		if (value >= 64) continue;
		const button = (['left', 'middle', 'right', 'none'] as const)[value & 3]!;
		const action = final === 'm' ? 'release' : value & 32 ? 'drag' : 'press';
		events.push({button, action, column: Number(column) - 1, row: Number(row) - 1});
	}
	return events;
}

/** Whether input is a mouse report (and so no key: its digits are not typed digits). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: ESC starts the report
export const isMouseInput = (input: string): boolean => /^\u001B?\[</.test(input);
