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

/**
 * React, its reconciler and its scheduler choose their production or development build by NODE_ENV when
 * they load: the built program takes the production build and leaves the other out (half of Ink's chunk).
 */
const productionReact: Plugin = {
	name: 'production-react',
	setup(build) {
		build.onLoad({filter: /[\\/]node_modules[\\/](react|react-reconciler|scheduler)[\\/][^\\/]+\.js$/}, async args => ({
			contents: (await readFile(args.path, 'utf8')).replaceAll('process.env.NODE_ENV', '"production"'),
			loader: 'js',
		}));
	},
};

/** Ink's output stage, built with the shortcut of scripts/same-styles.ts. */
const sameStylesFirstPlugin: Plugin = {
	name: 'same-styles-first',
	setup(build) {
		build.onLoad({filter: /[\\/]@alcalzone[\\/]ansi-tokenize[\\/]build[\\/]styledChars\.js$/}, async args => ({
			contents: sameStylesFirst(await readFile(args.path, 'utf8'), args.path),
			loader: 'js',
		}));
	},
};

const root = fileURLToPath(new URL('../', import.meta.url));

/** Ink's string-width, with the shortcut of scripts/narrow-first.ts. */
const narrowFirstPlugin: Plugin = {
	name: 'narrow-first',
	setup(build) {
		const stringWidth = `${root}node_modules/string-width/index.js`;
		build.onLoad({filter: /[\\/]string-width[\\/]index\.js$/}, async args =>
			args.path === stringWidth ? {contents: narrowFirst(await readFile(args.path, 'utf8'), args.path), loader: 'js'} : undefined,
		);
	},
};

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
