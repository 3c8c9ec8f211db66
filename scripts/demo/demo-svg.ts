/**
 * `npm run demo:svg -- [IN.cast] [OUT.svg] [--at SECONDS]`: the README's
 * animated picture, made from a recording (by default docs/demo.cast,
 * recorded with `mnist-tui --demo --record docs/demo.cast` in a 100x30
 * terminal) with svg-term-cli, after condensing it to 8 frames a second;
 * with --at, the still picture of the screen at that moment of the recording
 * (the README's pictures of the network view and the canvas:
 * `-- docs/demo.cast docs/network.svg --at 44` and `… docs/draw.svg --at 60`).
 *
 * svg-term-cli runs through `npm exec` in a tree of its own: installed beside
 * this project, its React 16 renderer would meet our React 19 (through its
 * hoisted @stiligita/react) and fail.
 */
import {spawnSync} from 'node:child_process';
import {mkdtempSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {parseArgs} from 'node:util';
import {condenseCast} from './condense-cast.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const {values, positionals} = parseArgs({allowPositionals: true, options: {at: {type: 'string'}}});
const [input, output] = [positionals[0] ?? join(root, 'docs', 'demo.cast'), positionals[1] ?? join(root, 'docs', 'demo.svg')].map(path =>
	resolve(path),
) as [string, string];

const svgTerm = ['exec', '--yes', '--package', 'svg-term-cli@2.1.1', '--', 'svg-term'];
let frames: string[];
if (values.at === undefined) {
	const condensed = join(mkdtempSync(join(tmpdir(), 'mnist-tui-svg-')), 'condensed.cast');
	writeFileSync(condensed, condenseCast(readFileSync(input, 'utf8'), {frameSeconds: 0.125, idleSeconds: 3}));
	frames = ['--in', condensed];
} else {
	frames = ['--in', input, '--at', String(Math.round(Number(values.at) * 1000))];
}
const run = spawnSync('npm', [...svgTerm, ...frames, '--out', output, '--window', '--no-cursor'], {
	stdio: 'inherit',
	cwd: tmpdir(),
});
if (run.status !== 0) {
	process.stderr.write(`demo:svg: svg-term failed (${run.error?.message ?? `exit ${run.status}`})\n`);
	process.exit(1);
}
process.stdout.write(`${output}: ${(statSync(output).size / 1e6).toFixed(2)} MB from ${input}\n`);
