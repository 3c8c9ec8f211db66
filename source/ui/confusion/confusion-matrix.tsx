import {Box, Text} from 'ink';
import {useMemo} from 'react';
import type {Confusion} from '../../train/metrics.js';
import {confusionTable, type CellTone} from './confusion-table.js';
import {percent} from '../../text/format.js';
import {firstFitting, glyphsFor} from '../../text/glyphs.js';

export type Props = {
	readonly confusion: Confusion | null;
	/** "epoch 3" or "probe: 1,000 test images, epoch 4". */
	readonly source: string | null;
	readonly classes: readonly string[];
	readonly width: number;
	readonly height: number;
	/** Leaves out the precision row. */
	readonly compact: boolean;
	readonly ascii: boolean;
};

/** Colour follows the tone; zeros are dots, so the errors stand out without colour too. */
export const toneStyle: Record<CellTone, {color?: string; bold?: boolean; dimColor?: boolean}> = {
	correct: {color: 'green', bold: true},
	high: {color: 'red', bold: true},
	medium: {color: 'yellow'},
	low: {},
	zero: {dimColor: true},
};

/** Rows the true class, columns the predicted one, with recall per row and precision per column. */
export function ConfusionMatrix({confusion, source, classes, width, height, compact, ascii}: Props) {
	const {separator, ellipsis} = glyphsFor(ascii);
	const table = useMemo(() => (confusion ? confusionTable(confusion, classes, width, ascii) : null), [confusion, classes, width, ascii]);
	const accuracy = table && table.accuracy !== null ? percent(table.accuracy) : null;
	const sourceText = source ? `${separator}${source}` : '';
	const title = accuracy === null
		? firstFitting([`Confusion${sourceText}`], width, ellipsis)
		: firstFitting([
			`Confusion${sourceText}${separator}accuracy ${accuracy}`,
			`Confusion${sourceText}${separator}${accuracy}`,
			`Confusion${separator}${accuracy}${sourceText}`,
		], width, ellipsis);
	const showPrecision = table !== null && !compact && height >= table.rows.length + 3;
	return (
		<Box flexDirection="column" width={width} height={height}>
			<Text bold wrap="truncate">{title}</Text>
			{table === null
				? <Text dimColor wrap="truncate">{`waiting for the first test results${ellipsis}`}</Text>
				: <>
					<Text wrap="truncate">{table.header}</Text>
					{table.rows.map((row, actual) => (
						<Text key={actual} wrap="truncate">
							{row.label}
							{row.cells.map((cell, predicted) => <Text key={predicted} {...toneStyle[cell.tone]}>{cell.text}</Text>)}
							{row.recallText}
						</Text>
					))}
					{showPrecision && <Text wrap="truncate">{table.precisionLabel}{table.precisionTexts.join('')}</Text>}
				</>}
		</Box>
	);
}
