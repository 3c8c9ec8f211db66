import {Text} from 'ink';
import {useMemo} from 'react';
import type {FeatureMaps} from '../../nn/network.js';
import {truncate} from '../../text/glyphs.js';
import {mapRows, mapsRow} from '../shared/maps/map-grid.js';
import {useRenderSettings} from '../shared/render-context.js';

export type Props = {
	/** The first convolution's maps of the drawing, after ReLU. */
	readonly maps: FeatureMaps;
	/** The room under the canvas: nothing is drawn where the maps do not fit. */
	readonly width: number;
	readonly lines: number;
};

/** What a convolutional network's first filters make of the drawing: their maps in a row, as large as the room under the canvas allows. */
export function DrawingMaps({maps, width, lines}: Props) {
	const {ascii, color, glyphs} = useRenderSettings();
	const plain = ascii || !color;
	const {channels, height, width: side} = maps.shape;
	// a label line above the maps
	const grid = useMemo(() => mapsRow(channels, maps.shape, width, lines - 1), [channels, maps.shape, width, lines]);
	const art = useMemo(() => (grid ? mapRows(maps, channels, grid, plain, false) : []), [maps, channels, grid, plain]);
	if (!grid) return null;
	const scaled = grid.scale === 1 ? '' : ` at 1/${grid.scale}`;
	const label = [
		'conv 1',
		`the maps of filters #1-#${channels}, left to right, for the drawing`,
		`${height}${glyphs.times}${side}${scaled}, after ReLU`,
	].join(glyphs.separator);
	return (
		<>
			<Text dimColor wrap="truncate">
				{truncate(label, width, glyphs.ellipsis)}
			</Text>
			{art.map((line, index) => (
				<Text key={index} wrap="truncate">
					{line}
				</Text>
			))}
		</>
	);
}
