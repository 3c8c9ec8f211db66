/**
 * The lines of a convolutional network's view, as pure functions of the
 * weights, the selected digit's maps and the layout: the first
 * convolution's columns (tile over map over number) and a later
 * convolution's grid of maps with their numbers.
 */
import type {FeatureWeights} from '../../nn/feature-weights.js';
import type {FeatureMaps} from '../../nn/network.js';
import {cellLine} from '../shared/cell-lines.js';
import type {DigitCell} from '../shared/digit-art.js';
import {type ConvLayout, type ConvStage, type MapGrid, mapGap} from './conv-layout.js';
import {filterCells, mapCells} from './feature-art.js';

const blank: DigitCell = {glyph: ' ', fg: null, bg: null};

/** Rows of cells widened to `slot` columns, `left` blank columns first. */
const padded = (rows: readonly DigitCell[][], slot: number, left = 0): DigitCell[][] =>
	rows.map(cells => [
		...Array<DigitCell>(left).fill(blank),
		...cells,
		...Array<DigitCell>(Math.max(0, slot - left - cells.length)).fill(blank),
	]);

/** Pieces of `slot` columns side by side, `mapGap` apart, as lines. */
function sideBySide(pieces: readonly DigitCell[][][], slot: number): string[] {
	const height = Math.max(0, ...pieces.map(piece => piece.length));
	const gap = Array<DigitCell>(mapGap).fill(blank);
	const empty = Array<DigitCell>(slot).fill(blank);
	return Array.from({length: height}, (_, line) =>
		cellLine(pieces.flatMap((piece, index) => [...(index > 0 ? gap : []), ...(piece[line] ?? empty)])),
	);
}

const numbersLine = (labels: readonly string[], slot: number): string => labels.map(label => label.padEnd(slot)).join(' '.repeat(mapGap));

/** The largest value of one image's maps: a layer's maps share one scale. */
function largestOf(maps: FeatureMaps | undefined): number {
	let largest = 0;
	for (const value of maps?.values ?? []) largest = Math.max(largest, value);
	return largest;
}

/** Map `channel` of one image's maps, in a slot of the grid; blank without maps. */
function mapPiece(maps: FeatureMaps | undefined, channel: number, grid: MapGrid, largest: number, plain: boolean): DigitCell[][] {
	if (!maps)
		return padded(
			Array.from({length: grid.lines}, () => []),
			grid.slot,
		);
	const {height, width} = maps.shape;
	const values = maps.values.subarray(channel * height * width, (channel + 1) * height * width);
	return padded(mapCells(values, height, width, grid, largest, plain), grid.slot);
}

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
	const own = maps?.[pooled ? stage.pooled! : stage.maps];
	const largest = largestOf(own);
	const lines: string[] = [];
	for (let row = 0; row < grid.rows; row++) {
		const shown = Array.from(
			{length: Math.min(grid.perLine, stage.filters - row * grid.perLine)},
			(_, index) => row * grid.perLine + index,
		);
		lines.push(
			...sideBySide(
				shown.map(filter => mapPiece(own, filter, grid, largest, plain)),
				grid.slot,
			),
		);
		lines.push(
			numbersLine(
				shown.map(filter => `#${filter + 1}`),
				grid.slot,
			),
		);
	}
	return lines;
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
