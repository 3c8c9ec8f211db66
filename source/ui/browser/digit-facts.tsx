import {Box, Text} from 'ink';
import {count} from '../../text/format.js';
import {truncate} from '../../text/glyphs.js';
import {useRenderSettings} from '../shared/render-context.js';
import {type BrowserData, probabilitiesOf, trueLabel} from './browser-data.js';
import {isFiltered} from './browser-list.js';
import type {BrowserState} from './browser-state.js';
import {changeText, filteredSet, orderNames} from './browser-text.js';
import {ProbabilityList} from './probability-list.js';

export type Props = {
	readonly state: BrowserState & {readonly data: BrowserData};
	/** The selected test image, and where it is in a list of `listLength`. */
	readonly index: number;
	readonly listLength: number;
	readonly width: number;
	readonly height: number;
};

/**
 * Beside the digit: its test number, its place in the filtered set, true and
 * predicted label with a right/wrong mark, a change since the last epoch, then
 * the probability bars. Lines keep their places, so nothing jumps between digits.
 */
export function DigitFacts({state, index, listLength, width, height}: Props) {
	const {data, filter, order, position} = state;
	const {ascii, glyphs} = useRenderSettings();
	const {ellipsis} = glyphs;
	const fit = (text: string) => truncate(text, width, ellipsis);
	const total = data.predictions.length;
	const predicted = data.predictions[index]!;
	const actual = trueLabel(data, index);
	const name = (label: number) => data.classes[label] ?? String(label);
	const inList =
		isFiltered(filter) || order !== 'test'
			? `${count(position + 1)} of ${count(listLength)} ${filteredSet(filter, data.classes, ascii)}${order === 'test' ? '' : `, ${orderNames[order]}`}`
			: '';
	const right = actual === null ? null : actual === predicted;
	const mark = right === null ? '' : right ? glyphs.right : glyphs.wrong;
	const change = changeText(data, index);
	const barsHeight = Math.max(0, height - 5);
	return (
		<Box flexDirection="column" width={width} height={height}>
			<Text bold wrap="truncate">
				{fit(`#${count(index + 1)} of ${count(total)}`)}
			</Text>
			<Text wrap="truncate">{fit(inList) || ' '}</Text>
			<Text wrap="truncate">
				<Text bold {...(right === null ? {} : {color: right ? 'green' : 'red'})}>
					{mark}
				</Text>
				{truncate(`true ${actual === null ? '?' : name(actual)}  pred ${name(predicted)}`, width - mark.length, ellipsis)}
			</Text>
			<Text color="yellow" wrap="truncate">
				{change ? fit(change) : ' '}
			</Text>
			<Text> </Text>
			{barsHeight >= data.classes.length && (
				<ProbabilityList
					probabilities={probabilitiesOf(data, index)}
					classes={data.classes}
					predicted={predicted}
					actual={actual}
					width={width}
				/>
			)}
		</Box>
	);
}
