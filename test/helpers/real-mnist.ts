import {type Dataset, firstImages} from '../../source/data/dataset.js';
import {loadTest, loadTrain} from '../../source/data/load.js';

/** The first images of the embedded MNIST training and test sets. */
export async function realMnist(trainCount: number, testCount: number): Promise<{train: Dataset; test: Dataset}> {
	const [train, test] = await Promise.all([loadTrain({}), loadTest({})]);
	return {train: firstImages(train, trainCount), test: firstImages(test, testCount)};
}
