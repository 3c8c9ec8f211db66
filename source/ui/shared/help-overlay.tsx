import {Box, Text} from 'ink';
import {keyLabel, truncate} from '../../text/glyphs.js';
import {dashboardKeys} from './keys.js';
import {useRenderSettings} from './render-context.js';

export type Props = {
	readonly bindings?: readonly {readonly label: string; readonly help: string}[];
	readonly width: number;
};

/** The key help, drawn from the same table the key handler reads. */
export function HelpOverlay({bindings = dashboardKeys, width}: Props) {
	const {glyphs} = useRenderSettings();
	const labels = bindings.map(binding => keyLabel(binding.label, glyphs));
	const labelWidth = Math.max(...labels.map(label => label.length)) + 2;
	return (
		// lines keep their height (no flex shrinking), so a short terminal cuts the help at the bottom instead of overlapping its lines
		<Box flexDirection="column" width={width}>
			<Box flexShrink={0}>
				<Text bold>Keys</Text>
			</Box>
			{bindings.map((binding, index) => (
				<Box key={binding.label} flexShrink={0}>
					<Text wrap="truncate">
						<Text color="cyan">{labels[index]!.padEnd(labelWidth)}</Text>
						{truncate(binding.help, width - labelWidth, glyphs.ellipsis)}
					</Text>
				</Box>
			))}
			<Box flexShrink={0}>
				<Text dimColor>Press ? again to close this help.</Text>
			</Box>
		</Box>
	);
}
