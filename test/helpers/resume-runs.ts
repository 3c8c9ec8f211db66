import assert from 'node:assert/strict';
import {join} from 'node:path';
import {type Run, runCli} from './cli.js';
import {temporaryFolder} from './paths.js';

/** A run done two ways, in a folder of its own. */
export interface WholeAndResumed {
	readonly folder: string;
	/** The model of the run in one go, and the checkpoint the resumed run went on from and saved to. */
	readonly whole: string;
	readonly parts: string;
	readonly uninterrupted: Run;
	readonly resumed: Run;
}

/**
 * `args` trained for `total` epochs in one go (saved to whole.json), and for
 * `stopAt` epochs (saved to parts.json) then `--resume`d to `total`, all with
 * --json; each of the three runs must exit 0.
 */
export async function wholeAndResumed(args: readonly string[], stopAt: number, total: number): Promise<WholeAndResumed> {
	const folder = temporaryFolder();
	const whole = join(folder, 'whole.json'),
		parts = join(folder, 'parts.json');
	const [uninterrupted, first] = await Promise.all([
		runCli([...args, '--epochs', String(total), '--json', '--save', whole]),
		runCli([...args, '--epochs', String(stopAt), '--json', '--save', parts]),
	]);
	assert.equal(uninterrupted.code, 0, uninterrupted.stderr);
	assert.equal(first.code, 0, first.stderr);
	const resumed = await runCli(['--resume', parts, '--epochs', String(total), '--json']);
	assert.equal(resumed.code, 0, resumed.stderr);
	return {folder, whole, parts, uninterrupted, resumed};
}
