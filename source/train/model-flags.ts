import {InputError} from '../errors.js';
import type {Architecture} from '../nn/architecture.js';
import type {Network} from '../nn/network.js';
import type {TrainConfig} from './config.js';
import {archOf, filtersOf, hiddenOf} from './network-architecture.js';

/** A --model given without --arch is trained as what it is: a cnn with the cnn's recipe (cnnDefaults) where no flag says otherwise. */
export function trainedAs(config: TrainConfig, network: Network): TrainConfig {
	if (config.arch !== undefined || config.cnnRecipe === undefined || network.features.length === 0) return config;
	return {...config, ...config.cnnRecipe};
}

/** Refuses --arch, --filters or --hidden given beside a --model whose network they do not describe: the model keeps its layers. */
export function modelFitsFlags(
	config: Pick<TrainConfig, 'arch' | 'filters' | 'hidden'>,
	architecture: Architecture,
	sizes: readonly number[],
	file: string,
): void {
	const arch = archOf(architecture);
	const filters = filtersOf(architecture).join(',');
	const refuse = (flag: string, value: string, model: string): never => {
		throw new InputError(`--${flag} ${value} does not match the model in ${file} (${model}); leave --${flag} out to train that model`);
	};
	if (config.arch !== undefined && config.arch !== arch)
		refuse('arch', config.arch, arch === 'cnn' ? `a cnn, filters ${filters}` : `a dense network, ${sizes.join('-')}`);
	if (config.filters !== undefined && config.filters.join(',') !== filters)
		refuse('filters', config.filters.join(','), `filters ${filters}`);
	if (config.hidden !== undefined && config.hidden.join() !== hiddenOf(architecture).join())
		refuse(
			'hidden',
			config.hidden.join(','),
			arch === 'cnn' ? `a cnn, filters ${filters}, hidden ${hiddenOf(architecture).join(',')}` : sizes.join('-'),
		);
}
