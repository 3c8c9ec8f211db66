/**
 * `npm run measure:hostile`
 *
 * Time and peak memory of the built program given full-size hostile files,
 * next to a valid model of the largest shape: each is made in a temporary
 * folder, given to `eval --model` or to training, and must end with exit 2
 * and one line (the valid model with exit 0). A report, not a test: the
 * numbers depend on the machine. Peak memory is the program's own peak
 * resident set size (VmHWM), read at its exit by a preloaded hook.
 */
import {spawnSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {gzipSync} from 'node:zlib';

const root = join(import.meta.dirname, '..');
const folder = mkdtempSync(join(tmpdir(), 'mnist-tui-hostile-'));
const rssFile = join(folder, 'rss');
const hook = join(folder, 'rss-hook.cjs');
// VmHWM, the peak of this program's own memory: ru_maxrss would count the memory of this script, which spawned it
writeFileSync(
	hook,
	`process.on('exit', () => {
	const fs = require('node:fs');
	const status = fs.existsSync('/proc/self/status') ? fs.readFileSync('/proc/self/status', 'utf8') : '';
	const peak = /VmHWM:\\s*(\\d+) kB/.exec(status)?.[1] ?? String(process.resourceUsage().maxRSS);
	fs.writeFileSync(${JSON.stringify(rssFile)}, peak);
});
`,
);
const testCsv = join(root, 'data', 'fixtures', 'mnist_test_100.csv');
const MB = 1024 * 1024;

/** Writes a file of `size` bytes made of `head`, `unit` repeated and `tail`, in pieces. */
function writeRepeated(name: string, head: string, unit: string, size: number, tail = ''): string {
	const path = join(folder, name);
	const piece = unit.repeat(Math.max(1, Math.floor(MB / unit.length)));
	const pieces = Math.floor((size - head.length - tail.length) / piece.length);
	writeFileSync(path, head + piece.repeat(pieces) + tail);
	return path;
}

function idxBomb(name: string, count: number, dataBytes: number): string {
	const header = new Uint8Array(16);
	const view = new DataView(header.buffer);
	for (const [index, value] of [0x803, count, 28, 28].entries()) view.setUint32(index * 4, value);
	const path = join(folder, name);
	writeFileSync(path, gzipSync(Buffer.concat([header, Buffer.alloc(dataBytes)])));
	return path;
}

function largestValidModel(): string {
	const model = join(folder, 'largest.json');
	const run = spawnSync(
		process.execPath,
		[
			join(root, 'dist', 'cli.js'),
			'--hidden',
			'5000',
			'--limit',
			'500',
			'--test-limit',
			'100',
			'--epochs',
			'1',
			'--optimizer',
			'adam',
			'--json',
			'--save',
			model,
		],
		{encoding: 'utf8'},
	);
	if (run.status !== 0) throw new Error(run.stderr);
	return model;
}

const cases: [string, () => string[]][] = [
	[
		'a valid checkpoint of 4.0M weights with Adam state (eval)',
		() => ['eval', '--model', largestValidModel(), '--test-limit', '100', '--json'],
	],
	['JSON nested 10 million deep (10 MB)', () => ['eval', '--model', writeRepeated('deep.json', '', '[', 10 * MB)]],
	['JSON of 13 million numbers (128 MB)', () => ['eval', '--model', writeRepeated('numbers.json', '[', '0.1234567,', 128 * MB, '0]')]],
	['JSON of 50 million short strings (250 MB)', () => ['eval', '--model', writeRepeated('strings.json', '[', '"s",', 250 * MB, '"s"]')]],
	[
		'JSON with one string of 120 million é (240 MB)',
		() => ['eval', '--model', writeRepeated('string.json', '{"format":"', 'é', 120 * MB, '"}')],
	],
	[
		'JSON of 11 million distinct keys (140 MB)',
		() => {
			const path = join(folder, 'keys.json');
			writeFileSync(path, `{${Array.from({length: 11_000_000}, (_, i) => `"k${i}":0`).join(',')}}`);
			return ['eval', '--model', path];
		},
	],
	['a model file of 300 MB', () => ['eval', '--model', writeRepeated('huge.json', '{"a":"', 'x', 300 * MB, '"}')]],
	['a CSV line of 100 million commas', () => ['--train', writeRepeated('commas.csv', '', ',', 100 * MB), '--test', testCsv, '--json']],
	[
		'a .gz announcing a billion images',
		() => ['--train', idxBomb('billion-images-idx3-ubyte.gz', 1_000_000_000, 0), '--test', testCsv, '--json'],
	],
	[
		'a .gz announcing a million images, holding 1 GB',
		() => ['--train', idxBomb('bomb-images-idx3-ubyte.gz', 1_000_000, 1024 * MB), '--test', testCsv, '--json'],
	],
	['--hidden 65536,65536', () => ['--hidden', '65536,65536', '--json']],
];

console.log('| input | exit | seconds | peak memory | message |');
console.log('|---|---|---|---|---|');
for (const [what, make] of cases) {
	const args = make();
	rmSync(rssFile, {force: true});
	const started = performance.now();
	const run = spawnSync(process.execPath, ['--require', hook, join(root, 'dist', 'cli.js'), ...args], {
		encoding: 'utf8',
		maxBuffer: 64 * MB,
	});
	const seconds = (performance.now() - started) / 1000;
	const peak = Number(readFileSync(rssFile, 'utf8')) / 1024;
	const message = run.stderr.trim().replace(folder, '…').slice(0, 110);
	console.log(`| ${what} | ${run.status} | ${seconds.toFixed(1)} | ${peak.toFixed(0)} MB | ${message || '(none)'} |`);
	for (const arg of args) if (arg.startsWith(folder) && !arg.endsWith('.csv')) rmSync(arg, {force: true});
}
rmSync(folder, {recursive: true, force: true});
