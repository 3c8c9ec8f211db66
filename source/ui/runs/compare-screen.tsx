import {Box, render, Static, Text} from 'ink';
import type {Line, LineTone} from '../../runs/compare-lines.js';

export type Props = {
	readonly lines: readonly Line[];
};

/** Each run's glyph in its own colour; more mistakes in a cell red, fewer green. The text says it all without colour too. */
const toneProps: Readonly<Record<string, {color?: string; bold?: boolean; dimColor?: boolean}>> = {
	plain: {},
	dim: {dimColor: true},
	title: {bold: true},
	more: {color: 'red', bold: true},
	fewer: {color: 'green', bold: true},
	run0: {color: 'cyan', bold: true},
	run1: {color: 'magenta', bold: true},
	run2: {color: 'yellow', bold: true},
	run3: {color: 'green', bold: true},
	run4: {color: 'blue', bold: true},
	run5: {color: 'red', bold: true},
	run6: {color: 'white', bold: true},
	run7: {color: 'gray', bold: true},
};

const style = (tone: LineTone) => toneProps[tone] ?? {};

/** compare's report, coloured. */
export function CompareScreen({lines}: Props) {
	return (
		<Box flexDirection="column">
			{lines.map((line, index) => (
				<Text key={index} wrap="truncate">
					{line.length === 0
						? ' '
						: line.map((part, column) => (
								<Text key={column} {...style(part.tone)}>
									{part.text}
								</Text>
							))}
				</Text>
			))}
		</Box>
	);
}

/**
 * Draws the report once, on the normal screen (a page to read and scroll
 * back to, not a live view), and returns. It is Ink's static output: a
 * frame taller than the terminal would make Ink clear the whole screen,
 * scrollback included, when it draws the frame again on unmounting.
 */
export async function showComparison(lines: readonly Line[], stdout: NodeJS.WriteStream): Promise<void> {
	const ink = render(<Static items={[lines]}>{(page, index) => <CompareScreen key={index} lines={page} />}</Static>, {
		stdout,
		exitOnCtrlC: false,
		patchConsole: false,
	});
	ink.unmount();
	await ink.waitUntilExit();
}
