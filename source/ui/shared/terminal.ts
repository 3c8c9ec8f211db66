/**
 * The terminal around the dashboard: the alternate screen while it runs, and
 * the normal screen, a visible cursor and cooked mode after, on every way out
 * (quit, error, signal, process exit), with mouse reporting off.
 */
import {mouseReportingOff, mouseReportingOn} from './mouse.js';

const enterAlternateScreen = '\u001B[?1049h\u001B[H';
const leaveAlternateScreen = '\u001B[?1049l';
const showCursor = '\u001B[?25h';

export interface TerminalSession {
	/** Leaves the alternate screen and restores the terminal (mouse reporting off); safe to call twice. */
	restore(): void;
	/** Mouse reporting on or off, while a view takes the mouse. */
	mouse(on: boolean): void;
	/**
	 * The Ink app drawing on the screen: unmounted before the screen is left,
	 * so on a hurried exit (a second signal) its last frame cannot land on the
	 * normal screen after the summary.
	 */
	drawnBy(ink: {unmount(): void}): void;
}

export function enterDashboardScreen(stdout: NodeJS.WriteStream, stdin: NodeJS.ReadStream): TerminalSession {
	stdout.write(enterAlternateScreen);
	// keys typed before Ink reads them wait for it, instead of being echoed onto the screen
	if (stdin.isTTY) stdin.setRawMode(true);
	let restored = false;
	let app: {unmount(): void} | undefined;
	const restore = () => {
		if (restored) return;
		restored = true;
		try {
			app?.unmount();
		} catch {
			// the terminal is restored all the same
		}
		if (stdin.isTTY && stdin.isRaw) stdin.setRawMode(false);
		stdout.write(mouseReportingOff + leaveAlternateScreen + showCursor);
	};
	process.once('exit', restore);
	active = restore;
	const mouse = (on: boolean) => {
		if (!restored) stdout.write(on ? mouseReportingOn : mouseReportingOff);
	};
	return {restore, mouse, drawnBy: ink => (app = ink)};
}

let active: (() => void) | undefined;

/** Restores the terminal of the screen entered last, if any: before a last-moment message, so it lands on the normal screen. */
export function leaveScreenNow(): void {
	active?.();
}

/**
 * How both Ink roots render: keys (Ctrl-C too) are the app's, console output
 * is left alone, and up to 30 frames a second so a key press is drawn at once
 * (the dashboard's store holds React to 15 updates a second anyway).
 */
export const inkOptions = {exitOnCtrlC: false, patchConsole: false, maxFps: 30} as const;

/** Unmounts an Ink app, then leaves the alternate screen once Ink has written its last frame. */
export async function closeInk(ink: {unmount(): void; waitUntilExit(): Promise<unknown>}, terminal: TerminalSession): Promise<void> {
	ink.unmount();
	await ink.waitUntilExit().catch(() => {});
	await new Promise(resolve => setImmediate(resolve));
	terminal.restore();
}
