/** A hand-written model file to spoil one thing at a time, and the check that it is refused with one message. */
import assert from 'node:assert/strict';
import {InputError} from '../../../source/errors.js';
import {parseModel} from '../../../source/nn/model-file.js';

export const file = 'models/digits.json';

/** A valid 2 → 3 → 2 model file as a plain object, to spoil one thing at a time. */
export function validModel(): Record<string, unknown> & {layers: Array<Record<string, unknown>>} {
	return {
		format: 'mnist-tui-model',
		version: 1,
		classes: ['no', 'yes'],
		layers: [
			{type: 'dense', inputs: 2, outputs: 3, activation: 'relu', weights: [1, 2, 3, 4, 5, 6], biases: [0, 0.5, -1]},
			{type: 'dense', inputs: 3, outputs: 2, activation: 'softmax', weights: [1, 0, -1, 0.5, 0.25, 2], biases: [0, 0]},
		],
	};
}

export function spoilt(change: (model: ReturnType<typeof validModel>) => void): string {
	const model = validModel();
	change(model);
	return JSON.stringify(model);
}

export function assertRejected(text: string, message: string): void {
	assert.throws(
		() => parseModel(text, file),
		(error: unknown) => {
			assert.ok(error instanceof InputError, `an InputError, not ${String(error)}`);
			assert.equal(error.message, `${file}: ${message}`);
			return true;
		},
	);
}

/** A float32 array's bit patterns, to compare numbers exactly (NaN and -0 included). */
export function bits(values: Float32Array): number[] {
	return Array.from(new Uint32Array(values.buffer, values.byteOffset, values.length));
}
