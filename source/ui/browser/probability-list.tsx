import {Box, Text} from 'ink';
import {useRenderSettings} from '../shared/render-context.js';
import {probabilityRows} from './probability-bars.js';

export type Props = {
	readonly probabilities: ArrayLike<number>;
	readonly classes: readonly string[];
	readonly predicted: number;
	readonly actual: number | null;
	readonly width: number;
};

/** The ten class probabilities as bars; the marks say which is predicted and which is true, the colours repeat it. */
export function ProbabilityList({probabilities, classes, predicted, actual, width}: Props) {
	const {ascii} = useRenderSettings();
	const rows = probabilityRows(probabilities, {classes, predicted, actual, width, ascii});
	const right = actual === null || actual === predicted;
	return (
		<Box flexDirection="column" width={width} height={rows.length}>
			{rows.map((row, index) => {
				const color = row.actual ? 'green' : row.predicted ? (right ? 'green' : 'red') : undefined;
				return (
					<Text key={index} wrap="truncate">
						<Text bold={row.predicted || row.actual}>{row.label}</Text> <Text {...(color ? {color} : {dimColor: true})}>{row.bar}</Text>
						{row.track}
						<Text bold={row.predicted}>{row.value}</Text>
						<Text {...(color ? {color, bold: true} : {})}>{row.mark}</Text>
					</Text>
				);
			})}
		</Box>
	);
}
