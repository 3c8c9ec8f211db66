import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {measured, trustedEta, unmeasured} from '../../../../source/ui/dashboard/training-rate.js';

/** Messages of `images` images each, `seconds` apart, at the speeds given. */
const run = (speeds: readonly number[], seconds = 0.25) =>
	speeds.reduce((rate, speed) => measured(rate, speed * seconds, seconds), unmeasured);

describe('training rate', () => {
	test('the first message sets the speed; later ones weigh by their training time, the older faded', () => {
		const first = measured(unmeasured, 5000, 0.25);
		assert.equal(first.imagesPerSecond, 20_000);
		assert.deepEqual([first.images, first.seconds], [5000, 0.25]);
		// a second quarter second at 40,000/s: the first one's images and time faded by e^(-0.25/4)
		const second = measured(first, 10_000, 0.25);
		const fade = Math.exp(-0.25 / 4);
		assert.equal(second.imagesPerSecond, (5000 * fade + 10_000) / (0.25 * fade + 0.25));
		assert.equal(measured(second, 0, 0), second, 'a message without training time changes nothing');
	});

	test('a slow start fades: 3 s into a run that warmed up over half a second, the speed is within 8% of the steady one', () => {
		const rate = run([10_000, 20_000, ...Array.from({length: 10}, () => 40_000)]);
		assert.equal(rate.seconds, 3);
		assert.ok(rate.imagesPerSecond! > 0.92 * 40_000 && rate.imagesPerSecond! < 40_000, String(rate.imagesPerSecond));
	});

	test('no ETA before 3 s of training and 3% of the run; then the images left at the smoothed speed', () => {
		const runImages = 1_200_000;
		// 2.5 s at 40,000/s: 100,000 images, 8% of the run, but too short to trust
		const short = run(Array.from({length: 10}, () => 40_000));
		assert.equal(trustedEta(short, runImages - short.images, runImages), null);
		// 3 s: trusted
		const long = run(Array.from({length: 12}, () => 40_000));
		assert.ok(Math.abs(trustedEta(long, runImages - long.images, runImages)! - (runImages - 120_000) / 40_000) < 1e-9);
		// a slow network: 3 s at 2,000/s is 6,000 images, under 3% of a 300,000-image run
		const slow = run(Array.from({length: 12}, () => 2000));
		assert.equal(trustedEta(slow, 294_000, 300_000), null);
		assert.equal(trustedEta(unmeasured, 1, 1), null);
	});
});
