/**
 * `npm run build`: the program as it ships, in dist/, built by esbuild with
 * every package it uses inside it. dist/cli.js is the entry and holds what
 * every command needs; every screen (Ink, React, yoga) is one file beside it,
 * source/ui/screens.ts, that the program imports while the first words are on
 * screen; dist/worker.js is the training worker, started by URL; a few chunks
 * hold what they share. Node reads 5 files to draw the dashboard instead of
 * some three hundred, which was most of what starting the dashboard cost.
 */
import {rmSync} from 'node:fs';
import {readFile} from 'node:fs/promises';
import {fileURLToPath} from 'node:url';
import {build, type Plugin} from 'esbuild';
import {narrowFirst} from './narrow-first.js';
import {sameStylesFirst} from './same-styles.js';

/** Ink connects to React DevTools (a package it does not depend on) only with DEV=true: the built program leaves that out. */
const withoutDevTools: Plugin = {
	name: 'without-devtools',
	setup(build) {
		build.onResolve({filter: /\/devtools\.js$/}, args =>
			/[\\/]ink[\\/]/.test(args.importer) ? {path: 'devtools', namespace: 'left-out'} : undefined,
		);
		build.onLoad({filter: /.*/, namespace: 'left-out'}, () => ({contents: 'export {};', loader: 'js'}));
	},
};

const root = fileURLToPath(new URL('../', import.meta.url));

/** Builds the files that `filter` matches (and `only` takes) from their source as `rewrite` makes it. */
function rewriting(
	name: string,
	filter: RegExp,
	rewrite: (source: string, file: string) => string,
	only = (_file: string) => true,
): Plugin {
	return {
		name,
		setup(build) {
			build.onLoad({filter}, async args =>
				only(args.path) ? {contents: rewrite(await readFile(args.path, 'utf8'), args.path), loader: 'js'} : undefined,
			);
		},
	};
}

/**
 * React, its reconciler and its scheduler choose their production or development build by NODE_ENV when
 * they load: the built program takes the production build and leaves the other out (half of Ink's chunk).
 */
const productionReact = rewriting('production-react', /[\\/]node_modules[\\/](react|react-reconciler|scheduler)[\\/][^\\/]+\.js$/, source =>
	source.replaceAll('process.env.NODE_ENV', '"production"'),
);

/** Ink's output stage, built with the shortcut of scripts/same-styles.ts. */
const sameStylesFirstPlugin = rewriting(
	'same-styles-first',
	/[\\/]@alcalzone[\\/]ansi-tokenize[\\/]build[\\/]styledChars\.js$/,
	sameStylesFirst,
);

/** Ink's string-width (not another package's copy of it), with the shortcut of scripts/narrow-first.ts. */
const narrowFirstPlugin = rewriting(
	'narrow-first',
	/[\\/]string-width[\\/]index\.js$/,
	narrowFirst,
	file => file === `${root}node_modules/string-width/index.js`,
);

rmSync(`${root}dist`, {recursive: true, force: true});
await build({
	absWorkingDir: root,
	entryPoints: {cli: 'source/cli.tsx', worker: 'source/train/worker/worker.ts'},
	outdir: 'dist',
	bundle: true,
	splitting: true,
	format: 'esm',
	platform: 'node',
	target: 'node20',
	// whitespace and syntax only: the names stay, for the stack that DEBUG=1 prints
	minifyWhitespace: true,
	minifySyntax: true,
	legalComments: 'none',
	// the packages written as CommonJS ask for Node's own modules with require()
	banner: {js: "import {createRequire as __createRequire} from 'node:module';const require=__createRequire(import.meta.url);"},
	plugins: [withoutDevTools, productionReact, sameStylesFirstPlugin, narrowFirstPlugin],
	define: {fetch: 'undefined'},
	logLevel: 'warning',
});
