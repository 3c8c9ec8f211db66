import {Box, Text} from 'ink';
import {memo, useMemo} from 'react';
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
 * The plot is one Text of pre-coloured lines, built once per chart: drawn again unchanged between epochs.
 */
export const ChartBox = memo(function ChartBox({chart, width, height}: Props) {
	const title = useMemo(() => styled(chart.title, {bold: true}) + lineText(chart.legend), [chart]);
	const plot = useMemo(
		() =>
			chart.placeholder === null
				? chart.lines
						.slice(0, Math.max(0, height - 1))
						.map(lineText)
						.join('\n')
				: null,
		[chart, height],
	);
	return (
		<Box flexDirection="column" width={width} height={height}>
			<Text wrap="truncate">{title}</Text>
			{plot === null ? (
				<Text dimColor wrap="truncate">
					{chart.placeholder}
				</Text>
			) : (
				plot !== '' && <Text wrap="truncate">{plot}</Text>
			)}
		</Box>
	);
});

/** A chart line's runs, each series in its colour. */
function lineText(line: ChartLine): string {
	return line
		.map(run => (run.series === null ? run.text : styled(run.text, {color: seriesColors[run.series % seriesColors.length]})))
		.join('');
}
