/**
 * Where a convolutional network's view puts its parts: a title; the first
 * convolution as a row of columns, each a filter's tile over its map for the
 * selected digit and its number; each later convolution's maps (or, where
 * they do not fit, its max-pooled maps) in rows under a label; a strip per
 * hidden dense layer; two lines of legend. The maps are drawn as large as
 * the room allows: each s×s block of values averaged, s from 1 up, and the
 * tiles 2 columns a weight when there is room for that.
 */
import type {FeatureWeights} from '../../nn/feature-weights.js';
import type {ImageShape} from '../../nn/image-shape.js';
import {mapSize} from './feature-art.js';

/** Columns between two maps. */
export const mapGap = 1;
/** Lines a hidden dense layer's strip may take, its label line included. */
const stripLines = 3;
/** The largest averaging of the first convolution's maps before they wrap onto more rows. */
const coarsest = 4;

/** A convolution as the view draws it: which of the reading's maps, its shapes, its filters. */
export interface ConvStage {
	/** The convolution's place among the image layers' maps (convolutions and pools, in order), and its pool's if one follows. */
	readonly maps: number;
	readonly pooled: number | null;
	readonly filters: number;
	readonly kernel: number;
	readonly input: ImageShape;
	readonly output: ImageShape;
	readonly pooledShape: ImageShape | null;
}

/** Maps laid out in a grid: each drawn `columns` wide and `lines` high in a slot of `slot` columns. */
export interface MapGrid {
	readonly scale: number;
	readonly columns: number;
	readonly lines: number;
	readonly slot: number;
	readonly perLine: number;
	readonly rows: number;
}

export interface ConvLayout {
	readonly width: number;
	readonly height: number;
	/** The first convolution: its tiles (zoom 2: two columns a weight) and its maps. */
	readonly zoom: 1 | 2;
	readonly tileColumns: number;
	readonly tileLines: number;
	readonly first: MapGrid;
	/** Each later convolution: its own maps, or its pool's. */
	readonly later: readonly {readonly pooled: boolean; readonly grid: MapGrid}[];
	readonly stripLines: number;
}

/** The convolutions of a network's image layers, with the pool after each where there is one. */
export function convStages(features: readonly FeatureWeights[]): ConvStage[] {
	const stages: ConvStage[] = [];
	const mapped = features.filter(layer => layer.type !== 'flatten');
	mapped.forEach((layer, index) => {
		if (layer.type !== 'conv2d') return;
		const {input, filters, kernel} = layer;
		const output = {channels: filters, height: input.height - kernel + 1, width: input.width - kernel + 1};
		const next = mapped[index + 1];
		const pooled = next?.type === 'maxpool2d' ? index + 1 : null;
		const pooledShape =
			pooled === null ? null : {channels: filters, height: Math.floor(output.height / 2), width: Math.floor(output.width / 2)};
		stages.push({maps: index, pooled, filters, kernel, input, output, pooledShape});
	});
	return stages;
}

function grid(count: number, shape: ImageShape, scale: number, width: number, least = 0): MapGrid {
	const {columns, lines} = mapSize(shape.height, shape.width, scale);
	// the number under each map ("#16") needs 3 columns
	const slot = Math.max(columns, least, 3);
	const most = Math.max(1, Math.min(count, Math.floor((width + mapGap) / (slot + mapGap))));
	// as many on each row: 16 maps in two rows of 8, not 13 and 3
	const rows = Math.ceil(count / most);
	return {scale, columns, lines, slot, perLine: Math.ceil(count / rows), rows};
}

/** `hiddenDense`: the dense layers before the classes, each drawn as a strip. */
export function convLayout(width: number, height: number, stages: readonly ConvStage[], hiddenDense: number): ConvLayout {
	const w = Math.max(0, Math.floor(width));
	const h = Math.max(0, Math.floor(height));
	const [first, ...rest] = stages;
	if (!first) throw new Error('a convolutional view needs a convolution');
	// the title, two lines of legend, the strips
	const room = h - 1 - 2 - hiddenDense * stripLines;
	const firstOptions = [1, 2, 3, coarsest].flatMap(scale =>
		([2, 1] as const).map(zoom => {
			const tile = {zoom, tileColumns: first.kernel * zoom, tileLines: Math.ceil((first.kernel * zoom) / 2)};
			return {...tile, first: grid(first.filters, first.output, scale, w, tile.tileColumns)};
		}),
	);
	// one row of the first convolution's columns when any size gives it; the largest that fits across
	const across = firstOptions.filter(option => option.first.rows === 1);
	const laterOptions = rest.map(stage => {
		const own = {pooled: false, grid: grid(stage.filters, stage.output, 1, w)};
		return stage.pooledShape ? [own, {pooled: true, grid: grid(stage.filters, stage.pooledShape, 1, w)}] : [own];
	});
	// the label, each row's tiles, maps and numbers, the selected filter's line
	const firstLines = (option: (typeof firstOptions)[number]) => 2 + option.first.rows * (option.tileLines + option.first.lines + 1);
	const laterLines = (choice: {grid: MapGrid}) => 1 + choice.grid.rows * (choice.grid.lines + 1);
	for (const option of across.length > 0 ? across : firstOptions.slice(-1)) {
		// each later convolution's own maps while they fit, else the pooled ones
		let left = room - firstLines(option);
		const later = laterOptions.map(choices => {
			const chosen = choices.find(choice => laterLines(choice) <= left) ?? choices.at(-1)!;
			left -= laterLines(chosen);
			return chosen;
		});
		if (left >= 0) return {width: w, height: h, ...option, later, stripLines};
	}
	const smallest = across.at(-1) ?? firstOptions.at(-1)!;
	return {width: w, height: h, ...smallest, later: laterOptions.map(choices => choices.at(-1)!), stripLines};
}
