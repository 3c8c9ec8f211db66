import {type Architecture, convArchitecture, type LayerSpec} from '../nn/architecture.js';
import {Conv2d} from '../nn/conv2d.js';
import type {ImageShape} from '../nn/image-shape.js';
import {MaxPool2d} from '../nn/max-pool2d.js';
import type {Network} from '../nn/network.js';
import {type ArchName, cnnDefaults, defaults, type TrainConfig} from './config.js';

/** A dense layer of `units` outputs for each size: the classes last. */
const denseLayers = (sizes: readonly number[]): LayerSpec[] => sizes.map(units => ({kind: 'dense', units}));

/** The network a new run builds on images of `input`: a cnn of --filters and --hidden, or dense layers of --hidden, and the classes. */
export function architectureFor(
	config: Pick<TrainConfig, 'arch' | 'filters' | 'hidden'>,
	input: ImageShape,
	classes: number,
): Architecture {
	if (config.arch === 'cnn') {
		return convArchitecture(input, {filters: config.filters ?? cnnDefaults.filters, hidden: config.hidden ?? cnnDefaults.hidden, classes});
	}
	return {input, layers: denseLayers([...(config.hidden ?? defaults.hidden), classes])};
}

/** What a network is made of, as the layers of an architecture; a dense network reads images of `input`. */
export function architectureOf(network: Network, input: ImageShape): Architecture {
	const layers: LayerSpec[] = network.features.flatMap((layer): LayerSpec[] => {
		if (layer instanceof Conv2d) return [{kind: 'conv', filters: layer.geometry.filters, kernel: layer.geometry.kernel}];
		return layer instanceof MaxPool2d ? [{kind: 'pool'}] : [];
	});
	const first = network.features[0];
	return {input: first ? first.input : input, layers: [...layers, ...denseLayers(network.dense.map(layer => layer.outputs))]};
}

/** cnn when there are convolutions, else mlp. */
export const archOf = ({layers}: Architecture): ArchName => (layers.some(layer => layer.kind === 'conv') ? 'cnn' : 'mlp');

/** The kind and a cnn's filter counts, as the JSON lines name them: null filters for mlp (and for no architecture, a dense network's log). */
export function archFields(architecture: Architecture | null): {arch: ArchName; filters: number[] | null} {
	const filters = architecture ? filtersOf(architecture) : [];
	return filters.length === 0 ? {arch: 'mlp', filters: null} : {arch: 'cnn', filters};
}

/** The filter counts of the convolutions, in order. */
export const filtersOf = ({layers}: Architecture): number[] => layers.flatMap(layer => (layer.kind === 'conv' ? [layer.filters] : []));

/** The widths of the dense layers before the classes. */
export const hiddenOf = ({layers}: Architecture): number[] =>
	layers.flatMap(layer => (layer.kind === 'dense' ? [layer.units] : [])).slice(0, -1);
