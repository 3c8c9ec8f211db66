import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {test} from 'node:test';
import {temporaryFolder} from '../../../helpers/paths.js';

// the tests run transpiled (build/tests/), or as TypeScript under tsx, the child as they do
const typeScript = import.meta.url.endsWith('.ts');
const sibling = (path: string) => new URL(`${path}.${typeScript ? 'ts' : 'js'}`, import.meta.url).href;
const host = sibling('../../../../source/train/worker/worker-host');
const config = sibling('../../../helpers/worker-config');

/** A small run in a training worker, in a process of its own that prints what V8 optimises and when it drops its assumptions. */
const child = `
import {startTrainingWorker} from ${JSON.stringify(host)};
import {workerConfig} from ${JSON.stringify(config)};
startTrainingWorker(workerConfig({epochs: 2, limit: 3000, testLimit: 300}), {
	onEvent() {},
	onError(error) {
		console.error(error);
		process.exitCode = 1;
	},
});
`;

test('the training worker gives up the no-detached-buffers assumption before its code is optimised, not when it first hands a buffer over', () => {
	const script = join(temporaryFolder(), 'run.mjs');
	writeFileSync(script, child);
	const run = spawnSync(
		process.execPath,
		[...(typeScript ? ['--import', 'tsx'] : []), '--trace-opt', '--trace-protector-invalidation', script],
		{encoding: 'utf8', timeout: 120_000},
	);
	assert.equal(run.status, 0, run.stderr);
	// V8 prints both kinds of line to one stream, in the order they happen, whichever thread they happen on
	const lines = run.stdout.split('\n');
	const givenUp = lines.findIndex(line => line.includes('Invalidating protector cell ArrayBufferDetaching'));
	const trainingCode = lines.findIndex(line => /completed optimizing .*<JSFunction (packLabels|shuffle|nextUint32|heInit) /.test(line));
	assert.ok(givenUp >= 0, 'the worker hands buffers over');
	assert.ok(trainingCode >= 0, 'V8 optimised the training code');
	assert.ok(givenUp < trainingCode, `given up at line ${givenUp}, after the training code was optimised at line ${trainingCode}`);
});
