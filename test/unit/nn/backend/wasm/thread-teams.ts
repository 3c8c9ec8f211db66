import assert from 'node:assert/strict';
import {after, before} from 'node:test';
import {WasmBackend} from '../../../../../source/nn/backend/wasm/wasm-backend.js';

/**
 * A wasm backend on one thread and two with partner threads (2 and 3
 * threads), running before the file's tests and closed after them: what the
 * tests of sharing compare.
 */
export function threadTeams(): {single: WasmBackend; teams: WasmBackend[]} {
	const single = new WasmBackend();
	const teams = [new WasmBackend({threads: 2}), new WasmBackend({threads: 3})];
	before(async () => {
		await Promise.all(teams.map(team => team.ready()));
	});
	after(() => {
		for (const team of teams) team.close();
	});
	return {single, teams};
}

/** Every number the same, bit for bit (a NaN as a NaN, -0 as -0), as one thread computed it. */
export function assertSame(expected: Float32Array, actual: Float32Array, what: string): void {
	assert.equal(actual.length, expected.length, `${what}: length`);
	for (let i = 0; i < expected.length; i++) {
		if (!Object.is(expected[i], actual[i])) assert.fail(`${what}[${i}]: one thread ${expected[i]}, shared ${actual[i]}`);
	}
}
