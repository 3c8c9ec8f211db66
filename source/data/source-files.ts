import {EMBEDDED_SOURCE, embeddedMnistFiles} from './embedded.js';
import type {DataSources} from './load.js';
import {type Located, locateFile, locateInFolder, locateLabels, type Role} from './locate.js';

/** A file the loaders will read, and how a message names it: "--train x.csv", "mnist/t10k-images-idx3-ubyte (in --data mnist)". */
export interface SourceFile {
	readonly path: string;
	readonly what: string;
}

/**
 * The files loadTrain and loadTest will read for these sources, found the
 * way they find them, before anything large is read: so that no output can
 * be one of them. A pipe is listed as it is, never opened.
 */
export async function sourceFiles(sources: DataSources, roles: readonly Role[] = ['train', 'test']): Promise<SourceFile[]> {
	const located = await Promise.all(roles.map(role => locateRole(role, sources)));
	return located.flat();
}

async function locateRole(role: Role, sources: DataSources): Promise<SourceFile[]> {
	const file = sources[role];
	if (file !== undefined) return files(await locateFile(file, `--${role}`));
	if (sources.data !== undefined) return files(await locateInFolder(sources.data, role));
	const embedded = embeddedMnistFiles()[role];
	return [embedded.images, embedded.labels].map(path => ({path, what: `${path} of ${EMBEDDED_SOURCE}`}));
}

async function files(located: Located): Promise<SourceFile[]> {
	// "--train x.csv" as it was given; a file found in a folder or beside another, with where it was found
	const named = (path: string): SourceFile => ({
		path,
		what: located.origin.endsWith(` ${path}`) ? located.origin : `${path} (${located.origin})`,
	});
	if (located.format === 'csv') return [named(located.file)];
	// a missing labels file is the loader's to report, with the rest of its checks
	const labels = await locateLabels(located.images, located.origin).catch(() => undefined);
	return [named(located.images), ...(labels === undefined ? [] : [named(labels)])];
}
