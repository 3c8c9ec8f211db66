/**
 * Hostile input through the built program, seeded: damaged model, CSV and
 * IDX files (test/helpers/mutations.ts) given to eval and to training. The
 * program must load a well-formed set or model and run, or exit 2 with one
 * `mnist-tui: …` line that names the file (its control characters escaped,
 * as half the file names have some): never another exit code or a hang.
 */
import assert from 'node:assert/strict';
import {mkdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, test} from 'node:test';
import {printable} from '../../source/files/printable.js';
import {Rng} from '../../source/nn/rng.js';
import {rawControls, runCli} from '../helpers/cli.js';
import {seed, sources} from '../helpers/fuzz-sources.js';
import {mutateCsv, mutateIdx, mutateModel} from '../helpers/mutations.js';
import {fixtures} from '../helpers/paths.js';
import {scratchFolder} from '../helpers/scratch.js';

const scratch = scratchFolder('mnist-tui-fuzz-cli-');
let counter = 0;
/** Every other case's file name holds control characters, which every message must show escaped. */
const named = (extension: string) => `case-${counter}${counter++ % 2 ? '-\u001b[1m\n\u0007' : ''}${extension}`;

describe(`fuzzed input files through the built program (seed ${seed})`, () => {
	const small = ['--epochs', '1', '--hidden', '8', '--json'];

	/** The program's answer to a damaged file: exit 0 with JSON Lines, or exit 2 with one line naming the file. */
	async function expectLoadsOrRefuses(args: string[], file: string, what: string): Promise<string | undefined> {
		const run = await runCli(args, {timeoutMs: 60_000});
		const label = `${what}: mnist-tui ${args.join(' ')}`;
		if (run.code === 0) {
			if (rawControls.test(run.stdout)) return `${label}: a control character reached stdout raw`;
			for (const line of run.stdout.split('\n').filter(Boolean)) JSON.parse(line);
			return run.stderr === '' ? undefined : `${label}: exit 0 with stderr ${run.stderr}`;
		}
		if (run.code !== 2) return `${label}: exit ${run.code} ${run.signal ?? ''}\n${run.stderr}`;
		const lines = run.stderr.split('\n').filter(Boolean);
		if (rawControls.test(run.stderr)) return `${label}: a control character reached stderr raw: ${JSON.stringify(run.stderr)}`;
		if (run.stdout !== '' || lines.length !== 1 || !lines[0]!.startsWith('mnist-tui: ') || !lines[0]!.includes(printable(file)))
			return `${label}: ${JSON.stringify(run.stderr)}`;
		return undefined;
	}

	/** Runs the cases four at a time. */
	async function all(cases: (() => Promise<string | undefined>)[]): Promise<string[]> {
		const failures: string[] = [];
		for (let i = 0; i < cases.length; i += 4) {
			for (const failure of await Promise.all(cases.slice(i, i + 4).map(run => run()))) if (failure) failures.push(failure);
		}
		return failures;
	}

	test('12 damaged models through eval --model, 12 damaged CSV and 12 damaged IDX sets through training', async () => {
		const rng = new Rng(seed + 4);
		const cases: (() => Promise<string | undefined>)[] = [];
		for (let i = 0; i < 12; i++) {
			const model = mutateModel(rng, sources.model);
			const file = scratch.write(named('.json'), model.content);
			cases.push(() => expectLoadsOrRefuses(['eval', '--model', file, '--test-limit', '20', '--json'], file, model.what));
		}
		for (let i = 0; i < 12; i++) {
			const csv = mutateCsv(rng, sources.csv[0]!);
			const file = scratch.write(named('.csv'), csv.content);
			cases.push(() => expectLoadsOrRefuses(['--train', file, '--test', join(fixtures, 'mnist_test_100.csv'), ...small], file, csv.what));
		}
		for (let i = 0; i < 12; i++) {
			const folder = `${scratch.write(named(''), '')}.d`;
			mkdirSync(folder);
			const kind = rng.int(2) === 0 ? 'images' : 'labels';
			const mutant = mutateIdx(rng, sources[kind][1]!, kind === 'images' ? 16 : 8);
			writeFileSync(join(folder, `train-${kind}-idx${kind === 'images' ? 3 : 1}-ubyte`), mutant.content);
			const other = kind === 'images' ? 'labels' : 'images';
			writeFileSync(join(folder, `train-${other}-idx${other === 'images' ? 3 : 1}-ubyte`), sources[other][1]!);
			writeFileSync(join(folder, 't10k-images-idx3-ubyte'), sources.images[1]!);
			writeFileSync(join(folder, 't10k-labels-idx1-ubyte'), sources.labels[1]!);
			cases.push(() => expectLoadsOrRefuses(['--data', folder, ...small], folder, `${kind} ${mutant.what}`));
		}
		assert.deepEqual(await all(cases), [], `seed ${seed}`);
	});
});
