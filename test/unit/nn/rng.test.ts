import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {Rng} from '../../../source/nn/rng.js';

import {mean, variance} from './statistics.js';

describe('Rng', () => {
	const draw = (rng: Rng, count: number) => Array.from({length: count}, () => rng.nextUint32());

	test('the same seed gives the same sequence, different seeds different ones', () => {
		assert.deepEqual(draw(new Rng(1), 1000), draw(new Rng(1), 1000));
		assert.notDeepEqual(draw(new Rng(1), 10), draw(new Rng(2), 10));
		// seed 0 is as good as any: no stuck all-zero state
		assert.ok(new Set(draw(new Rng(0), 100)).size === 100);
	});

	test('state and fromState continue the same sequence', () => {
		const rng = new Rng(123);
		draw(rng, 57);
		const copy = Rng.fromState(rng.state);
		assert.deepEqual(draw(copy, 500), draw(rng, 500));
		assert.deepEqual(
			Array.from({length: 50}, () => copy.int(1000)),
			Array.from({length: 50}, () => rng.int(1000)),
		);
		assert.equal(rng.state.length, 4);
	});

	test('next is in [0, 1) and int(n) in [0, n), covering all of it', () => {
		const rng = new Rng(8);
		const seen = new Set<number>();
		for (let i = 0; i < 10_000; i++) {
			const u = rng.next();
			assert.ok(u >= 0 && u < 1);
			const k = rng.int(7);
			assert.ok(Number.isInteger(k) && k >= 0 && k < 7);
			seen.add(k);
		}
		assert.equal(seen.size, 7);
	});

	test('shuffle is a permutation, and not the identity', () => {
		const values = Uint32Array.from({length: 1000}, (_, i) => i);
		new Rng(9).shuffle(values);
		assert.deepEqual(
			Array.from(values).sort((a, b) => a - b),
			Array.from({length: 1000}, (_, i) => i),
		);
		assert.ok(values.some((value, i) => value !== i));
		const again = Uint32Array.from({length: 1000}, (_, i) => i);
		new Rng(9).shuffle(again);
		assert.deepEqual(again, values, 'the same seed shuffles the same way');
	});

	test('shuffle makes all 6 orders of 3 values about equally often', () => {
		const rng = new Rng(11);
		const counts = new Map<string, number>();
		for (let trial = 0; trial < 6000; trial++) {
			const values = Uint32Array.of(0, 1, 2);
			rng.shuffle(values);
			counts.set(values.join(''), (counts.get(values.join('')) ?? 0) + 1);
		}
		assert.equal(counts.size, 6, [...counts.keys()].join(' '));
		// 1000 expected each, standard deviation ≈ 29
		for (const [order, count] of counts) assert.ok(Math.abs(count - 1000) < 150, `${order}: ${count}`);
	});

	test('normal() has mean ≈ 0 and variance ≈ 1 over 100k draws', () => {
		const rng = new Rng(10);
		const values = Float64Array.from({length: 100_000}, () => rng.normal());
		// standard errors: 0.003 for the mean, 0.0045 for the variance
		assert.ok(Math.abs(mean(values)) < 0.015, `mean ${mean(values)}`);
		assert.ok(Math.abs(variance(values) - 1) < 0.025, `variance ${variance(values)}`);
		assert.ok(values.every(Number.isFinite));
		// roughly 68% within one standard deviation
		const within = values.filter(value => Math.abs(value) < 1).length / values.length;
		assert.ok(Math.abs(within - 0.6827) < 0.01, `within 1σ: ${within}`);
	});
});
