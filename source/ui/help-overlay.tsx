import {Box, Text} from 'ink';
import {dashboardKeys} from './keys.js';

export type Props = {
	readonly bindings?: readonly {readonly label: string; readonly help: string}[];
	readonly width: number;
};

/** The key help, drawn from the same table the key handler reads. */
export function HelpOverlay({bindings = dashboardKeys, width}: Props) {
	const labelWidth = Math.max(...bindings.map(binding => binding.label.length)) + 2;
	return (
		<Box flexDirection="column" width={width}>
			<Text bold>Keys</Text>
			{bindings.map(binding => (
				<Text key={binding.label} wrap="truncate-end">
					<Text color="cyan">{binding.label.padEnd(labelWidth)}</Text>
					{binding.help}
				</Text>
			))}
			<Text dimColor>Press ? again to close this help.</Text>
		</Box>
	);
}
