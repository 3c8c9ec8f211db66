import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {done, training} from '../fixtures.js';
import {helpFrames} from './help-frames.js';
import {helpScreen} from './help-screens.js';

const views = {dashboard: [], digits: ['\t'], network: ['\t', '\t'], draw: ['d']} as const;
const sizes = [
	[80, 24],
	[120, 40],
] as const;
const expected = (name: string) => helpFrames[name]!;

describe('the help in each view, as the app shows it', () => {
	for (const [columns, rows] of sizes) {
		for (const [view, before] of Object.entries(views)) {
			test(`${view} at ${columns}x${rows}: its keys, then (→) what its words mean`, async () => {
				const screen = await helpScreen(training, columns, rows, before);
				try {
					assert.equal(screen.help, expected(`${view}Keys${columns}`));
					await screen.press('l', /^What the words on this screen mean · ← keys$/m);
					assert.equal(screen.help, expected(`${view}Words${columns}`));
					await screen.press('h', /^Keys · → what the words on this screen mean$/m);
					assert.equal(screen.help, expected(`${view}Keys${columns}`));
				} finally {
					screen.unmount();
				}
			});
		}

		test(`once training is done, at ${columns}x${rows}: no pause, no steering keys, in any view`, async () => {
			const screen = await helpScreen(done, columns, rows);
			try {
				assert.equal(screen.help, expected(`doneKeys${columns}`));
				for (const view of ['digits', 'network', 'draw']) {
					await screen.press(
						view === 'draw' ? 'd' : '\t',
						new RegExp(`^${view === 'digits' ? '← h' : view === 'network' ? '← h PgUp' : '↑ k'} `, 'm'),
					);
					assert.doesNotMatch(screen.help, /pause|learning rate|momentum|^n /m, view);
				}
			} finally {
				screen.unmount();
			}
		});
	}
});

describe('a help taller than the terminal scrolls', () => {
	test("80x24, the test digits: ↓ and j scroll to the browser's last keys; the way out stays on the last line", async () => {
		const screen = await helpScreen(training, 80, 24, ['\t']);
		try {
			const last = () => screen.help.split('\n').at(-1);
			assert.equal(last(), '↓ 12 more lines below · ↑ ↓ j k scroll · ← → keys or words · ? closes the help');
			await screen.press('j', /↓ 11 more lines below/);
			await screen.press('\u001B[B', /↓ 10 more lines below/);
			assert.equal(screen.help.split('\n')[1], '+          double the learning rate, from the next batch');
			await screen.press('\u001B[F', /↑ more above/);
			assert.deepEqual(screen.help.split('\n').slice(-6), [
				'↑ k        in the matrix: cursor up',
				'↓ j        in the matrix: cursor down',
				"Enter      in the matrix: that cell's digits; after g: go",
				'Esc        leave the matrix or the number; else clear the filters',
				'Backspace  after g: delete a digit',
				'↑ more above · ↑ ↓ j k scroll · ← → keys or words · ? closes the help',
			]);
			assert.equal(screen.help.split('\n').length, 20, 'the help keeps to the rows between the header and the key line');
			assert.match(screen.lines.at(-1)!, /\? help · q quit$/);
			await screen.press('k', /↓ 1 more line below/);
			await screen.press('\u001B[H', /↓ 12 more lines below/);
		} finally {
			screen.unmount();
		}
	});

	test('80x24, the dashboard: the words page reads to its end, recall and precision included', async () => {
		const screen = await helpScreen(training, 80, 24);
		try {
			await screen.press('l', /^What the words on this screen mean/m);
			const seen = new Set(screen.help.split('\n').slice(1, -1));
			while (!/↑ more above/.test(screen.help)) {
				const below = Number(/↓ (\d+) more/.exec(screen.help)![1]);
				await screen.press('\u001B[6~', new RegExp(below <= 17 ? '↑ more above' : `↓ ${below - 17} more`));
				for (const line of screen.help.split('\n').slice(1, -1)) seen.add(line);
			}
			const words = expected('dashboardWords120');
			for (const term of ['recall', 'precision', 'probe', 'log scale', 'train and test', '784-512-10', 'loss (cross-entropy)'])
				assert.ok([...seen].some(line => line.startsWith(`${term}: `)) && words.includes(`\n${term}: `), term);
			assert.ok(seen.has('  that class is often missed.'), [...seen].join('\n'));
		} finally {
			screen.unmount();
		}
	});
});
