import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {maxClasses, maxLayerWidth, maxParameters, parseModel} from '../../../source/nn/model-file.js';

import {assertRejected, spoilt, validModel} from './model-file-fixtures.js';

describe('parseModel rejects', () => {
	test('text that is not JSON', () => {
		const text = '{"format": "mnist-tui-model",';
		let parserMessage = '';
		try {
			JSON.parse(text);
		} catch (error) {
			parserMessage = (error as Error).message;
		}
		assert.notEqual(parserMessage, '');
		assertRejected(text, `not valid JSON (${parserMessage})`);
	});

	test('JSON that is not an object', () => {
		for (const text of ['[1, 2]', 'null', '"model"', '42']) assertRejected(text, 'expected a JSON object');
	});

	test('a wrong or missing format', () => {
		const message = 'not an mnist-tui model (expected "format": "mnist-tui-model")';
		assertRejected(
			spoilt(model => {
				model.format = 'keras';
			}),
			message,
		);
		assertRejected(
			spoilt(model => {
				delete model.format;
			}),
			message,
		);
	});

	test('a wrong version, and one of a newer program', () => {
		assertRejected(
			spoilt(model => {
				model.version = 3;
			}),
			'unsupported model version 3 (expected 1 or 2, written by a newer mnist-tui)',
		);
		assertRejected(
			spoilt(model => {
				model.version = '1';
			}),
			'unsupported model version "1" (expected 1 or 2)',
		);
		assertRejected(
			spoilt(model => {
				model.version = 1.5;
			}),
			'unsupported model version 1.5 (expected 1 or 2)',
		);
	});

	test('no layers', () => {
		assertRejected(
			spoilt(model => {
				model.layers = [];
			}),
			'expected "layers": a non-empty list',
		);
		assertRejected(
			spoilt(model => {
				delete (model as Record<string, unknown>).layers;
			}),
			'expected "layers": a non-empty list',
		);
	});

	test('a layer that is not a dense object', () => {
		assertRejected(
			spoilt(model => {
				(model.layers as unknown[])[1] = 'dense';
			}),
			'layer 2: expected an object',
		);
		assertRejected(
			spoilt(model => {
				model.layers[0]!.type = 'conv';
			}),
			'layer 1: type "conv" is not supported (expected "dense")',
		);
	});

	test('a wrong number of weights or biases', () => {
		assertRejected(
			spoilt(model => {
				model.layers[0]!.weights = [1, 2, 3, 4, 5];
			}),
			'layer 1 weights (3 outputs × 2 inputs): expected 6 numbers, found 5',
		);
		assertRejected(
			spoilt(model => {
				model.layers[1]!.biases = [0, 0, 0];
			}),
			'layer 2 biases: expected 2 numbers, found 3',
		);
		assertRejected(
			spoilt(model => {
				model.layers[1]!.weights = 'none';
			}),
			'layer 2 weights (2 outputs × 3 inputs): expected a list of 6 numbers',
		);
	});

	test('values that are not finite float32 numbers', () => {
		assertRejected(
			spoilt(model => {
				model.layers[0]!.weights = [1, 2, '3', 4, 5, 6];
			}),
			'layer 1 weights (3 outputs × 2 inputs): value 2 is "3", expected a finite number',
		);
		assertRejected(
			spoilt(model => {
				model.layers[1]!.biases = [0, null];
			}),
			'layer 2 biases: value 1 is null, expected a finite number',
		);
		// 1e39 is a finite double but overflows float32
		const overflow = JSON.stringify(validModel()).replace('"biases":[0,0.5,-1]', '"biases":[0,1e39,-1]');
		assert.ok(overflow.includes('1e39'));
		assertRejected(overflow, 'layer 1 biases: value 1 is 1e+39, expected a finite number');
	});

	test('layers that do not chain', () => {
		assertRejected(
			spoilt(model => {
				model.layers[1] = {type: 'dense', inputs: 4, outputs: 2, activation: 'softmax', weights: [0, 0, 0, 0, 0, 0, 0, 0], biases: [0, 0]};
			}),
			'layer 2 has 4 inputs but layer 1 has 3 outputs',
		);
	});

	test('a class list that does not match the outputs', () => {
		const message = 'expected "classes": a list of 2 names, one per output';
		assertRejected(
			spoilt(model => {
				model.classes = ['a', 'b', 'c'];
			}),
			message,
		);
		assertRejected(
			spoilt(model => {
				model.classes = ['a', 2];
			}),
			message,
		);
		assertRejected(
			spoilt(model => {
				delete model.classes;
			}),
			message,
		);
	});

	test('a wrong activation', () => {
		assertRejected(
			spoilt(model => {
				model.layers[0]!.activation = 'sigmoid';
			}),
			'layer 1: expected "activation": "relu"',
		);
		assertRejected(
			spoilt(model => {
				model.layers[1]!.activation = 'relu';
			}),
			'layer 2: expected "activation": "softmax"',
		);
	});

	test('widths that are not whole numbers from 1 to maxLayerWidth', () => {
		assert.equal(maxLayerWidth, 65_536);
		const inputs = `layer 1: "inputs" must be a whole number from 1 to ${maxLayerWidth}`;
		const outputs = `layer 1: "outputs" must be a whole number from 1 to ${maxLayerWidth}`;
		assertRejected(
			spoilt(model => {
				model.layers[0]!.inputs = maxLayerWidth + 1;
			}),
			inputs,
		);
		assertRejected(
			spoilt(model => {
				model.layers[0]!.inputs = 0;
			}),
			inputs,
		);
		assertRejected(
			spoilt(model => {
				model.layers[0]!.inputs = 1.5;
			}),
			inputs,
		);
		assertRejected(
			spoilt(model => {
				model.layers[0]!.inputs = '2';
			}),
			inputs,
		);
		assertRejected(
			spoilt(model => {
				model.layers[0]!.outputs = 1e9;
			}),
			outputs,
		);
	});

	for (const key of ['__proto__', 'constructor', 'prototype']) {
		test(`a "${key}" key at the top level and nested`, () => {
			const message = `key "${key}" is not allowed in a model file`;
			const valid = JSON.stringify(validModel());
			// written as text: an object literal's __proto__ would set the prototype, not a key
			const texts = [
				`{"${key}": {"polluted": true}, ${valid.slice(1)}`,
				valid.replace('"version":1', `"version":1,"history":[{"epoch":1,"${key}":{"polluted":true}}]`),
				valid.replace('"type":"dense"', `"${key}":{},"type":"dense"`),
			];
			for (const text of texts) {
				assert.ok(text.includes(`"${key}"`), text);
				assertRejected(text, message);
			}
			assert.equal(({} as Record<string, unknown>).polluted, undefined);
		});
	}

	test('class names that are empty, too long, not printable or the same twice', () => {
		const named = (classes: unknown[]) =>
			spoilt(model => {
				model.classes = classes;
			});
		const rule = 'a class name is 1 to 40 printable characters';
		assertRejected(named(['', 'yes']), `class 1 "": ${rule}`);
		assertRejected(named(['no', 'y'.repeat(41)]), `class 2 "${'y'.repeat(30)}…: ${rule}`);
		assertRejected(named(['no', '\u001b[2Jyes']), `class 2 "\\u001b[2Jyes": ${rule}`);
		assertRejected(named(['no\nyes', 'yes']), `class 1 "no\\nyes": ${rule}`);
		assertRejected(named(['a\u202eb', 'yes']), `class 1 "a\u202eb": ${rule}`);
		assertRejected(named(['yes', 'yes']), 'class 2 "yes": the same name as class 1');
		// 40 characters, and names that are keys of every JavaScript object, are names like any other
		const model = parseModel(named(['🙂'.repeat(40), 'constructor']), 'm.json', 'js');
		assert.deepEqual(model.classes, ['🙂'.repeat(40), 'constructor']);
	});

	test('more classes than predictions can hold, and more weights than a network may have, before anything is allocated', () => {
		const wide = maxClasses + 1;
		assertRejected(
			spoilt(model => {
				model.layers[1] = {type: 'dense', inputs: 3, outputs: wide, activation: 'softmax', weights: [], biases: []};
			}),
			`${wide} outputs, more than the ${maxClasses} classes a model may have`,
		);
		// the weight lists are empty: the shapes alone are refused
		assertRejected(
			spoilt(model => {
				model.layers[0] = {type: 'dense', inputs: 100, outputs: 65_536, activation: 'relu', weights: [], biases: []};
				model.layers[1] = {type: 'dense', inputs: 65_536, outputs: 2, activation: 'softmax', weights: [], biases: []};
			}),
			`${(100 * 65_536 + 65_536 + 65_536 * 2 + 2).toLocaleString('en-US')} weights and biases, more than the ${maxParameters.toLocaleString('en-US')} a network here may have`,
		);
	});

	test('JSON larger than any model file, from counts taken before it is parsed', () => {
		const valid = JSON.stringify(validModel());
		const withExtra = (extra: string) => valid.replace('"version":1', `"version":1,"extra":${extra}`);
		assertRejected(withExtra(`[${'"x",'.repeat(10_000)}"x"]`), 'more than 10,000 strings: larger than any model file');
		assertRejected(withExtra(`${'['.repeat(40)}${']'.repeat(40)}`), 'nested more than 32 deep: larger than any model file');
		assertRejected(
			withExtra(`{${Array.from({length: 1001}, (_, i) => `"k${i}":0`).join(',')}}`),
			'an object with more than 1,000 keys: larger than any model file',
		);
		assertRejected(withExtra(`[${'[],'.repeat(200_000)}[]]`), 'more than 200,000 lists and objects: larger than any model file');
		// history entries as a long run writes them are well within
		const history = Array.from({length: 5000}, (_, i) => ({
			epoch: i + 1,
			trainLoss: 0.1,
			trainAccuracy: 0.9,
			testLoss: 0.1,
			testAccuracy: 0.9,
			seconds: 1,
		}));
		assert.deepEqual(parseModel(withExtra(JSON.stringify(history)), 'm.json', 'js').extra.extra, history);
	});

	test('a value of the file in a message is JSON, cut short: no control character reaches the message raw', () => {
		assertRejected(
			spoilt(model => {
				model.version = `\u001b]0;owned\u0007${'x'.repeat(100)}`;
			}),
			`unsupported model version "\\u001b]0;owned\\u0007xxxxxxxxxx… (expected 1 or 2)`,
		);
	});
});
