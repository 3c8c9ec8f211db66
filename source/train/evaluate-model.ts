import type {Dataset} from '../data/dataset.js';
import {loadTest} from '../data/load.js';
import {InputError} from '../errors.js';
import type {Architecture} from '../nn/architecture.js';
import type {FeatureWeights} from '../nn/feature-weights.js';
import type {LayerWeights} from '../nn/network.js';
import {readModelFile} from './checkpoint/model-store.js';
import type {TrainConfig} from './config.js';
import {checkInputs, checkLabels, type Evaluation, evaluate} from './evaluate.js';
import {architectureOf} from './network-architecture.js';
import {weightsSnapshot} from './weights-snapshot.js';

export interface ModelEvaluation {
	/** [inputs, dense layers…]: for a cnn, its inputs and the dense layers after the convolutions. */
	readonly layers: readonly number[];
	/** The model's layers, convolutions and pools included. */
	readonly architecture: Architecture;
	readonly classes: readonly string[];
	readonly testCount: number;
	readonly testSource: string;
	readonly evaluation: Evaluation;
	/** The test images and labels the model was evaluated on. */
	readonly test: Dataset;
	/** The model's weights, for a view inside it. */
	readonly weights: readonly LayerWeights[];
	/** A convolutional model's image layers, for the same view. */
	readonly features?: readonly FeatureWeights[];
}

/** Loads a saved model and the test images, and evaluates one on the other. */
export async function evaluateModel(config: TrainConfig): Promise<ModelEvaluation> {
	if (!config.model) throw new InputError('eval needs --model FILE');
	const {network, classes} = readModelFile(config.model, '--model', config.backend);
	const test = await loadTest(config.sources, config.testLimit);
	checkInputs(network, test, config.model);
	checkLabels(test, network.classes);
	const evaluation = evaluate(network, test);
	const input = {channels: 1, height: test.rows, width: test.columns};
	return {
		layers: network.sizes,
		architecture: architectureOf(network, input),
		classes,
		testCount: test.count,
		testSource: test.source,
		evaluation,
		test,
		...weightsSnapshot(network),
	};
}
