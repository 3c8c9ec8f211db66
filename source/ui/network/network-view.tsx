import chalk from 'chalk';
import {Box, Text} from 'ink';
import {useMemo} from 'react';
import {count} from '../../text/format.js';
import {truncate} from '../../text/glyphs.js';
import {barParts} from '../shared/bars.js';
import {cellLine} from '../shared/cell-lines.js';
import {useRenderSettings} from '../shared/render-context.js';
import {ConvView} from './conv-view.js';
import type {NetworkData, SelectedDigit} from './network-data.js';
import {type NetworkLayout, networkLayout, tileGap} from './network-layout.js';
import type {NetworkViewState, UnitOrder} from './network-state.js';
import {unitOrder} from './unit-order.js';
import {unitStrip} from './unit-strip.js';
import {tileCells} from './weight-art.js';

export type Props = {
	/** null until the first weights arrive. */
	readonly data: NetworkData | null;
	readonly state: NetworkViewState;
	/** The digit whose activations the bars show, if any. */
	readonly selected: SelectedDigit | null;
	/** The room it gets: the frame is exactly this size. */
	readonly width: number;
	readonly height: number;
};

const orderWords: Readonly<Record<UnitOrder, string>> = {
	unit: 'by number',
	weights: 'largest weights first',
	activity: 'most active first',
};

/**
 * Inside the network (a convolutional one: conv-view.tsx): each first-layer hidden unit's incoming weights as a
 * 28×28 tile (what it looks for in the image), paged and sorted; under each
 * tile, how much it fires for the selected digit; later hidden layers as a
 * strip of activations; and what the colours mean.
 */
export function NetworkView({data, state, selected, width, height}: Props) {
	const {glyphs} = useRenderSettings();
	const layout = networkLayout(width, height, Math.max(0, (data?.layers.length ?? 2) - 2));
	const fit = (text: string) => truncate(text, layout.width, glyphs.ellipsis);
	if (data === null) {
		return (
			<Box flexDirection="column" width={layout.width} height={layout.height}>
				<Text bold>{fit('Network')}</Text>
				<Text dimColor>{fit("the network's weights appear once training has started")}</Text>
			</Box>
		);
	}
	if (data.features.length > 0) return <ConvView data={data} state={state} selected={selected} width={width} height={height} />;
	return <Tiles data={data} state={state} selected={selected} layout={layout} />;
}

type TilesProps = Omit<Props, 'data' | 'width' | 'height'> & {readonly data: NetworkData; readonly layout: NetworkLayout};

function Tiles({data, state, selected, layout}: TilesProps) {
	const {ascii, color, glyphs} = useRenderSettings();
	const plain = ascii || !color;
	const first = data.layers[0]!;
	const units = first.outputs;
	const activity = data.activity?.[0] ?? null;
	const order = useMemo(() => unitOrder(state.order, first.weights, units, activity), [state.order, first.weights, units, activity]);
	const pages = Math.max(1, Math.ceil(units / Math.max(1, layout.perPage)));
	const page = Math.min(state.page, pages - 1);
	const shown = Array.from(order.subarray(page * layout.perPage, (page + 1) * layout.perPage));
	const fit = (text: string) => truncate(text, layout.width, glyphs.ellipsis);
	const range =
		shown.length === 0
			? 'no room for tiles'
			: `${count(page * layout.perPage + 1)}-${count(page * layout.perPage + shown.length)} of ${count(units)}`;
	const title = ['Network', 'first layer', `${count(units)} hidden units`, data.source, `${range}, ${orderWords[state.order]}`].join(
		glyphs.separator,
	);
	const hidden = selected?.hidden[0] ?? null;
	const strongest = hidden ? Math.max(...hidden) : 0;
	const rows = Array.from({length: Math.ceil(shown.length / Math.max(1, layout.columns))}, (_, row) =>
		shown.slice(row * layout.columns, (row + 1) * layout.columns),
	);
	const gap = ' '.repeat(tileGap);
	// the tiles change only with the weights and the page: the run's progress redraws the frame without recomputing them
	const shownKey = shown.join();
	// biome-ignore lint/correctness/useExhaustiveDependencies: `shownKey` stands for `shown`, a new array each frame
	const tiles = useMemo(
		() =>
			shown.map(unit =>
				tileCells(first.weights.subarray(unit * first.inputs, (unit + 1) * first.inputs), {ascii: plain, scale: layout.scale}).map(
					cellLine,
				),
			),
		[first, shownKey, plain, layout.scale],
	);
	const lines: string[] = [];
	for (const [index, row] of rows.entries()) {
		const rowTiles = tiles.slice(index * layout.columns, (index + 1) * layout.columns);
		for (let line = 0; line < layout.tileLines; line++) lines.push(rowTiles.map(tile => tile[line]!).join(gap));
		// under each tile its number, and how strongly it fires for the selected digit
		lines.push(
			row
				.map(unit => {
					const label = `#${unit + 1}`;
					if (hidden === null) return label.padEnd(layout.tileWidth);
					const room = layout.tileWidth - label.length - 1;
					const {filled, empty} = barParts(strongest > 0 ? hidden[unit]! / strongest : 0, room, {ascii});
					return `${label} ${plain ? filled : chalk.yellow(filled)}${' '.repeat(Array.from(empty).length)}`;
				})
				.join(gap),
		);
	}
	const strips = data.layers.slice(1, -1).map((layer, index) => {
		const values = selected?.hidden[index + 1] ?? data.activity?.[index + 1] ?? null;
		const firing = selected ? `firing for ${selected.what}` : 'mean firing on the test set';
		return {
			label: [`layer ${index + 2}`, `${count(layer.outputs)} units`, firing].join(glyphs.separator),
			lines: values ? unitStrip(values, layout.width, layout.stripLines - 1, ascii) : ['(after the first epoch)'],
		};
	});
	const {separator} = glyphs;
	// short enough for 80 columns; the keys are on the hint line below
	const legend = plain
		? `.+#: ink there pushes the unit up, -=%: pushes it down${separator}scaled tile by tile`
		: `blue: ink there pushes the unit up, red: pushes it down${separator}scaled tile by tile`;
	const bars = selected
		? `bars: how strongly each unit fires for ${selected.what}`
		: 'pick a digit in the digits view to see which units fire';
	return (
		<Box flexDirection="column" width={layout.width} height={layout.height} overflow="hidden">
			<Text bold wrap="truncate">
				{fit(title)}
			</Text>
			{lines.map((line, index) => (
				<Text key={index} wrap="truncate">
					{line}
				</Text>
			))}
			{strips.map((strip, index) => (
				<Box key={`strip${index}`} flexDirection="column" flexShrink={0}>
					<Text dimColor wrap="truncate">
						{fit(strip.label)}
					</Text>
					{strip.lines.map((line, at) => (
						<Text key={at} wrap="truncate">
							{line}
						</Text>
					))}
				</Box>
			))}
			<Box flexGrow={1} />
			<Text dimColor wrap="truncate">
				{fit(legend)}
			</Text>
			<Text dimColor wrap="truncate">
				{fit(bars)}
			</Text>
		</Box>
	);
}
