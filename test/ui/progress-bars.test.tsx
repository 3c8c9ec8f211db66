import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {ProgressBars} from '../../source/ui/dashboard/progress-bars.js';
import {done, firstEpoch, loading, training} from './fixtures.js';
import {frameOf} from './frame.js';

describe('ProgressBars', () => {
	test('at 80 columns: epoch and run side by side on one line', () => {
		assert.equal(frameOf(<ProgressBars state={training} width={80} lines={1} ascii={false}/>).frame,
			'Epoch 4 ██████████░░░░░░░░░░░░░  43.9%   Run █████████▋░░░░░░░░░░░░░░░░░░  34.4%');
		assert.equal(frameOf(<ProgressBars state={firstEpoch} width={80} lines={1} ascii/>).frame,
			'Epoch 1 ####-------------------  21.4%   Run ----------------------------   2.1%');
	});

	test('at 120 columns: two aligned bars with the images and epochs', () => {
		assert.equal(frameOf(<ProgressBars state={training} width={120} lines={2} ascii={false}/>).frame, [
			'Epoch 4  ███████████████████████████████████▌░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░   43.9%  26,368/60,000 images',
			'Run      ███████████████████████████▊░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░   34.4%  10 epochs',
		].join('\n'));
		assert.equal(frameOf(<ProgressBars state={done} width={120} lines={2} ascii/>).frame, [
			'Epoch 3  #################################################################################  100.0%  60,000/60,000 images',
			'Run      #################################################################################  100.0%  3 epochs',
		].join('\n'));
	});

	test('nothing to show before the run starts', () => {
		assert.equal(frameOf(<ProgressBars state={loading} width={80} lines={1} ascii={false}/>).frame, '');
	});

	test('fits every width', () => {
		for (let width = 30; width <= 200; width += 17) {
			for (const lines of [1, 2] as const) {
				const frame = frameOf(<ProgressBars state={training} width={width} lines={lines} ascii={false}/>);
				assert.equal(frame.lines.length, lines);
				assert.ok(frame.width <= width, `${width}: ${frame.frame}`);
			}
		}
	});
});
