import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {type JsonLimits, scanJson} from '../../../source/files/json-scan.js';

const roomy: JsonLimits = {depth: 8, containers: 100, values: 100, strings: 100, keys: 100, members: 100, forbiddenKeys: new Set()};

/** The limit gone past, or null. */
const jsonBeyond = (text: string, limits: JsonLimits): string | null => {
	const finding = scanJson(text, limits);
	return finding && 'beyond' in finding ? finding.beyond : null;
};

describe('scanJson', () => {
	test('counts what JSON.parse would build, not what strings mention', () => {
		const text = JSON.stringify({a: [1, 2, {b: 'x[{,"'}], c: 'd'});
		assert.equal(jsonBeyond(text, roomy), null);
		assert.equal(jsonBeyond(text, {...roomy, depth: 2}), 'nested more than 2 deep');
		assert.equal(jsonBeyond(text, {...roomy, depth: 3}), null);
		// three containers: the object, the list, the inner object
		assert.equal(jsonBeyond(text, {...roomy, containers: 2}), 'more than 2 lists and objects');
		assert.equal(jsonBeyond(text, {...roomy, containers: 3}), null);
		// two string values ("x[{,\"" and "d"); keys a, b and c are not among them
		assert.equal(jsonBeyond(text, {...roomy, strings: 1}), 'more than 1 strings');
		assert.equal(jsonBeyond(text, {...roomy, strings: 2}), null);
		assert.equal(jsonBeyond(text, {...roomy, keys: 2}), 'more than 2 keys');
		assert.equal(jsonBeyond(text, {...roomy, keys: 3}), null);
		// the outer object has two members, a and c
		assert.equal(jsonBeyond(text, {...roomy, members: 1}), 'an object with more than 1 keys');
		assert.equal(jsonBeyond(text, {...roomy, members: 2}), null);
		// commas outside strings: 1,2 / 2,{ / ],"c"
		assert.equal(jsonBeyond(text, {...roomy, values: 2}), 'more than 2 values');
		assert.equal(jsonBeyond(text, {...roomy, values: 3}), null);
	});

	test('an escaped quote or backslash inside a string does not end it', () => {
		const text = JSON.stringify(['a"[[[[', 'b\\', '{{{{']);
		assert.equal(jsonBeyond(text, {...roomy, depth: 1}), null);
	});

	test('keys are told from string values in objects nested in lists', () => {
		const text = JSON.stringify([{k: 'v', l: ['w', {m: 'n'}]}]);
		// values: v, w, n; keys: k, l, m
		assert.equal(jsonBeyond(text, {...roomy, strings: 3, keys: 3}), null);
		assert.equal(jsonBeyond(text, {...roomy, strings: 2}), 'more than 2 strings');
		assert.equal(jsonBeyond(text, {...roomy, keys: 2}), 'more than 2 keys');
	});

	test('hostile texts stop at the first limit, whatever their size', () => {
		const limits = {depth: 32, containers: 1000, values: 10_000, strings: 100, keys: 1000, members: 50, forbiddenKeys: new Set<string>()};
		assert.equal(jsonBeyond('['.repeat(1_000_000), limits), 'nested more than 32 deep');
		assert.equal(jsonBeyond(`[${'[],'.repeat(2000)}0]`, limits), 'more than 1,000 lists and objects');
		assert.equal(jsonBeyond(`[${'0,'.repeat(20_000)}0]`, limits), 'more than 10,000 values');
		assert.equal(jsonBeyond(`[${'"",'.repeat(200)}0]`, limits), 'more than 100 strings');
		assert.equal(jsonBeyond(`{${Array.from({length: 60}, (_, i) => `"k${i}":0`).join(',')}}`, limits), 'an object with more than 50 keys');
		assert.equal(jsonBeyond(`[${'{"a":0,"b":0},'.repeat(600)}0]`, limits), 'more than 1,000 keys');
		// an unclosed string swallows the rest, and counts nothing more
		assert.equal(jsonBeyond(`["${'['.repeat(1000)}`, limits), null);
	});

	test('a forbidden key is found however it is escaped, and only as a key', () => {
		const rules = {...roomy, forbiddenKeys: new Set(['__proto__', 'constructor'])};
		assert.deepEqual(scanJson('{"a": {"__proto__": 1}}', rules), {forbiddenKey: '__proto__'});
		assert.deepEqual(scanJson('{"\\u005f_proto__": 1}', rules), {forbiddenKey: '__proto__'});
		assert.deepEqual(scanJson('[{"x": 1, "constructor": 2}]', rules), {forbiddenKey: 'constructor'});
		assert.equal(scanJson('{"classes": ["constructor", "__proto__"]}', rules), null);
		assert.equal(scanJson('{"a": "\\"__proto__\\": 1"}', rules), null);
	});
});
