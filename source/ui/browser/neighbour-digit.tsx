import {Box, Text} from 'ink';
import {abbreviate} from '../../text/class-names.js';
import {count} from '../../text/format.js';
import {DigitView} from '../shared/digit-view.js';
import {useRenderSettings} from '../shared/render-context.js';
import {type BrowserData, imagePixelsOf, trueLabel} from './browser-data.js';
import {smallDigit} from './browser-layout.js';

export type Props = {
	readonly data: BrowserData;
	readonly index: number;
};

/** A neighbouring digit, small, over its test number and "7 ✓" or "7→2 ✗". */
export function NeighbourDigit({data, index}: Props) {
	const {arrow, smallRight, smallWrong} = useRenderSettings().glyphs;
	const predicted = data.predictions[index]!;
	const actual = trueLabel(data, index);
	const name = (label: number) => abbreviate(data.classes[label] ?? String(label));
	const right = actual === predicted;
	const labels =
		actual === null
			? `?${arrow}${name(predicted)}`
			: right
				? `${name(actual)} ${smallRight}`
				: `${name(actual)}${arrow}${name(predicted)} ${smallWrong}`;
	return (
		<Box flexDirection="column" width={smallDigit.width} height={smallDigit.height}>
			<DigitView pixels={imagePixelsOf(data, index)} scale={2} />
			<Text dimColor wrap="truncate">
				{centre(`#${count(index + 1)}`)}
			</Text>
			<Text wrap="truncate" {...(actual === null ? {} : {color: right ? 'green' : 'red'})}>
				{centre(labels)}
			</Text>
		</Box>
	);
}

const centre = (text: string): string => ' '.repeat(Math.max(0, Math.floor((smallDigit.width - text.length) / 2))) + text;
