import {Text} from 'ink';
import {type DigitCell, digitCells} from './digit-art.js';
import {enlargedCells} from './enlarged-cells.js';
import {useRenderSettings} from './render-context.js';

export type Props = {
	/** 784 pixels 0-255, row-major 28x28. */
	readonly pixels: ArrayLike<number>;
	/** 1: 28x14; 2: 14x7. */
	readonly scale?: 1 | 2;
	/** 2: twice as big, 56x28 (at scale 1). */
	readonly zoom?: 1 | 2;
};

/**
 * A digit drawn from its pixels, in grey half blocks, or on the shade ramp
 * with --ascii or without colour; runs of one grey are one Text, so a line is
 * a few spans, not 28.
 */
export function DigitView({pixels, scale = 1, zoom = 1}: Props) {
	const {ascii, color} = useRenderSettings();
	const cells = digitCells(pixels, {ascii: ascii || !color, scale});
	const rows = (zoom === 2 ? enlargedCells(cells) : cells).map(runs);
	return (
		<>
			{rows.map((row, line) => (
				<Text key={line} wrap="truncate">
					{row.map((run, index) =>
						run.fg === null && run.bg === null ? (
							run.text
						) : (
							<Text
								key={index}
								{...(run.fg === null ? {} : {color: `ansi256(${run.fg})`})}
								{...(run.bg === null ? {} : {backgroundColor: `ansi256(${run.bg})`})}
							>
								{run.text}
							</Text>
						),
					)}
				</Text>
			))}
		</>
	);
}

interface Run {
	readonly text: string;
	readonly fg: number | null;
	readonly bg: number | null;
}

/** Neighbouring cells of the same colours, joined. */
function runs(cells: readonly DigitCell[]): Run[] {
	const joined: {text: string; fg: number | null; bg: number | null}[] = [];
	for (const cell of cells) {
		const last = joined.at(-1);
		// a blank cell's foreground does not show, so it joins any run with its background
		if (last && last.bg === cell.bg && (last.fg === cell.fg || cell.glyph === ' ')) last.text += cell.glyph;
		else joined.push({text: cell.glyph, fg: cell.fg, bg: cell.bg});
	}
	return joined;
}
