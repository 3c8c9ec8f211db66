/**
 * The terminal around the dashboard: the alternate screen while it runs, and
 * the normal screen, a visible cursor and cooked mode after, on every way out
 * (quit, error, signal, process exit).
 */
const enterAlternateScreen = '\u001B[?1049h\u001B[H';
const leaveAlternateScreen = '\u001B[?1049l';
const showCursor = '\u001B[?25h';

export interface TerminalSession {
	/** Leaves the alternate screen and restores the terminal; safe to call twice. */
	restore(): void;
}

export function enterDashboardScreen(stdout: NodeJS.WriteStream, stdin: NodeJS.ReadStream): TerminalSession {
	stdout.write(enterAlternateScreen);
	let restored = false;
	const restore = () => {
		if (restored) return;
		restored = true;
		if (stdin.isTTY && stdin.isRaw) stdin.setRawMode(false);
		stdout.write(leaveAlternateScreen + showCursor);
	};
	process.once('exit', restore);
	return {restore};
}
