import {Box, Text} from 'ink';
import {truncate} from '../../text/glyphs.js';
import {minimumSize} from './minimum-size.js';
import {useRenderSettings} from './render-context.js';

export type Props = {
	readonly columns: number;
	readonly rows: number;
	/** A status line shown under the message when there is room, so a run stays visible. */
	readonly status: string;
};

/** Below the minimum size: what is wrong and what is needed, within the terminal (at most rows - 1 lines). */
export function TooSmall({columns, rows, status}: Props) {
	const {ellipsis} = useRenderSettings().glyphs;
	const lines = [`Terminal too small: ${columns}x${rows}, need ${minimumSize.columns}x${minimumSize.rows}`, status]
		.slice(0, Math.max(0, rows - 1))
		.map(line => truncate(line, columns, ellipsis));
	return (
		<Box flexDirection="column" width={Math.max(0, columns)}>
			{lines.map((line, index) => (
				<Text key={index} wrap="truncate" {...(index === 0 ? {color: 'yellow'} : {dimColor: true})}>
					{line}
				</Text>
			))}
		</Box>
	);
}
