/**
 * The test suites: test/unit (no terminals, no full-size training; well
 * under a minute) and test/e2e (the built program as a user runs it, in
 * pipes and pseudo-terminals; `npm test` builds it first).
 *
 *   tsx scripts/test/run-tests.ts unit|e2e|all [words…]   only the files whose path has one of the words
 *
 * The TypeScript of source/, test/ and scripts/ is transpiled once with
 * esbuild, the transform tsx runs on every import, into build/tests/, and
 * node's test runner runs the files there: without tsx's loader a test
 * process starts in a third of the time. React runs as the program runs it,
 * in production mode.
 */
import {spawnSync} from 'node:child_process';
import {readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {dirname, join, relative, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {build} from 'esbuild';

const root = fileURLToPath(new URL('../..', import.meta.url));
const out = join(root, 'build', 'tests');
/** Files run at once: unit files mostly wait on module loading; each end-to-end file keeps both cores busy. */
const suites = {unit: 3, e2e: 1} as const;
type Suite = keyof typeof suites;

const [which = 'all', ...words] = process.argv.slice(2);
if (which !== 'all' && !Object.hasOwn(suites, which)) {
	console.error('usage: run-tests.ts unit|e2e|all [words…]');
	process.exit(2);
}

/** Every file below `folder` whose name passes `wanted`, as paths from the root. */
function filesUnder(folder: string, wanted: (name: string) => boolean): string[] {
	return readdirSync(join(root, folder), {recursive: true, withFileTypes: true})
		.filter(entry => entry.isFile() && wanted(entry.name))
		.map(entry => relative(root, join(entry.parentPath, entry.name)))
		.sort();
}

const typescript = (name: string) => /\.tsx?$/.test(name) && !name.endsWith('.d.ts');
rmSync(out, {recursive: true, force: true});
await build({
	entryPoints: ['source', 'test', 'scripts'].flatMap(folder => filesUnder(folder, typescript)),
	absWorkingDir: root,
	outdir: out,
	outbase: '.',
	format: 'esm',
	platform: 'node',
	target: 'node20',
	jsx: 'automatic',
	sourcemap: 'inline',
	logLevel: 'warning',
});
keepPackageFilesInPlace();

/**
 * A module that reaches into a package's own files by a relative path
 * (source/ui/shared/ink-output.ts takes Ink's Output class that way, which
 * Ink does not export) must reach the same files from build/tests: those
 * paths are written again from where the transpiled file lies.
 */
function keepPackageFilesInPlace(): void {
	for (const file of filesUnder(join('build', 'tests'), name => name.endsWith('.js'))) {
		const built = join(root, file);
		const text = readFileSync(built, 'utf8');
		const from = dirname(join(root, relative(join('build', 'tests'), file)));
		const moved = text.replace(/from "(\.\.?\/[^"]*node_modules\/[^"]*)"/g, (_, path: string) => {
			const target = relative(dirname(built), resolve(from, path));
			return `from "${target.startsWith('.') ? target : `./${target}`}"`;
		});
		if (moved !== text) writeFileSync(built, moved);
	}
}

let failed = false;
for (const suite of Object.keys(suites) as Suite[]) {
	if (which !== 'all' && which !== suite) continue;
	const files = filesUnder(join('build', 'tests', 'test', suite), name => name.endsWith('.test.js')).filter(
		file => words.length === 0 || words.some(word => file.includes(word)),
	);
	if (files.length === 0) continue;
	const run = spawnSync(process.execPath, ['--enable-source-maps', '--test', `--test-concurrency=${suites[suite]}`, ...files], {
		cwd: root,
		stdio: 'inherit',
		env: {...process.env, NODE_ENV: 'production'},
	});
	failed ||= run.status !== 0;
}
process.exit(failed ? 1 : 0);
