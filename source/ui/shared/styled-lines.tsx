import {Text, Transform} from 'ink';
import {useMemo} from 'react';
import stripAnsi from 'strip-ansi';
import {textWidth} from './ink-output.js';

/** A line with its escape codes, and its width on the screen (of its characters, each one column wide). */
export interface StyledLine {
	readonly text: string;
	readonly width: number;
}

/**
 * Lines built once (a chart's plot, the matrix's rows), drawn as one Text.
 * Ink measures the width of every Text on every frame, slowly for text with
 * escape codes and box-drawing characters: it measures plain stand-ins of the
 * same widths here instead, and each line takes its place as it is written.
 * A screen reader reads the plain lines.
 */
export function StyledLines({lines, plain}: {readonly lines: readonly StyledLine[]; readonly plain: string}) {
	const standIns = useMemo(() => lines.map(line => 'x'.repeat(line.width)).join('\n'), [lines]);
	const transform = useMemo(() => (_standIn: string, index: number) => lines[index]?.text ?? '', [lines]);
	if (lines.every(line => line.width === 0)) return null;
	return (
		<Transform transform={transform} accessibilityLabel={plain}>
			{standIns}
		</Transform>
	);
}

/** The width of text whose characters are each one column wide. */
export const columns = (text: string): number => {
	let width = 0;
	for (const _ of text) width++;
	return width;
};

/**
 * Lines of pre-coloured runs in a box `width` wide, as Ink draws each in a <Text wrap="truncate">: as
 * StyledLines when they all fit (their widths counted here once, where Ink would measure each line's
 * escape codes and characters twice a frame), else each in such a Text.
 */
export function FittedLines({lines, width}: {readonly lines: readonly string[]; readonly width: number}) {
	const plain = lines.map(line => stripAnsi(line));
	const measured = lines.map((text, index) => ({text, width: textWidth(plain[index]!)}));
	if (measured.every(line => line.width <= width)) return <StyledLines lines={measured} plain={plain.join('\n')} />;
	return lines.map((text, index) => (
		<Text key={index} wrap="truncate">
			{text}
		</Text>
	));
}
