/**
 * `npm run build`: the program as it ships, in dist/, built by esbuild with
 * every package it uses inside it. dist/cli.js is the entry and holds what
 * every command needs; the dashboard's screens (Ink, React) are chunks beside
 * it that the program imports while the first words are on screen; dist/worker.js
 * is the training worker, started by URL. Node reads a few files instead of
 * some three hundred, which was most of what starting the dashboard cost.
 */
import {rmSync} from 'node:fs';
import {readFile} from 'node:fs/promises';
import {fileURLToPath} from 'node:url';
import {build, type Plugin} from 'esbuild';

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

/**
 * Ink turns each line of a frame into styled characters and back with @alcalzone/ansi-tokenize, which
 * works out the codes between every two neighbouring characters with new sets and arrays each time:
 * most neighbours have the same styles, and then the codes between them are none. The built program
 * says so before working it out (the same text, byte for byte): the first frame, and every frame, costs less.
 */
const sameStylesFirst: Plugin = {
	name: 'same-styles-first',
	setup(build) {
		build.onLoad({filter: /[\\/]@alcalzone[\\/]ansi-tokenize[\\/]build[\\/]styledChars\.js$/}, async args => {
			const source = await readFile(args.path, 'utf8');
			const between = 'ansiCodesToString(diffAnsiCodes(chars[i - 1].styles, char.styles))';
			const atEnd = 'ansiCodesToString(diffAnsiCodes(char.styles, []))';
			if (!source.includes(between) || !source.includes(atEnd))
				throw new Error(`${args.path}: not the styledCharsToString this build knows`);
			const contents = source
				.replace(between, `(sameStyles(chars[i - 1].styles, char.styles) ? "" : ${between})`)
				.replace(atEnd, `(char.styles.length === 0 ? "" : ${atEnd})`)
				.concat(
					'\nfunction sameStyles(a, b) {\n\tif (a.length !== b.length) return false;\n',
					'\tfor (let i = 0; i < a.length; i++) if (a[i].code !== b[i].code || a[i].endCode !== b[i].endCode) return false;\n\treturn true;\n}\n',
				);
			return {contents, loader: 'js'};
		});
	},
};

const root = fileURLToPath(new URL('../', import.meta.url));
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
	plugins: [withoutDevTools, productionReact, sameStylesFirst],
	define: {fetch: 'undefined'},
	logLevel: 'warning',
});
