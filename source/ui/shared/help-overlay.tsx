import {Box, Text} from 'ink';
import {dashboardKeys} from './keys.js';

export type Props = {
	readonly bindings?: readonly {readonly label: string; readonly help: string}[];
	readonly width: number;
	readonly ascii?: boolean;
};

const asciiArrows: Readonly<Record<string, string>> = {'←': '<-', '→': '->', '↑': 'up', '↓': 'down'};

/** A key's label in ASCII: the arrows in words. */
export const asciiLabel = (label: string): string => label.replace(/[←→↑↓]/g, arrow => asciiArrows[arrow]!);

/** The key help, drawn from the same table the key handler reads. */
export function HelpOverlay({bindings = dashboardKeys, width, ascii = false}: Props) {
	const labels = bindings.map(binding => (ascii ? asciiLabel(binding.label) : binding.label));
	const labelWidth = Math.max(...labels.map(label => label.length)) + 2;
	return (
		// lines keep their height (no flex shrinking), so a short terminal cuts the help at the bottom instead of overlapping its lines
		<Box flexDirection="column" width={width}>
			<Box flexShrink={0}><Text bold>Keys</Text></Box>
			{bindings.map((binding, index) => (
				<Box key={binding.label} flexShrink={0}>
					<Text wrap="truncate-end">
						<Text color="cyan">{labels[index]!.padEnd(labelWidth)}</Text>
						{binding.help}
					</Text>
				</Box>
			))}
			<Box flexShrink={0}><Text dimColor>Press ? again to close this help.</Text></Box>
		</Box>
	);
}
