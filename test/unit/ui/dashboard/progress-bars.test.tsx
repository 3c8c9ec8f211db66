import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {ProgressBars} from '../../../../source/ui/dashboard/progress-bars.js';
import {done, firstEpoch, loading, training} from '../fixtures.js';
import {frameOf, withSettings} from '../frame.js';

describe('ProgressBars', () => {
	test('at 80 columns: epoch and run side by side on one line', () => {
		assert.equal(
			frameOf(<ProgressBars state={training} width={80} lines={1} />).frame,
			'Epoch 4 ██████████░░░░░░░░░░░░░  43.9%   Run █████████▋░░░░░░░░░░░░░░░░░░  34.4%',
		);
		assert.equal(
			frameOf(withSettings(<ProgressBars state={firstEpoch} width={80} lines={1} />, {ascii: true})).frame,
			'Epoch 1 ####-------------------  21.4%   Run ----------------------------   2.1%',
		);
	});

	test('at 120 columns: two aligned bars with the images and epochs', () => {
		assert.equal(
			frameOf(<ProgressBars state={training} width={120} lines={2} />).frame,
			[
				'Epoch 4  ███████████████████████████████████▌░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░   43.9%  26,368/60,000 images',
				'Run      ███████████████████████████▊░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░   34.4%  10 epochs',
			].join('\n'),
		);
		assert.equal(
			frameOf(withSettings(<ProgressBars state={done} width={120} lines={2} />, {ascii: true})).frame,
			[
				'Epoch 3  #################################################################################  100.0%  60,000/60,000 images',
				'Run      #################################################################################  100.0%  3 epochs',
			].join('\n'),
		);
	});

	test('nothing to show before the run starts', () => {
		assert.equal(frameOf(<ProgressBars state={loading} width={80} lines={1} />).frame, '');
	});

	test('fits every width', () => {
		for (let width = 30; width <= 200; width += 17) {
			for (const lines of [1, 2] as const) {
				const frame = frameOf(<ProgressBars state={training} width={width} lines={lines} />);
				assert.equal(frame.lines.length, lines);
				assert.ok(frame.width <= width, `${width}: ${frame.frame}`);
			}
		}
	});
});
