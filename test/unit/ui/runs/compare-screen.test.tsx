import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import chalk from 'chalk';
import {render} from 'ink-testing-library';
import {type Line, lineText, piece} from '../../../../source/runs/compare-lines.js';
import {CompareScreen} from '../../../../source/ui/runs/compare-screen.js';
import {frameOf} from '../frame.js';

const lines: Line[] = [
	[piece('Compare 2 runs', 'title')],
	[piece('  '), piece('*', 'run0'), piece(' a.jsonl   '), piece('o', 'run1'), piece(' b.jsonl')],
	[],
	[piece('0', 'dim'), piece('  '), piece('   +3', 'plain'), piece('   -2', 'fewer'), piece('    .', 'dim'), piece('   +1', 'more')],
];

describe('CompareScreen', () => {
	test('draws the same text as the plain output, an empty line as a blank one', () => {
		assert.equal(frameOf(<CompareScreen lines={lines} />).frame, lines.map(lineText).join('\n'));
	});

	test('colours each run and the changed mistakes (the glyphs and signs say the same without colour)', () => {
		const level = chalk.level;
		chalk.level = 1;
		const {lastFrame, unmount} = render(<CompareScreen lines={lines} />);
		const frame = lastFrame() ?? '';
		unmount();
		chalk.level = level;
		assert.ok(frame.includes('\u001B[36m*'), 'run 0 in cyan');
		assert.ok(frame.includes('\u001B[35mo'), 'run 1 in magenta');
		assert.ok(frame.includes('\u001B[31m   +1'), 'a new mistake in red');
		assert.ok(frame.includes('\u001B[32m   -2'), 'a mistake gone in green');
	});
});
