import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import stringWidth from 'string-width';
import stripAnsi from 'strip-ansi';
import {warmFrame} from '../../../../source/ui/dashboard/warm-frames.js';
import {renderSettings} from '../../../../source/ui/shared/render-settings.js';
import {config} from '../fixtures.js';

describe('the frames drawn while the files load', () => {
	test("draw the whole training dashboard of a made-up run of the configuration's network, in the terminal's size", () => {
		for (const [columns, rows] of [
			[100, 30],
			[120, 40],
		] as const) {
			for (const epochs of [2, 5]) {
				const lines = stripAnsi(warmFrame(config, columns, rows, renderSettings(false), epochs)).split('\n');
				assert.ok(lines.length <= rows && lines.length >= rows - 2, `${lines.length} lines in ${rows} rows`);
				assert.ok(
					lines.every(line => stringWidth(line) <= columns),
					`a line wider than ${columns}`,
				);
				const frame = lines.join('\n');
				for (const words of [`Epoch ${epochs}/10`, '784-512-10', 'Training loss', `Confusion · epoch ${epochs}`, 'Accuracy'])
					assert.ok(frame.includes(words), `${words} in\n${frame}`);
			}
		}
	});
});
