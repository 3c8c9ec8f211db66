/**
 * The lines of a convolutional network's view, as pure functions of the
 * weights, the selected digit's maps and the layout: the first
 * convolution's columns (tile over map over number) and a later
 * convolution's grid of maps with their numbers.
 */
import type {FeatureWeights} from '../../nn/feature-weights.js';
import type {FeatureMaps} from '../../nn/network.js';
import {filterCells} from '../shared/maps/feature-art.js';
import {largestOf, type MapGrid, mapPiece, mapRows, numbersLine, padded, sideBySide} from '../shared/maps/map-grid.js';
import type {ConvLayout, ConvStage} from './conv-layout.js';

/**
 * The first convolution: per filter, in `order`, its tile (its first input
 * channel: the image's only one on MNIST), its map, and its number, the
 * number of the filter at place `chosen` in brackets.
 */
export function firstBlock(
	conv: Extract<FeatureWeights, {type: 'conv2d'}>,
	stage: ConvStage,
	order: Int32Array,
	chosen: number,
	maps: readonly FeatureMaps[] | null,
	layout: ConvLayout,
	plain: boolean,
): string[] {
	const own = maps?.[stage.maps];
	const largest = largestOf(own);
	const taps = stage.kernel * stage.kernel;
	const {first, zoom, tileColumns} = layout;
	const centred = Math.floor((first.slot - tileColumns) / 2);
	const lines: string[] = [];
	for (let row = 0; row < first.rows; row++) {
		const shown = Array.from(order.subarray(row * first.perLine, (row + 1) * first.perLine));
		const pieces = shown.map(filter => {
			const start = filter * stage.input.channels * taps;
			const tile = filterCells(conv.weights.subarray(start, start + taps), stage.kernel, zoom, plain);
			return [...padded(tile, first.slot, centred), ...mapPiece(own, filter, first, largest, plain)];
		});
		lines.push(...sideBySide(pieces, first.slot));
		const labels = shown.map((filter, index) => (row * first.perLine + index === chosen ? `[#${filter + 1}]` : `#${filter + 1}`));
		lines.push(numbersLine(labels, first.slot));
	}
	return lines;
}

/** A later convolution's maps (or its pool's), each over its number, in rows. */
export function laterLines(
	stage: ConvStage,
	pooled: boolean,
	grid: MapGrid,
	maps: readonly FeatureMaps[] | null,
	plain: boolean,
): string[] {
	return mapRows(maps?.[pooled ? stage.pooled! : stage.maps], stage.filters, grid, plain);
}

/** Two decimals, without the sign of a value that rounds to zero. */
const signed = (value: number): string => {
	const text = value.toFixed(2);
	return text === '-0.00' ? '0.00' : text;
};

/** The selected filter in numbers: its weights' range and bias, and where its map for the selected digit fires most. */
export function filterFacts(
	conv: Extract<FeatureWeights, {type: 'conv2d'}>,
	stage: ConvStage,
	filter: number,
	maps: readonly FeatureMaps[] | null,
	separator: string,
): string {
	const size = stage.input.channels * stage.kernel * stage.kernel;
	const weights = conv.weights.subarray(filter * size, (filter + 1) * size);
	let low = Number.POSITIVE_INFINITY,
		high = Number.NEGATIVE_INFINITY;
	for (const weight of weights) {
		low = Math.min(low, weight);
		high = Math.max(high, weight);
	}
	const parts = [`filter #${filter + 1}: weights ${signed(low)} to ${signed(high)}, bias ${signed(conv.biases[filter] ?? 0)}`];
	const own = maps?.[stage.maps];
	if (own) {
		const {height, width} = own.shape;
		const map = own.values.subarray(filter * height * width, (filter + 1) * height * width);
		let peak = 0;
		for (let i = 1; i < map.length; i++) if (map[i]! > map[peak]!) peak = i;
		parts.push(
			map[peak]! > 0 ? `map peak ${signed(map[peak]!)}, row ${Math.floor(peak / width) + 1} column ${(peak % width) + 1}` : 'map silent',
		);
	}
	return parts.join(separator);
}
