import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {jsonLines} from '../../../source/output/json-lines.js';
import type {RunStart} from '../../../source/train/events.js';
import {training} from '../ui/fixtures.js';

describe('JSON Lines: changes made while training', () => {
	test('a control event: where it holds from, the values in force, which one changed and from what', () => {
		const line = jsonLines()({
			type: 'control',
			epoch: 3,
			step: 412,
			setting: 'learningRate',
			from: 0.05,
			to: 0.025,
			values: {learningRate: 0.025, momentum: 0.9},
		});
		assert.equal(line, '{"event":"control","epoch":3,"step":412,"lr":0.025,"momentum":0.9,"changed":"lr","previous":0.05}');
	});

	test('a momentum change, and gd’s momentum as null', () => {
		const momentum = jsonLines()({
			type: 'control',
			epoch: 1,
			step: 1,
			setting: 'momentum',
			from: 0.9,
			to: 0.95,
			values: {learningRate: 0.05, momentum: 0.95},
		});
		assert.deepEqual(JSON.parse(momentum!), {
			event: 'control',
			epoch: 1,
			step: 1,
			lr: 0.05,
			momentum: 0.95,
			changed: 'momentum',
			previous: 0.9,
		});
		const gd = jsonLines()({
			type: 'control',
			epoch: 2,
			step: 7,
			setting: 'learningRate',
			from: 0.5,
			to: 1,
			values: {learningRate: 1, momentum: null},
		});
		assert.equal(JSON.parse(gd!).momentum, null);
	});

	test('a refusal has no line', () => {
		assert.equal(jsonLines()({type: 'control-refused', setting: 'momentum', reason: 'gd has no momentum'}), undefined);
	});

	test('a resumed run’s start says the values in force when they were changed; otherwise it is as before', () => {
		const start = training.start as RunStart;
		assert.equal(JSON.parse(jsonLines()({...start, controls: {learningRate: 0.05, momentum: 0.9}})!).controls, undefined);
		const resumed = {
			...start,
			resumed: {file: 'run.json', epochs: 2, batch: 10, history: []},
			controls: {learningRate: 0.1, momentum: 0.95},
		};
		assert.deepEqual(JSON.parse(jsonLines()(resumed)!).controls, {lr: 0.1, momentum: 0.95});
		const unchanged = {...resumed, controls: {learningRate: 0.05, momentum: 0.9}};
		assert.equal(JSON.parse(jsonLines()(unchanged)!).controls, undefined, 'nothing changed: the start line is as before');
	});
});
