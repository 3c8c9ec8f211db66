import assert from 'node:assert/strict';
import {test} from 'node:test';
import {condenseCast} from '../../../scripts/demo/condense-cast.js';

const header = '{"version":2,"width":100,"height":30,"timestamp":1700000000,"title":"mnist-tui --demo"}';
const cast = (...events: [number, string, string][]) => `${[header, ...events.map(event => JSON.stringify(event))].join('\n')}\n`;

test('output within one frame is merged, in order; a resize is kept apart; long pauses are cut', () => {
	const condensed = condenseCast(
		cast(
			[0.001, 'o', '\u001B[?1049h'],
			[0.05, 'o', 'a'],
			[0.2, 'o', 'b'],
			[0.25, 'o', 'c'],
			[0.26, 'r', '80x24'],
			[0.27, 'o', 'd'],
			[10.27, 'o', 'e'],
			[10.5, 'o', 'f'],
		),
		{frameSeconds: 0.125, idleSeconds: 3},
	);
	assert.equal(
		condensed,
		cast([0.001, 'o', '\u001B[?1049ha'], [0.2, 'o', 'bc'], [0.26, 'r', '80x24'], [0.27, 'o', 'd'], [3.27, 'o', 'e'], [3.5, 'o', 'f']),
	);
});

test('anything but an asciicast v2 recording is refused', () => {
	assert.throws(() => condenseCast('{"version":1}\n', {frameSeconds: 0.1, idleSeconds: 1}), /not an asciicast v2 recording/);
});
