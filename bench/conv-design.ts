/**
 * Which convolution kernels are faster on this machine, on the default cnn's
 * two layers at batch 128, one thread. The forward: im2col, then the
 * register-tiled outer product of scripts/wasm/outer-wat.ts
 * (conv_forward_im2col in scripts/wasm/conv-wat.ts), or direct kernels that
 * read the input's shifted rows in place (scripts/wasm/conv-forward-wat.ts;
 * the engine's is 4 filters × 2 vectors), in several tile shapes. The weight
 * gradient: im2col and dot products, or direct
 * (scripts/wasm/conv-weight-grad-wat.ts; the engine's is 2 filters × 4). Rounds alternate between the kernels, best of each
 * (the least disturbed on a shared machine); the results are checked
 * against each other first.
 *
 * npx tsx bench/conv-design.ts [--filters 8,16] [--rounds 7]
 */
import {parseArgs} from 'node:util';
import wabt from 'wabt';
import {directConvForward} from '../scripts/wasm/conv-forward-wat.js';
import {im2colKernels} from '../scripts/wasm/conv-wat.js';
import {directConvWeightGrad} from '../scripts/wasm/conv-weight-grad-wat.js';
import {kernelsWat} from '../scripts/wasm/kernels-wat.js';
import {lines} from '../scripts/wasm/wat-text.js';
import {webAssembly} from '../source/nn/backend/wasm/wasm-module.js';
import type {ConvGeometry} from '../source/nn/image-shape.js';
import {Rng} from '../source/nn/rng.js';
import {convMultiplyAdds} from './conv-kernels.js';

const {values} = parseArgs({options: {filters: {type: 'string', default: '8,16'}, rounds: {type: 'string', default: '7'}}});
const [first, second] = values.filters.split(',').map(Number) as [number, number];
const rounds = Number(values.rounds);
const batch = 128;
const tiles: Array<[number, number]> = [
	[2, 4],
	[4, 2],
	[2, 3],
	[3, 2],
	[4, 3],
];

const wasm = webAssembly!;
const memory = new wasm.Memory({initial: 2048, maximum: 65_536, shared: true});
const toolkit = await wabt();
type Kernel = (...args: number[]) => void;
/** The exports of a module of this text, on the shared memory. */
const instantiate = (text: string): Record<string, Kernel> => {
	const parsed = toolkit.parseWat('conv.wat', text, {simd: true, threads: true, bulk_memory: true});
	const module = new wasm.Module(parsed.toBinary({}).buffer);
	parsed.destroy();
	return new wasm.Instance(module, {env: {memory}}).exports as Record<string, Kernel>;
};
// the engine's module with the im2col forward beside its own
const engine = instantiate(kernelsWat().replace(/\)\s*$/, lines([im2colKernels(), directConvWeightGrad(1, 'conv_weight_grad_1'), ')'])));
const direct = tiles.map(([filters, vectors]) => ({
	name: `direct ${filters} filters × ${vectors} vectors${filters === 4 && vectors === 2 ? ' (the engine)' : ''}`,
	kernel: instantiate(`(module\n  (import "env" "memory" (memory 1 65536 shared))\n${directConvForward(filters, vectors)}\n)`)
		.conv_forward!,
}));

let top = 0;
const allocate = (length: number): Float32Array => {
	const array = new Float32Array(memory.buffer, top, length);
	top += Math.ceil(length / 4) * 16;
	return array;
};

for (const g of [
	{channels: 1, height: 28, width: 28, filters: first, kernel: 5},
	{channels: first, height: 12, width: 12, filters: second, kernel: 5},
] satisfies ConvGeometry[]) {
	top = 0;
	const rng = new Rng(3);
	const oh = g.height - g.kernel + 1,
		ow = g.width - g.kernel + 1;
	const random = (length: number) => allocate(length).map(() => rng.next() * 2 - 1);
	const a = random(batch * g.channels * g.height * g.width),
		w = random(g.filters * g.channels * g.kernel * g.kernel),
		b = random(g.filters);
	const dz = random(batch * g.filters * oh * ow);
	const out = allocate(batch * g.filters * oh * ow),
		dw = allocate(w.length),
		db = allocate(b.length);
	const slot = Math.ceil((g.channels * g.kernel * g.kernel * oh * ow) / 4) * 16;
	const scratch = allocate(slot / 4).byteOffset;
	const shape = [g.channels, g.height, g.width, g.filters, g.kernel];
	const gflop = (2 * batch * convMultiplyAdds(g)) / 1e9;
	const what = `${g.channels}×${g.height}×${g.width} → ${g.filters} filters of ${g.kernel}×${g.kernel}, batch ${batch}, one thread`;
	compare(`${what}, forward + ReLU:`, out, gflop, [
		{
			name: 'im2col + outer product',
			run: () =>
				engine.conv_forward_im2col!(0, batch, a.byteOffset, w.byteOffset, b.byteOffset, out.byteOffset, ...shape, 1, scratch, slot),
		},
		...direct.map(({name, kernel}) => ({
			name,
			run: () => kernel(0, batch, a.byteOffset, w.byteOffset, b.byteOffset, out.byteOffset, ...shape, 1),
		})),
	]);
	const rows = g.channels * g.kernel * g.kernel;
	const weightArgs = [dz.byteOffset, a.byteOffset, dw.byteOffset, db.byteOffset, batch, ...shape];
	compare(
		`${what}, dW += dZ ⋆ A and db:`,
		dw,
		gflop,
		[
			{
				name: 'im2col + dot products (the engine when a row has fewer than 16 outputs)',
				run: () => engine.conv_weight_grad_im2col!(0, rows, ...weightArgs, scratch, slot),
			},
			{
				name: 'direct 2 filters × 4 (c, i, j) (the engine from 16 outputs a row)',
				run: () => engine.conv_weight_grad!(0, rows, ...weightArgs),
			},
			{name: 'direct 1 filter × 4 (c, i, j)', run: () => engine.conv_weight_grad_1!(0, rows, ...weightArgs)},
		],
		() => {
			dw.fill(0);
			db.fill(0);
		},
	);
}

/** Each candidate's result checked against the first's, then their best times over alternating rounds. */
function compare(
	title: string,
	result: Float32Array,
	gflop: number,
	candidates: Array<{name: string; run: () => void}>,
	reset = () => {},
): void {
	const check = new Float32Array(result.length);
	candidates.forEach(({name, run}, index) => {
		result.fill(Number.NaN);
		reset();
		run();
		if (index === 0) check.set(result);
		const worst = result.reduce((most, value, i) => Math.max(most, Math.abs(value - check[i]!) / (1 + Math.abs(check[i]!))), 0);
		if (!(worst < 1e-4)) throw new Error(`${name} differs from ${candidates[0]!.name} by ${worst}`);
	});
	const best = candidates.map(() => Infinity);
	for (let round = 0; round < rounds; round++) {
		candidates.forEach(({run}, index) => {
			run();
			const started = performance.now();
			for (let call = 0; call < 5; call++) run();
			best[index] = Math.min(best[index]!, (performance.now() - started) / 5);
		});
	}
	console.log(`\n${title}`);
	candidates.forEach(({name}, index) => {
		const ms = best[index]!;
		console.log(
			`  ${name.padEnd(72)} ${ms.toFixed(3)} ms  ${(gflop / (ms / 1000)).toFixed(1)} GFLOP/s  ${(ms / best[0]!).toFixed(2)}x the first's time`,
		);
	});
}
