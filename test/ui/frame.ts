import type {ReactElement} from 'react';
import {render} from 'ink-testing-library';
import stringWidth from 'string-width';
import stripAnsi from 'strip-ansi';

/** Renders once and returns the frame without colours, its lines and its widest line. */
export function frameOf(element: ReactElement): {frame: string; lines: string[]; width: number} {
	const {lastFrame, unmount} = render(element);
	const frame = stripAnsi(lastFrame() ?? '');
	unmount();
	const lines = frame.split('\n');
	return {frame, lines, width: Math.max(0, ...lines.map(line => stringWidth(line)))};
}
