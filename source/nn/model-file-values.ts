/** Reading a model file's values: each check names the field and what was found, in one line. */
import {excerpt} from '../files/printable.js';

/** Wider layers than this are refused before anything is allocated. */
export const maxLayerWidth = 65_536;

export type Fail = (what: string) => never;

/** A value of the file in a message: as JSON, cut short. */
export const shown = (value: unknown): string => excerpt(JSON.stringify(value) ?? String(value));

export function finiteFloats(values: unknown, expected: number, what: string, fail: Fail): Float32Array {
	if (!Array.isArray(values)) return fail(`${what}: expected a list of ${expected} numbers`);
	if (values.length !== expected) fail(`${what}: expected ${expected} numbers, found ${values.length}`);
	const result = new Float32Array(expected);
	for (let i = 0; i < expected; i++) {
		const value: unknown = values[i];
		if (typeof value !== 'number' || !Number.isFinite(value) || !Number.isFinite(Math.fround(value))) {
			fail(`${what}: value ${i} is ${shown(value)}, expected a finite number`);
		}
		result[i] = value as number;
	}
	return result;
}

/** Nine significant digits bring a float32 back exactly, in fewer characters than its double. */
export function float32List(values: Float32Array): number[] {
	return Array.from(values, value => Number(value.toPrecision(9)));
}

export function isWidth(value: unknown): value is number {
	return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= maxLayerWidth;
}

/** A JSON object: not null, not a list. */
export function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
