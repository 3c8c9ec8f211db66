/**
 * `browse --model` with a convolutional model, in a real pseudo-terminal at
 * 80x24: the test digits and their predictions, the network view with the
 * filters and the feature maps, the canvas reading a drawing (and the view
 * showing that drawing's maps), and q leaving the terminal clean.
 */
import assert from 'node:assert/strict';
import {writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, test} from 'node:test';
import {buildNetwork, convArchitecture} from '../../source/nn/architecture.js';
import {serializeModel} from '../../source/nn/model-file.js';
import {Rng} from '../../source/nn/rng.js';
import {temporaryFolder} from '../helpers/paths.js';
import {cookedMode, leaveAlternateScreen, runInTerminal} from './pseudo-terminal.js';

/** A seeded conv network, as built (what it predicts does not matter here): conv 4 → pool → conv 8 → pool → 16 → 10. */
function convModel(): string {
	const network = buildNetwork(
		convArchitecture({channels: 1, height: 28, width: 28}, {filters: [4, 8], hidden: [16], classes: 10}),
		new Rng(1),
		'js',
	);
	const file = join(temporaryFolder(), 'cnn.json');
	writeFileSync(
		file,
		serializeModel(
			network,
			Array.from({length: 10}, (_, digit) => String(digit)),
		),
	);
	return file;
}

describe('browse --model with a convolutional model', () => {
	const model = convModel();

	test('the digits, tab to the network view, the next digit, a filter selected, a drawing read and its maps shown; q exits 0, clean', async () => {
		const run = runInTerminal(['browse', '--model', model, '--test-limit', '100'], {columns: 80, rows: 24});
		await run.waitFor(/#1 of 100/);
		await run.waitFor(/pred \d/);
		let from = run.output.length;
		run.write('\t');
		await run.waitFor(/Network · conv 4 → conv 8 → 16 → 10 · saved model · filter #1, by number/, from);
		await run.waitFor(/conv 1 · 4 filters 5×5 · maps 24×24/, from);
		await run.waitFor(/conv 2 · 8 filters 5×5×4 · maps/, from);
		await run.waitFor(/maps and strips: what the network makes of test digit #1 \(true 7\)/, from);
		// ↓ (j) steps to the next test digit without leaving the view
		from = run.output.length;
		run.write('j');
		await run.waitFor(/maps and strips: what the network makes of test digit #2 \(true 2\)/, from);
		from = run.output.length;
		run.write('l');
		await run.waitFor(/filter #2: weights -?\d\.\d\d to -?\d\.\d\d, bias 0\.00/, from);
		run.write('d');
		await run.waitFor(/Draw · nothing drawn yet · saved model/);
		for (const keys of ['kkkkkkkkkk', ' ', 'jjjjjjjjjjjjjjjjjjjj', ' ']) {
			run.write(keys);
			await new Promise(resolve => setTimeout(resolve, 100));
		}
		await run.waitFor(/Draw · pred \d · /);
		from = run.output.length;
		run.write('d');
		await run.waitFor(/maps and strips: what the network makes of your drawing/, from);
		run.write('q');
		const ended = await run.ended;
		assert.equal(ended.code, 0);
		assert.ok(cookedMode(ended.stty));
		assert.doesNotMatch(ended.output, /out of bounds/);
		const after = ended.output.slice(ended.output.lastIndexOf(leaveAlternateScreen));
		assert.match(after, /mnist-tui: browsed .*cnn\.json .* on 100 test digits: \d+\.\d\d% \(\d+\)\r?\n/);
	});
});
