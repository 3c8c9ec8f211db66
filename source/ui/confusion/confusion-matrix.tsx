import {Box, Text} from 'ink';
import {memo, useMemo} from 'react';
import type {Cell, Confusion} from '../../train/metrics.js';
import {useRenderSettings} from '../shared/render-context.js';
import {columns, FittedLines, StyledLines} from '../shared/styled-lines.js';
import {styled} from '../shared/styled-text.js';
import {type ToneStyle, toneStyle} from '../shared/tones.js';
import {type CellTone, type ConfusionRow, confusionTable} from './confusion-table.js';
import {confusionTitle} from './confusion-title.js';

export type Props = {
	readonly confusion: Confusion | null;
	/** Where the counts come from: "epoch 3", "estimate from 1,000 test images", "saved model". */
	readonly source: string | null;
	/** When they were taken, said when there is room: "epoch 1, batch 300". */
	readonly when?: string | null;
	/** The counts are a probe's estimate, from a slice of the test set. */
	readonly estimate?: boolean;
	/** The latest probe's accuracy, beside a full matrix and labelled as an estimate. */
	readonly probeAccuracy?: number | null;
	readonly classes: readonly string[];
	readonly width: number;
	readonly height: number;
	/** Leaves out the precision row. */
	readonly compact?: boolean;
	/** The cell drawn in brackets (`[8]`, so the mark shows without colour): the browser's cursor, or its selected digit's cell. */
	readonly marked?: Cell | null;
	/** The cursor is on the mark: it is drawn inverse too. */
	readonly cursor?: boolean;
};

/** Colour follows the tone; zeros are dots, so the errors stand out without colour too. */
const cellStyle: Readonly<Record<CellTone, ToneStyle>> = {
	correct: {...toneStyle.good, bold: true},
	high: {...toneStyle.bad, bold: true},
	medium: toneStyle.warn,
	low: toneStyle.plain,
	zero: toneStyle.dim,
};

/** Rows the true class, columns the predicted one, with recall per row and precision per column; drawn again only when its props change. */
export const ConfusionMatrix = memo(function ConfusionMatrix(props: Props) {
	const {confusion, classes, width, height, compact = false, marked = null, cursor = false} = props;
	const {ascii, glyphs} = useRenderSettings();
	const {ellipsis} = glyphs;
	const table = useMemo(() => (confusion ? confusionTable(confusion, classes, width, ascii) : null), [confusion, classes, width, ascii]);
	const title = confusionTitle(
		{
			source: props.source,
			when: props.when ?? null,
			accuracy: table?.accuracy ?? null,
			estimate: props.estimate ?? false,
			probeAccuracy: props.probeAccuracy ?? null,
		},
		width,
		glyphs,
	);
	const showPrecision = table !== null && !compact && height >= table.rows.length + 3;
	const markedActual = marked?.actual ?? -1;
	const markedPredicted = marked?.predicted ?? -1;
	// the table as pre-coloured lines, built again only when it changes
	const body = useMemo(() => {
		if (table === null) return null;
		const rows = table.rows.slice(0, Math.max(0, height - 2)).map((row, actual) => {
			const spans = rowSpans(row, markedActual === actual ? markedPredicted : -1);
			return {
				plain: row.label + spans.map(span => span.text).join(''),
				styled: row.label + spans.map(span => spanText(span, cursor)).join(''),
			};
		});
		const precision = table.precisionLabel + table.precisionTexts.join('');
		const all = [{plain: table.header, styled: table.header}, ...rows, ...(showPrecision ? [{plain: precision, styled: precision}] : [])];
		return {lines: all.map(line => ({text: line.styled, width: columns(line.plain)})), plain: all.map(line => line.plain).join('\n')};
	}, [table, height, showPrecision, markedActual, markedPredicted, cursor]);
	return (
		<Box flexDirection="column" width={width} height={height}>
			<FittedLines lines={[styled(title, {bold: true})]} width={width} />
			{body === null ? (
				<Text dimColor wrap="truncate">{`waiting for the first test results${ellipsis}`}</Text>
			) : (
				<StyledLines lines={body.lines} plain={body.plain} />
			)}
		</Box>
	);
});

/** A span as its Text would draw it: the cell's tone, and the mark bold (inverse under the cursor). */
const spanText = (span: Span, cursor: boolean): string =>
	styled(span.text, {...(span.tone ? cellStyle[span.tone] : {}), ...(span.mark ? {bold: true, inverse: cursor} : {})});

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
