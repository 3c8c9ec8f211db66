import {Box, Text} from 'ink';
import {useMemo} from 'react';
import {count} from '../../text/format.js';
import {truncate} from '../../text/glyphs.js';
import {useRenderSettings} from '../shared/render-context.js';
import {filterFacts, firstBlock, laterLines} from './conv-blocks.js';
import {convLayout, convStages} from './conv-layout.js';
import type {NetworkData, SelectedDigit} from './network-data.js';
import type {NetworkViewState, UnitOrder} from './network-state.js';
import {unitOrder} from './unit-order.js';
import {unitStrip} from './unit-strip.js';

export type Props = {
	readonly data: NetworkData;
	/** `page`: the selected filter's place in the order. */
	readonly state: NetworkViewState;
	readonly selected: SelectedDigit | null;
	/** The room it gets: the frame is exactly this size. */
	readonly width: number;
	readonly height: number;
};

// the test set's mean activity is known for the dense layers only: filters are listed by number or by weights
const orderWords: Readonly<Record<UnitOrder, string>> = {unit: 'by number', weights: 'largest weights first', activity: 'by number'};

/**
 * Inside a convolutional network: the first convolution's filters as small
 * tiles, each over its feature map for the selected digit (after ReLU); the
 * later convolutions' maps (or their max-pooled maps, where there is less
 * room); the hidden dense layers as strips; what the shades mean.
 */
export function ConvView({data, state, selected, width, height}: Props) {
	const {ascii, color, glyphs} = useRenderSettings();
	const plain = ascii || !color;
	const {separator, arrow, times} = glyphs;
	const square = (height: number, width: number) => `${height}${times}${width}`;
	const stages = useMemo(() => convStages(data.features), [data.features]);
	const first = stages[0]!;
	const conv = data.features[first.maps]!;
	if (conv.type !== 'conv2d') throw new Error('image layers start with a convolution');
	const hiddenDense = data.layers.slice(0, -1);
	const layout = useMemo(() => convLayout(width, height, stages, hiddenDense.length), [width, height, stages, hiddenDense.length]);
	const order = useMemo(() => unitOrder(state.order, conv.weights, first.filters, null), [state.order, conv.weights, first.filters]);
	const chosen = Math.min(state.page, first.filters - 1);
	const maps = selected?.maps ?? null;
	const what = selected?.what ?? null;
	// the art changes with the weights, the digit, the filter and the size: the run's progress redraws the frame without it
	const art = useMemo(
		() => ({
			first: firstBlock(conv, first, order, chosen, maps, layout, plain),
			later: stages.slice(1).map((stage, index) => laterLines(stage, layout.later[index]!.pooled, layout.later[index]!.grid, maps, plain)),
		}),
		[conv, first, order, chosen, maps, layout, plain, stages],
	);
	const fit = (text: string) => truncate(text, layout.width, glyphs.ellipsis);

	const title = [
		'Network',
		[...stages.map(stage => `conv ${stage.filters}`), ...data.layers.map(layer => `${layer.outputs}`)].join(` ${arrow} `),
		data.source,
		`filter #${order[chosen]! + 1}, ${orderWords[state.order]}`,
	].join(separator);
	const scaled = layout.first.scale === 1 ? '' : ` at 1/${layout.first.scale}`;
	const blocks = [
		{
			label: [
				'conv 1',
				`${first.filters} filters ${square(first.kernel, first.kernel)}`,
				`maps ${square(first.output.height, first.output.width)}${scaled} after ReLU`,
			].join(separator),
			lines: [
				...firstBlock(conv, first, order, chosen, maps, layout, plain),
				fit(filterFacts(conv, first, order[chosen]!, maps, separator)),
			],
		},
		...stages.slice(1).map((stage, index) => {
			const {pooled} = layout.later[index]!;
			const shape = pooled ? stage.pooledShape! : stage.output;
			const mapsWords = pooled
				? `maps after ReLU and max-pool, ${square(shape.height, shape.width)}`
				: `maps ${square(shape.height, shape.width)} after ReLU`;
			return {
				label: [
					`conv ${index + 2}`,
					`${stage.filters} filters ${square(stage.kernel, stage.kernel)}${times}${stage.input.channels}`,
					mapsWords,
				].join(separator),
				lines: art.later[index]!,
			};
		}),
		...hiddenDense.map((layer, index) => {
			const values = selected?.hidden[index] ?? data.activity?.[index] ?? null;
			return {
				label: [`dense ${index + 1}`, `${count(layer.outputs)} units`, what ? `firing for ${what}` : 'mean firing on the test set'].join(
					separator,
				),
				lines: values ? unitStrip(values, layout.width, layout.stripLines - 1, ascii) : ['(after the first epoch)'],
			};
		}),
	];
	// short enough for 80 columns; the keys are on the hint line below
	const legend = plain
		? `filters: .+# ink there raises a map, -=% lowers it${separator}maps: denser fires more`
		: `filters: blue where ink raises a map, red lowers it${separator}maps: brighter fires more`;
	const footer = what ? `maps and strips: what the network makes of ${what}` : 'pick a digit in the digits view to see its feature maps';
	// one line each, cut to the room between the title and the legend: a network too big for the terminal loses its last lines, not its title
	const body = blocks.flatMap(block => [{text: fit(block.label), dim: true}, ...block.lines.map(text => ({text, dim: false}))]);
	const shown = body.slice(0, Math.max(0, layout.height - 3));
	return (
		<Box flexDirection="column" width={layout.width} height={layout.height} overflow="hidden">
			<Text bold wrap="truncate">
				{fit(title)}
			</Text>
			{shown.map((line, index) => (
				<Text key={index} dimColor={line.dim} wrap="truncate">
					{line.text}
				</Text>
			))}
			<Box flexGrow={1} />
			<Text dimColor wrap="truncate">
				{fit(legend)}
			</Text>
			<Text dimColor wrap="truncate">
				{fit(footer)}
			</Text>
		</Box>
	);
}
