import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {TooSmall} from '../../../../source/ui/shared/too-small.js';
import {frameOf, withSettings} from '../frame.js';

describe('TooSmall', () => {
	test('says what is needed, with the run status below', () => {
		assert.equal(
			frameOf(<TooSmall columns={60} rows={15} status="Training  Epoch 4/10  34.4%" />).frame,
			['Terminal too small: 60x15, need 80x24', 'Training  Epoch 4/10  34.4%'].join('\n'),
		);
	});

	test('stays within rows - 1 lines and the width', () => {
		assert.equal(
			frameOf(withSettings(<TooSmall columns={30} rows={2} status="Training" />, {ascii: true})).frame,
			'Terminal too small: 30x2, n...',
		);
		assert.equal(frameOf(<TooSmall columns={30} rows={1} status="Training" />).frame, '');
	});
});
