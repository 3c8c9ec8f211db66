import {Box, Text} from 'ink';
import {memo, useMemo} from 'react';
import {columns, FittedLines, type StyledLine, StyledLines} from '../shared/styled-lines.js';
import {styled} from '../shared/styled-text.js';
import type {ChartLine} from './chart-plot.js';
import type {ChartText} from './chart-text.js';

/** Series colours: the first (train, or the only one) cyan, the second (test) yellow. */
export const seriesColors = ['cyan', 'yellow'] as const;

export type Props = {
	readonly chart: ChartText;
	readonly width: number;
	readonly height: number;
};

/**
 * A chart's title line, then its plot or a placeholder, in a box of exactly width x height.
 * The plot is pre-coloured lines, built once per chart: drawn again unchanged between epochs.
 */
export const ChartBox = memo(function ChartBox({chart, width, height}: Props) {
	const title = useMemo(() => styled(chart.title, {bold: true}) + lineText(chart.legend), [chart]);
	const plot = useMemo(() => (chart.placeholder === null ? chart.lines.slice(0, Math.max(0, height - 1)) : null), [chart, height]);
	const lines = useMemo(() => plot?.map(styledLine) ?? [], [plot]);
	const plain = useMemo(() => plot?.map(line => line.map(run => run.text).join('')).join('\n') ?? '', [plot]);
	return (
		<Box flexDirection="column" width={width} height={height}>
			<FittedLines lines={[title]} width={width} />
			{plot === null ? (
				<Text dimColor wrap="truncate">
					{chart.placeholder}
				</Text>
			) : (
				<StyledLines lines={lines} plain={plain} />
			)}
		</Box>
	);
});

const styledLine = (line: ChartLine): StyledLine => ({text: lineText(line), width: columns(line.map(run => run.text).join(''))});

/** A chart line's runs, each series in its colour. */
function lineText(line: ChartLine): string {
	return line
		.map(run => (run.series === null ? run.text : styled(run.text, {color: seriesColors[run.series % seriesColors.length]})))
		.join('');
}
