import assert from 'node:assert/strict';
import {test} from 'node:test';
import {duration} from '../../../source/text/format.js';

test('durations: tenths under a minute, then minutes and seconds that never read 60', () => {
	assert.equal(duration(4.21), '4.2s');
	assert.equal(duration(75.3), '1m15s');
	assert.equal(duration(119.6), '2m00s');
	assert.equal(duration(3720), '1h02m');
});
