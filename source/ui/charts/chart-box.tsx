import {Box, Text} from 'ink';
import type {ChartLine} from './chart-plot.js';
import type {ChartText} from './chart-text.js';

/** Series colours: the first (train, or the only one) cyan, the second (test) yellow. */
export const seriesColors = ['cyan', 'yellow'] as const;

export type Props = {
	readonly chart: ChartText;
	readonly width: number;
	readonly height: number;
};

/** A chart's title line, then its plot or a placeholder, in a box of exactly width x height. */
export function ChartBox({chart, width, height}: Props) {
	return (
		<Box flexDirection="column" width={width} height={height}>
			<Text wrap="truncate">
				<Text bold>{chart.title}</Text>
				{runs(chart.legend)}
			</Text>
			{chart.placeholder === null ? (
				chart.lines.slice(0, Math.max(0, height - 1)).map((line, row) => (
					<Text key={row} wrap="truncate">
						{runs(line)}
					</Text>
				))
			) : (
				<Text dimColor wrap="truncate">
					{chart.placeholder}
				</Text>
			)}
		</Box>
	);
}

function runs(line: ChartLine) {
	return line.map((run, index) =>
		run.series === null ? (
			<Text key={index}>{run.text}</Text>
		) : (
			<Text key={index} color={seriesColors[run.series % seriesColors.length]}>
				{run.text}
			</Text>
		),
	);
}
