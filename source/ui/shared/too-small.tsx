import {Box, Text} from 'ink';
import {glyphsFor, truncate} from '../../text/glyphs.js';
import {minimumSize} from '../dashboard/dashboard-layout.js';

export type Props = {
	readonly columns: number;
	readonly rows: number;
	/** A status line shown under the message when there is room, so a run stays visible. */
	readonly status: string;
	readonly ascii: boolean;
};

/** Below the minimum size: what is wrong and what is needed, within the terminal (at most rows - 1 lines). */
export function TooSmall({columns, rows, status, ascii}: Props) {
	const {ellipsis} = glyphsFor(ascii);
	const lines = [
		`Terminal too small: ${columns}x${rows}, need ${minimumSize.columns}x${minimumSize.rows}`,
		status,
	].slice(0, Math.max(0, rows - 1)).map(line => truncate(line, columns, ellipsis));
	return (
		<Box flexDirection="column" width={Math.max(0, columns)}>
			{lines.map((line, index) => <Text key={index} wrap="truncate" {...(index === 0 ? {color: 'yellow'} : {dimColor: true})}>{line}</Text>)}
		</Box>
	);
}
