import {Box, Text} from 'ink';
import {useMemo} from 'react';
import type {Confusion} from '../../train/metrics.js';
import type {Cell} from '../browser/browser-list.js';
import {toneStyle} from './confusion-matrix.js';
import {confusionTable, type CellTone, type ConfusionRow} from './confusion-table.js';
import {percent} from '../../text/format.js';
import {firstFitting, glyphsFor} from '../../text/glyphs.js';

export type Props = {
	readonly confusion: Confusion;
	readonly classes: readonly string[];
	/** "epoch 3" or "saved model". */
	readonly source: string;
	/** The cell drawn in brackets: the cursor, or the selected digit's cell. */
	readonly marked: Cell | null;
	/** The cursor is on the mark: it is drawn inverse too. */
	readonly cursor: boolean;
	readonly width: number;
	readonly height: number;
	readonly ascii: boolean;
};

/**
 * The confusion matrix of the browser's predictions, one cell in brackets
 * (`[8]`: the bracket takes the next column's leading space), so the mark
 * shows without colour.
 */
export function BrowserMatrix({confusion, classes, source, marked, cursor, width, height, ascii}: Props) {
	const {separator, ellipsis} = glyphsFor(ascii);
	const table = useMemo(() => confusionTable(confusion, classes, width, ascii), [confusion, classes, width, ascii]);
	const accuracy = table.accuracy === null ? '' : `${separator}accuracy ${percent(table.accuracy)}`;
	const title = firstFitting([`Confusion${separator}${source}${accuracy}`, `Confusion${separator}${source}`], width, ellipsis);
	const showPrecision = height >= table.rows.length + 3;
	return (
		<Box flexDirection="column" width={width} height={height}>
			<Text bold wrap="truncate">{title}</Text>
			<Text wrap="truncate">{table.header}</Text>
			{table.rows.slice(0, Math.max(0, height - 2)).map((row, actual) => (
				<Text key={actual} wrap="truncate">
					{row.label}
					{rowSpans(row, marked?.actual === actual ? marked.predicted : -1).map((span, index) => (
						<Text key={index} {...(span.tone ? toneStyle[span.tone] : {})} {...(span.mark ? {bold: true, inverse: cursor} : {})}>{span.text}</Text>
					))}
				</Text>
			))}
			{showPrecision && <Text wrap="truncate">{table.precisionLabel}{table.precisionTexts.join('')}</Text>}
		</Box>
	);
}

interface Span {
	readonly text: string;
	readonly tone?: CellTone;
	/** Part of the brackets around the marked cell. */
	readonly mark?: boolean;
}

/** A row's cells and recall as spans; the marked column's count in brackets, the `]` taking the next column's leading space. */
function rowSpans(row: ConfusionRow, column: number): Span[] {
	const spans: Span[] = [];
	row.cells.forEach((cell, predicted) => {
		if (predicted === column) {
			const count = cell.text.trimStart();
			spans.push({text: ' '.repeat(cell.text.length - count.length - 1)}, {text: `[${count}`, tone: cell.tone, mark: true});
		} else if (column >= 0 && predicted === column + 1) {
			spans.push({text: ']', tone: row.cells[column]!.tone, mark: true}, {text: cell.text.slice(1), tone: cell.tone});
		} else {
			spans.push({text: cell.text, tone: cell.tone});
		}
	});
	const last = column === row.cells.length - 1;
	if (last) spans.push({text: ']', tone: row.cells[column]!.tone, mark: true});
	spans.push({text: last ? row.recallText.slice(1) : row.recallText});
	return spans;
}
