import {render} from 'ink-testing-library';
import type {ReactElement} from 'react';
import stringWidth from 'string-width';
import stripAnsi from 'strip-ansi';
import {RenderProvider} from '../../../source/ui/shared/render-context.js';
import {renderSettings} from '../../../source/ui/shared/render-settings.js';

/** The element as a root draws it with --ascii, or without colour (NO_COLOR). */
export const withSettings = (
	element: ReactElement,
	{ascii = false, color = true}: {ascii?: boolean; color?: boolean} = {},
): ReactElement => <RenderProvider settings={renderSettings(ascii, color)}>{element}</RenderProvider>;

/** Renders once and returns the frame without colours, its lines and its widest line. */
export function frameOf(element: ReactElement): {frame: string; lines: string[]; width: number} {
	const {lastFrame, unmount} = render(element);
	const frame = stripAnsi(lastFrame() ?? '');
	unmount();
	const lines = frame.split('\n');
	return {frame, lines, width: Math.max(0, ...lines.map(line => stringWidth(line)))};
}

/**
 * Retries a check until it passes or `timeoutMs` is over: keys go through
 * Ink's input and React before a frame shows them, later on a busy machine.
 */
export async function eventually(check: () => void, timeoutMs = 5000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		try {
			check();
			return;
		} catch (error) {
			if (Date.now() > deadline) throw error;
			await new Promise(resolve => setTimeout(resolve, 10));
		}
	}
}
