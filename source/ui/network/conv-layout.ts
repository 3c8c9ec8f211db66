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
import {type MapGrid, mapGrid, mapScales} from '../shared/maps/map-grid.js';

/** How many columns a tile gives each weight. */
type Magnifying = 1 | 2 | 3 | 4;

/** Lines a hidden dense layer's strip may take, its label line included. */
const stripLines = 3;

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

export interface ConvLayout {
	readonly width: number;
	readonly height: number;
	/** The first convolution: its tiles (`zoom` columns a weight) and its maps. */
	readonly zoom: Magnifying;
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

/** `hiddenDense`: the dense layers before the classes, each drawn as a strip. */
export function convLayout(width: number, height: number, stages: readonly ConvStage[], hiddenDense: number): ConvLayout {
	const w = Math.max(0, Math.floor(width));
	const h = Math.max(0, Math.floor(height));
	const [first, ...rest] = stages;
	if (!first) throw new Error('a convolutional view needs a convolution');
	// the title, two lines of legend, the strips
	const room = h - 1 - 2 - hiddenDense * stripLines;
	// the maps as large as they go, then the tiles: more than two columns a weight only inside the map's width
	const firstOptions = mapScales.flatMap(scale =>
		([4, 3, 2, 1] as const).flatMap((zoom: Magnifying) => {
			const tile = {zoom, tileColumns: first.kernel * zoom, tileLines: Math.ceil((first.kernel * zoom) / 2)};
			const maps = mapGrid(first.filters, first.output, {scale}, w, tile.tileColumns);
			return zoom > 2 && tile.tileColumns > maps.columns ? [] : [{...tile, first: maps}];
		}),
	);
	// one row of the first convolution's columns when any size gives it; the largest that fits across
	const across = firstOptions.filter(option => option.first.rows === 1);
	// each later convolution: its own maps twice the size, as they are, or its pool's
	const laterOptions = rest.map(stage => {
		const own = [2, 1].map(zoom => ({pooled: false, grid: mapGrid(stage.filters, stage.output, {zoom}, w)}));
		return stage.pooledShape ? [...own, {pooled: true, grid: mapGrid(stage.filters, stage.pooledShape, {}, w)}] : own;
	});
	// the label, each row's tiles, maps and numbers, the selected filter's line
	const firstLines = (option: (typeof firstOptions)[number]) => 2 + option.first.rows * (option.tileLines + option.first.lines + 1);
	const laterLines = (choice: {grid: MapGrid}) => 1 + choice.grid.rows * (choice.grid.lines + 1);
	const fitting = (option: (typeof firstOptions)[number], pooled: boolean) => {
		let left = room - firstLines(option);
		const later: ConvLayout['later'][number][] = [];
		for (const choices of laterOptions) {
			const chosen = choices.find(choice => (pooled || !choice.pooled) && laterLines(choice) <= left);
			if (!chosen) return null;
			left -= laterLines(chosen);
			later.push(chosen);
		}
		return left >= 0 ? {width: w, height: h, ...option, later, stripLines} : null;
	};
	// the later convolutions' own maps rather than larger tiles; pooled maps where nothing else fits
	const candidates = across.length > 0 ? across : firstOptions.slice(-1);
	for (const pooled of [false, true]) {
		for (const option of candidates) {
			const layout = fitting(option, pooled);
			if (layout) return layout;
		}
	}
	const smallest = candidates.at(-1)!;
	return {width: w, height: h, ...smallest, later: laterOptions.map(choices => choices.at(-1)!), stripLines};
}
