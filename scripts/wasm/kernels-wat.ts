/**
 * Writes the WebAssembly text of the engine's SIMD kernels (source/nn/backend/wasm/wasm-backend.ts
 * runs them); scripts/wasm/build-wasm.ts assembles it with wabt at build time.
 *
 * Why WAT from a generator rather than AssemblyScript: the kernels are
 * unrolled register tiles (every accumulator a v128 local) whose sizes are
 * parameters here, and edge tiles for every remainder are the same code
 * with smaller sizes. Text lets us say exactly which values live in locals,
 * with no runtime, allocator or GC in the module; wabt only assembles it.
 *
 * The module imports one shared memory (so views survive memory.grow and
 * several threads work on the same arrays) and exports, on row-major float32
 * matrices addressed by byte offset, the three products of a dense layer
 *   dense_forward: out = x·wᵀ + b (ReLU optional)  x: [batch, inputs], w: [outputs, inputs]
 *   weight_grad:   dw += dzᵀ·x, db += Σ dz         dz: [batch, outputs]
 *   input_grad:    dx = dz·w
 * the first layer's two that skip zero pixels (scripts/wasm/sparse-kernels-wat.ts)
 *   sparse_rows then sparse_forward, sparse_groups then sparse_weight_grad
 * the optimizers' updates: gd_step, momentum_step, adam_step; scale_bytes
 * for packing pixels; zero_fill for clearing gradients; relu and relu_grad;
 * and finite_probe, the trainer's check after each step.
 * Every product and update takes (from, to) first: it computes only that
 * part of its result (outputs for the forward and weight-gradient products,
 * inputs for input_grad, elements for the updates), so threads can share
 * one call by taking parts of it. Each result element is summed in the same
 * order whichever part it falls in, as long as parts start at multiples of
 * 8: the results do not depend on how the work was split.
 * x64 has 16 xmm registers and V8 keeps one as scratch, so a tile holds at
 * most 15 v128 values: accumulators + loaded operands + one product. Wasm
 * SIMD has no fused multiply-add without relaxed SIMD (behind a flag in
 * Node 20), so each step is a mul and an add.
 */

import {sparseInputForward, sparseInputWeightGrad} from './sparse-kernels-wat.js';

export interface Tiles {
	/** dense_forward: rows of x per tile; each tile covers 4 outputs, 4 inputs per step. */
	readonly forwardRows: number;
	/** input_grad and weight_grad: rows of the result per tile. */
	readonly outerRows: number;
	/** input_grad and weight_grad: f32x4 vectors of result columns per tile. */
	readonly outerVectors: number;
	/** sparse_weight_grad: outputs per tile, against one group of 4 inputs. */
	readonly sparseGradOutputs: number;
	/** weight_grad's loop order (input_grad goes by columns). */
	readonly weightGradOrder: 'columns' | 'rows';
}

// the fastest measured on this machine (AMD EPYC, Node 20's V8): 3x3, 3x4 and 2x5 outer tiles and 3-row forward tiles were slower
export const defaultTiles: Tiles = {forwardRows: 2, outerRows: 2, outerVectors: 4, weightGradOrder: 'columns', sparseGradOutputs: 8};

export const range = (n: number): number[] => Array.from({length: n}, (_, i) => i);
export const lines = (parts: Array<string | string[]>): string => parts.flat().join('\n');

export function kernelsWat(tiles: Tiles = defaultTiles): string {
	return lines([
		'(module',
		'  (import "env" "memory" (memory 1 65536 shared))',
		denseForward(tiles.forwardRows),
		outerProduct('$outer_columns', tiles.outerRows, tiles.outerVectors, 'columns'),
		outerProduct('$outer_rows', tiles.outerRows, tiles.outerVectors, 'rows'),
		columnSums(),
		sparseInputForward(),
		sparseInputWeightGrad(tiles.sparseGradOutputs),
		optimizerSteps(),
		scaleBytes(),
		zeroFill(),
		reluKernels(),
		finiteProbe(),
		`  (func (export "weight_grad") (param $from i32) (param $to i32) (param $dz i32) (param $x i32) (param $dw i32) (param $db i32)
    (param $batch i32) (param $inputs i32) (param $outputs i32)
    ;; dw[o][i] += Σ_r dz[r][o]·x[r][i] for o in [from, to): A(m=o, k=r) = dz[r·outputs + o]
    (call $outer_${tiles.weightGradOrder} (i32.add (local.get $dz) (i32.shl (local.get $from) (i32.const 2))) (i32.const 4) (i32.shl (local.get $outputs) (i32.const 2))
      (local.get $x) (i32.shl (local.get $inputs) (i32.const 2))
      (i32.add (local.get $dw) (i32.mul (local.get $from) (i32.shl (local.get $inputs) (i32.const 2)))) (i32.shl (local.get $inputs) (i32.const 2))
      (i32.sub (local.get $to) (local.get $from)) (local.get $inputs) (local.get $batch) (i32.const 1))
    (call $column_sums (local.get $dz) (local.get $db) (local.get $batch) (local.get $from) (local.get $to) (local.get $outputs)))`,
		`  (func (export "input_grad") (param $from i32) (param $to i32) (param $dz i32) (param $w i32) (param $dx i32)
    (param $batch i32) (param $inputs i32) (param $outputs i32)
    ;; dx[r][i] = Σ_o dz[r][o]·w[o][i] for i in [from, to): A(m=r, k=o) = dz[r·outputs + o]
    (call $outer_columns (local.get $dz) (i32.shl (local.get $outputs) (i32.const 2)) (i32.const 4)
      (i32.add (local.get $w) (i32.shl (local.get $from) (i32.const 2))) (i32.shl (local.get $inputs) (i32.const 2))
      (i32.add (local.get $dx) (i32.shl (local.get $from) (i32.const 2))) (i32.shl (local.get $inputs) (i32.const 2))
      (local.get $batch) (i32.sub (local.get $to) (local.get $from)) (local.get $outputs) (i32.const 0)))`,
		')',
		'',
	]);
}

/**
 * out[r][o] = Σ_i x[r][i]·w[o][i] + b[o]: both operands run along i, so each
 * accumulator holds four partial dot products, summed across lanes once per tile.
 */
function denseForward(rows: number): string {
	const heights = range(rows).map(h => rows - h);
	const accumulators = range(rows).flatMap(r => range(4).map(o => `$acc${r}_${o}`));
	return lines([
		`  (func (export "dense_forward") (param $from i32) (param $to i32) (param $x i32) (param $w i32) (param $b i32) (param $out i32)
    (param $batch i32) (param $inputs i32) (param $outputs i32) (param $relu i32)
    (local $r i32) (local $o i32) (local $k i32) (local $rowBytes i32) (local $outRowBytes i32)
    (local $sum v128) (local $left v128) (local $right v128) (local $product v128) (local $wv v128)`,
		`    ${range(rows).map(r => `(local $px${r} i32) (local $xv${r} v128)`).join(' ')}`,
		`    ${range(4).map(o => `(local $pw${o} i32)`).join(' ')}`,
		`    ${accumulators.map(name => `(local ${name} v128)`).join(' ')}`,
		'    (local.set $rowBytes (i32.shl (local.get $inputs) (i32.const 2)))',
		'    (local.set $outRowBytes (i32.shl (local.get $outputs) (i32.const 2)))',
		heights.map(height => lines([
			`    (block $rows${height}_done (loop $rows${height}`,
			`      (br_if $rows${height}_done (i32.gt_u (i32.add (local.get $r) (i32.const ${height})) (local.get $batch)))`,
			'      (local.set $o (local.get $from))',
			[4, 3, 2, 1].map(width => forwardTile(height, width)),
			`      (local.set $r (i32.add (local.get $r) (i32.const ${height})))`,
			`      (br $rows${height})))`,
		])),
		'  )',
	]);
}

function forwardTile(height: number, width: number): string {
	const rows = range(height), columns = range(width);
	const step = (load: string, bytes: number): string[] => [
		...rows.map(r => `          (local.set $xv${r} (${load} (local.get $px${r})))`),
		...columns.flatMap(o => [
			`          (local.set $wv (${load} (local.get $pw${o})))`,
			...rows.map(r => `          (local.set $acc${r}_${o} (f32x4.add (local.get $acc${r}_${o}) (f32x4.mul (local.get $xv${r}) (local.get $wv))))`),
		]),
		...rows.map(r => `          (local.set $px${r} (i32.add (local.get $px${r}) (i32.const ${bytes})))`),
		...columns.map(o => `          (local.set $pw${o} (i32.add (local.get $pw${o}) (i32.const ${bytes})))`),
	];
	const label = `fw${height}_${width}`;
	return lines([
		`      (block $${label}_done (loop $${label}`,
		`        (br_if $${label}_done (i32.gt_u (i32.add (local.get $o) (i32.const ${width})) (local.get $to)))`,
		...rows.map(r => `        (local.set $px${r} (i32.add (local.get $x) (i32.mul (i32.add (local.get $r) (i32.const ${r})) (local.get $rowBytes))))`),
		...columns.map(o => `        (local.set $pw${o} (i32.add (local.get $w) (i32.mul (i32.add (local.get $o) (i32.const ${o})) (local.get $rowBytes))))`),
		...rows.flatMap(r => columns.map(o => `        (local.set $acc${r}_${o} (v128.const i32x4 0 0 0 0))`)),
		// four inputs per step, then the last inputs % 4 one at a time in lane 0
		'        (local.set $k (i32.shr_u (local.get $inputs) (i32.const 2)))',
		`        (if (local.get $k) (then (loop $${label}_k`,
		...step('v128.load', 16),
		`          (br_if $${label}_k (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))))`,
		'        (local.set $k (i32.and (local.get $inputs) (i32.const 3)))',
		`        (if (local.get $k) (then (loop $${label}_tail`,
		...step('v128.load32_zero', 4),
		`          (br_if $${label}_tail (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))))`,
		...rows.map(r => width === 4 ? storeFourOutputs(r) : columns.map(o => storeOneOutput(r, o)).join('\n')),
		`        (local.set $o (i32.add (local.get $o) (i32.const ${width})))`,
		`        (br $${label})))`,
	]);
}

/**
 * Lane sums of accumulators $acc{r}_{first…first+3} as one vector (a transpose
 * done with two rounds of shuffles), plus bias, ReLU, stored at out[$r + r][$o + first…].
 */
export function storeFourOutputs(r: number, first = 0): string {
	const acc = (o: number) => `(local.get $acc${r}_${first + o})`;
	const column = first === 0 ? '(local.get $o)' : `(i32.add (local.get $o) (i32.const ${first}))`;
	// [a0 a1 a2 a3] + [a0 a1 a2 a3] lanes paired: low halves interleaved plus high halves interleaved
	const pairs = (a: string, b: string) =>
		`(f32x4.add (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 ${a} ${b}) (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 ${a} ${b}))`;
	return lines([
		`        (local.set $left ${pairs(acc(0), acc(1))})`,
		`        (local.set $right ${pairs(acc(2), acc(3))})`,
		'        (local.set $sum (f32x4.add',
		'          (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $left) (local.get $right))',
		'          (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $left) (local.get $right))))',
		`        (local.set $sum (f32x4.add (local.get $sum) (v128.load (i32.add (local.get $b) (i32.shl ${column} (i32.const 2))))))`,
		'        (if (local.get $relu) (then (local.set $sum (f32x4.max (local.get $sum) (v128.const i32x4 0 0 0 0)))))',
		`        (v128.store (i32.add (local.get $out) (i32.add (i32.mul (i32.add (local.get $r) (i32.const ${r})) (local.get $outRowBytes)) (i32.shl ${column} (i32.const 2))))`,
		'          (local.get $sum))',
	]);
}

export function storeOneOutput(r: number, o: number): string {
	const lane = (n: number) => `(f32x4.extract_lane ${n} (local.get $acc${r}_${o}))`;
	const value = `(f32.add (f32.add (f32.add ${lane(0)} ${lane(1)}) (f32.add ${lane(2)} ${lane(3)}))
            (f32.load (i32.add (local.get $b) (i32.shl (i32.add (local.get $o) (i32.const ${o})) (i32.const 2)))))`;
	const address = `(i32.add (local.get $out) (i32.add (i32.mul (i32.add (local.get $r) (i32.const ${r})) (local.get $outRowBytes)) (i32.shl (i32.add (local.get $o) (i32.const ${o})) (i32.const 2))))`;
	return lines([
		`        (f32.store ${address}`,
		`          (select (f32.max ${value} (f32.const 0)) ${value} (local.get $relu)))`,
	]);
}

/**
 * C[m][n] (+)= Σ_k A(m, k)·B[k][n] with B and C row-major: each step splats
 * one A value per row and multiplies it into a row of B, so the accumulators
 * are whole columns of C and nothing is summed across lanes. A is read
 * through two strides (bytes) so the same code serves dzᵀ·x and dz·w.
 * Columns go in blocks of 4·vectors, then narrower blocks, then one at a time.
 */
function outerProduct(name: string, rows: number, vectors: number, order: 'columns' | 'rows'): string {
	const accumulators = range(rows).flatMap(r => range(vectors).map(v => `$acc${r}_${v}`));
	const heights = range(rows).map(h => rows - h), widths = range(vectors).map(v => vectors - v);
	// columns first: a panel of B stays in L1 while every row block passes (B large, K long);
	// rows first: C is read and written in order, once (C large, K short)
	const loops = order === 'columns'
		? widths.map(width => lines([
			`    (block $cols${width}_done (loop $cols${width}`,
			`      (br_if $cols${width}_done (i32.gt_u (i32.add (local.get $n) (i32.const ${4 * width})) (local.get $N)))`,
			'      (local.set $m (i32.const 0))',
			heights.map(height => outerTile(height, width, 'm')),
			`      (local.set $n (i32.add (local.get $n) (i32.const ${4 * width})))`,
			`      (br $cols${width})))`,
		]))
		: heights.map(height => lines([
			`    (block $rows${height}_done (loop $rows${height}`,
			`      (br_if $rows${height}_done (i32.gt_u (i32.add (local.get $m) (i32.const ${height})) (local.get $M)))`,
			'      (local.set $n (i32.const 0))',
			widths.map(width => outerTile(height, width, 'n')),
			`      (local.set $m (i32.add (local.get $m) (i32.const ${height})))`,
			`      (br $rows${height})))`,
		]));
	return lines([
		`  (func ${name} (param $a i32) (param $sam i32) (param $sak i32) (param $b i32) (param $ldb i32)
    (param $c i32) (param $ldc i32) (param $M i32) (param $N i32) (param $K i32) (param $add i32)
    (local $m i32) (local $n i32) (local $k i32) (local $pb i32) (local $pc i32) (local $s v128) (local $sum f32)`,
		`    ${range(rows).map(r => `(local $pa${r} i32)`).join(' ')}`,
		`    ${range(vectors).map(v => `(local $bv${v} v128)`).join(' ')}`,
		`    ${accumulators.map(name => `(local ${name} v128)`).join(' ')}`,
		loops,
		'    (local.set $n (i32.and (local.get $N) (i32.const -4)))',
		outerColumn(),
		'  )',
	]);
}

/** One block of height x 4·width elements of C, stepping along m or n until it no longer fits. */
function outerTile(height: number, width: number, along: 'm' | 'n'): string {
	const rows = range(height), columns = range(width);
	const label = `op${height}_${width}`;
	const pc = (r: number) => `(i32.add (local.get $pc) (i32.mul (i32.const ${r}) (local.get $ldc)))`;
	const [limit, step] = along === 'm' ? ['$M', height] : ['$N', 4 * width];
	return lines([
		`      (block $${label}_done (loop $${label}`,
		`        (br_if $${label}_done (i32.gt_u (i32.add (local.get $${along}) (i32.const ${step})) (local.get ${limit})))`,
		...rows.map(r => `        (local.set $pa${r} (i32.add (local.get $a) (i32.mul (i32.add (local.get $m) (i32.const ${r})) (local.get $sam))))`),
		'        (local.set $pb (i32.add (local.get $b) (i32.shl (local.get $n) (i32.const 2))))',
		...rows.flatMap(r => columns.map(v => `        (local.set $acc${r}_${v} (v128.const i32x4 0 0 0 0))`)),
		'        (local.set $k (local.get $K))',
		`        (if (local.get $k) (then (loop $${label}_k`,
		...columns.map(v => `          (local.set $bv${v} (v128.load offset=${16 * v} (local.get $pb)))`),
		...rows.flatMap(r => [
			`          (local.set $s (v128.load32_splat (local.get $pa${r})))`,
			...columns.map(v => `          (local.set $acc${r}_${v} (f32x4.add (local.get $acc${r}_${v}) (f32x4.mul (local.get $s) (local.get $bv${v}))))`),
			`          (local.set $pa${r} (i32.add (local.get $pa${r}) (local.get $sak)))`,
		]),
		'          (local.set $pb (i32.add (local.get $pb) (local.get $ldb)))',
		`          (br_if $${label}_k (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))))`,
		'        (local.set $pc (i32.add (local.get $c) (i32.add (i32.mul (local.get $m) (local.get $ldc)) (i32.shl (local.get $n) (i32.const 2)))))',
		'        (if (local.get $add) (then',
		...rows.flatMap(r => columns.map(v =>
			`          (v128.store offset=${16 * v} ${pc(r)} (f32x4.add (v128.load offset=${16 * v} ${pc(r)}) (local.get $acc${r}_${v})))`)),
		'        ) (else',
		...rows.flatMap(r => columns.map(v => `          (v128.store offset=${16 * v} ${pc(r)} (local.get $acc${r}_${v}))`)),
		'        ))',
		`        (local.set $${along} (i32.add (local.get $${along}) (i32.const ${step})))`,
		`        (br $${label})))`,
	]);
}

/** The last N % 4 columns, one scalar dot product per element. */
function outerColumn(): string {
	return `    (block $col_done (loop $col
      (br_if $col_done (i32.ge_u (local.get $n) (local.get $N)))
      (local.set $m (i32.const 0))
      (block $col_rows_done (loop $col_rows
        (br_if $col_rows_done (i32.ge_u (local.get $m) (local.get $M)))
        (local.set $pa0 (i32.add (local.get $a) (i32.mul (local.get $m) (local.get $sam))))
        (local.set $pb (i32.add (local.get $b) (i32.shl (local.get $n) (i32.const 2))))
        (local.set $sum (f32.const 0))
        (local.set $k (local.get $K))
        (if (local.get $k) (then (loop $col_k
          (local.set $sum (f32.add (local.get $sum) (f32.mul (f32.load (local.get $pa0)) (f32.load (local.get $pb)))))
          (local.set $pa0 (i32.add (local.get $pa0) (local.get $sak)))
          (local.set $pb (i32.add (local.get $pb) (local.get $ldb)))
          (br_if $col_k (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))))
        (local.set $pc (i32.add (local.get $c) (i32.add (i32.mul (local.get $m) (local.get $ldc)) (i32.shl (local.get $n) (i32.const 2)))))
        (if (local.get $add) (then (local.set $sum (f32.add (local.get $sum) (f32.load (local.get $pc))))))
        (f32.store (local.get $pc) (local.get $sum))
        (local.set $m (i32.add (local.get $m) (i32.const 1)))
        (br $col_rows)))
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (br $col)))`;
}

/** db[o] += Σ_r dz[r][o] for o in [from, to), four columns at a time down the rows; dz rows are `outputs` long. */
function columnSums(): string {
	return `  (func $column_sums (param $dz i32) (param $db i32) (param $batch i32) (param $from i32) (param $to i32) (param $outputs i32)
    (local $o i32) (local $r i32) (local $p i32) (local $rowBytes i32) (local $sum v128) (local $one f32)
    (local.set $rowBytes (i32.shl (local.get $outputs) (i32.const 2)))
    (local.set $o (local.get $from))
    (block $vectors_done (loop $vectors
      (br_if $vectors_done (i32.gt_u (i32.add (local.get $o) (i32.const 4)) (local.get $to)))
      (local.set $sum (v128.const i32x4 0 0 0 0))
      (local.set $p (i32.add (local.get $dz) (i32.shl (local.get $o) (i32.const 2))))
      (local.set $r (local.get $batch))
      (if (local.get $r) (then (loop $rows
        (local.set $sum (f32x4.add (local.get $sum) (v128.load (local.get $p))))
        (local.set $p (i32.add (local.get $p) (local.get $rowBytes)))
        (br_if $rows (local.tee $r (i32.sub (local.get $r) (i32.const 1)))))))
      (local.set $p (i32.add (local.get $db) (i32.shl (local.get $o) (i32.const 2))))
      (v128.store (local.get $p) (f32x4.add (v128.load (local.get $p)) (local.get $sum)))
      (local.set $o (i32.add (local.get $o) (i32.const 4)))
      (br $vectors)))
    (block $singles_done (loop $singles
      (br_if $singles_done (i32.ge_u (local.get $o) (local.get $to)))
      (local.set $one (f32.const 0))
      (local.set $p (i32.add (local.get $dz) (i32.shl (local.get $o) (i32.const 2))))
      (local.set $r (local.get $batch))
      (if (local.get $r) (then (loop $single_rows
        (local.set $one (f32.add (local.get $one) (f32.load (local.get $p))))
        (local.set $p (i32.add (local.get $p) (local.get $rowBytes)))
        (br_if $single_rows (local.tee $r (i32.sub (local.get $r) (i32.const 1)))))))
      (local.set $p (i32.add (local.get $db) (i32.shl (local.get $o) (i32.const 2))))
      (f32.store (local.get $p) (f32.add (f32.load (local.get $p)) (local.get $one)))
      (local.set $o (i32.add (local.get $o) (i32.const 1)))
      (br $singles)))
  )`;
}

/**
 * The optimizers' updates, four parameters at a time and then one at a time:
 * each body is written once, with `T` the type (f32x4 or f32) and `splat`
 * turning a scalar parameter into that type.
 */
function optimizerSteps(): string {
	const update = (name: string, arrays: string[], scalars: string[], body: (T: string, splat: (name: string) => string) => string[]): string => {
		const vector = body('f32x4', scalar => `(f32x4.splat (local.get $${scalar}))`);
		const single = body('f32', scalar => `(local.get $${scalar})`);
		const advance = (bytes: number) => arrays.map(array => `(local.set $${array} (i32.add (local.get $${array}) (i32.const ${bytes})))`);
		return lines([
			`  (func (export "${name}") (param $from i32) (param $to i32) ${arrays.map(array => `(param $${array} i32)`).join(' ')} ${scalars.map(scalar => `(param $${scalar} f32)`).join(' ')}`,
			'    (local $n i32) (local $k i32) (local $a v128) (local $b v128) (local $c v128) (local $x f32) (local $y f32) (local $z f32)',
			'    (local.set $n (i32.sub (local.get $to) (local.get $from)))',
			...arrays.map(array => `    (local.set $${array} (i32.add (local.get $${array}) (i32.shl (local.get $from) (i32.const 2))))`),
			'    (local.set $k (i32.shr_u (local.get $n) (i32.const 2)))',
			`    (if (local.get $k) (then (loop $vectors`,
			...vector.map(line => `      ${line.replaceAll('LOAD', 'v128.load').replaceAll('STORE', 'v128.store').replaceAll('$x', '$a').replaceAll('$y', '$b').replaceAll('$z', '$c')}`),
			...advance(16).map(line => `      ${line}`),
			'      (br_if $vectors (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))))',
			'    (local.set $k (i32.and (local.get $n) (i32.const 3)))',
			`    (if (local.get $k) (then (loop $singles`,
			...single.map(line => `      ${line.replaceAll('LOAD', 'f32.load').replaceAll('STORE', 'f32.store')}`),
			...advance(4).map(line => `      ${line}`),
			'      (br_if $singles (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))))',
			'  )',
		]);
	};
	return lines([
		// value -= lr · grad
		update('gd_step', ['value', 'grad'], ['lr'], (T, splat) => [
			`(STORE (local.get $value) (${T}.sub (LOAD (local.get $value)) (${T}.mul ${splat('lr')} (LOAD (local.get $grad)))))`,
		]),
		// velocity = μ·velocity + grad; value -= lr · velocity
		update('momentum_step', ['value', 'grad', 'velocity'], ['lr', 'mu'], (T, splat) => [
			`(local.set $x (${T}.add (${T}.mul ${splat('mu')} (LOAD (local.get $velocity))) (LOAD (local.get $grad))))`,
			'(STORE (local.get $velocity) (local.get $x))',
			`(STORE (local.get $value) (${T}.sub (LOAD (local.get $value)) (${T}.mul ${splat('lr')} (local.get $x))))`,
		]),
		// m = β1·m + (1 − β1)·g; v = β2·v + (1 − β2)·g²; value -= stepSize · m / (sqrt(v / correction2) + ε)
		update('adam_step', ['value', 'grad', 'm', 'v'], ['stepSize', 'beta1', 'beta2', 'rest1', 'rest2', 'correction2', 'epsilon'], (T, splat) => [
			'(local.set $z (LOAD (local.get $grad)))',
			`(local.set $x (${T}.add (${T}.mul ${splat('beta1')} (LOAD (local.get $m))) (${T}.mul ${splat('rest1')} (local.get $z))))`,
			`(local.set $y (${T}.add (${T}.mul ${splat('beta2')} (LOAD (local.get $v))) (${T}.mul ${splat('rest2')} (${T}.mul (local.get $z) (local.get $z)))))`,
			'(STORE (local.get $m) (local.get $x))',
			'(STORE (local.get $v) (local.get $y))',
			`(STORE (local.get $value) (${T}.sub (LOAD (local.get $value)) (${T}.div (${T}.mul ${splat('stepSize')} (local.get $x))`,
			`  (${T}.add (${T}.sqrt (${T}.div (local.get $y) ${splat('correction2')})) ${splat('epsilon')}))))`,
		]),
	]);
}

/** dst[i] = src[i] / 255 for n bytes: the input layer's pixel scaling, 16 pixels a step. */
function scaleBytes(): string {
	const quarter = (extend16: string, extend32: string, offset: number) =>
		`      (v128.store offset=${offset} (local.get $dst) (f32x4.div (f32x4.convert_i32x4_u (${extend32} (${extend16} (local.get $v)))) (local.get $divisor)))`;
	return `  (func (export "scale_bytes") (param $src i32) (param $dst i32) (param $n i32)
    (local $k i32) (local $v v128) (local $divisor v128)
    (local.set $divisor (f32x4.splat (f32.const 255)))
    (local.set $k (i32.shr_u (local.get $n) (i32.const 4)))
    (if (local.get $k) (then (loop $vectors
      (local.set $v (v128.load (local.get $src)))
${quarter('i16x8.extend_low_i8x16_u', 'i32x4.extend_low_i16x8_u', 0)}
${quarter('i16x8.extend_low_i8x16_u', 'i32x4.extend_high_i16x8_u', 16)}
${quarter('i16x8.extend_high_i8x16_u', 'i32x4.extend_low_i16x8_u', 32)}
${quarter('i16x8.extend_high_i8x16_u', 'i32x4.extend_high_i16x8_u', 48)}
      (local.set $src (i32.add (local.get $src) (i32.const 16)))
      (local.set $dst (i32.add (local.get $dst) (i32.const 64)))
      (br_if $vectors (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))))
    (local.set $k (i32.and (local.get $n) (i32.const 15)))
    (if (local.get $k) (then (loop $singles
      (f32.store (local.get $dst) (f32.div (f32.convert_i32_u (i32.load8_u (local.get $src))) (f32.const 255)))
      (local.set $src (i32.add (local.get $src) (i32.const 1)))
      (local.set $dst (i32.add (local.get $dst) (i32.const 4)))
      (br_if $singles (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))))
  )`;
}

/**
 * Σ x·0 over values [from, to) of p: 0 when every one is finite, NaN as soon
 * as one is ±Infinity or NaN, and then 1 is stored at `flag` (threads
 * checking other parts may store it too). Eight floats a step in two
 * accumulators, so the check after every training step costs a small
 * fraction of the step.
 */
function finiteProbe(): string {
	const lane = (index: number) => `(f32x4.extract_lane ${index} (local.get $a))`;
	return `  (func (export "finite_probe") (param $from i32) (param $to i32) (param $p i32) (param $flag i32)
    (local $k i32) (local $a v128) (local $b v128) (local $zero v128) (local $sum f32)
    (local.set $p (i32.add (local.get $p) (i32.shl (local.get $from) (i32.const 2))))
    (local.set $k (i32.shr_u (i32.sub (local.get $to) (local.get $from)) (i32.const 3)))
    (if (local.get $k) (then (loop $vectors
      (local.set $a (f32x4.add (local.get $a) (f32x4.mul (v128.load (local.get $p)) (local.get $zero))))
      (local.set $b (f32x4.add (local.get $b) (f32x4.mul (v128.load offset=16 (local.get $p)) (local.get $zero))))
      (local.set $p (i32.add (local.get $p) (i32.const 32)))
      (br_if $vectors (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))))
    (local.set $a (f32x4.add (local.get $a) (local.get $b)))
    (local.set $sum (f32.add (f32.add ${lane(0)} ${lane(1)}) (f32.add ${lane(2)} ${lane(3)})))
    (local.set $k (i32.and (i32.sub (local.get $to) (local.get $from)) (i32.const 7)))
    (if (local.get $k) (then (loop $singles
      (local.set $sum (f32.add (local.get $sum) (f32.mul (f32.load (local.get $p)) (f32.const 0))))
      (local.set $p (i32.add (local.get $p) (i32.const 4)))
      (br_if $singles (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))))
    (if (f32.ne (local.get $sum) (f32.const 0)) (then (i32.store (local.get $flag) (i32.const 1))))
  )`;
}

/** p[from…to) = 0, sixteen floats a step: clearing the gradients before each step, shared among threads. */
function zeroFill(): string {
	return `  (func (export "zero_fill") (param $from i32) (param $to i32) (param $p i32)
    (local $end i32) (local $zero v128)
    (local.set $end (i32.add (local.get $p) (i32.shl (local.get $to) (i32.const 2))))
    (local.set $p (i32.add (local.get $p) (i32.shl (local.get $from) (i32.const 2))))
    (block $vectors_done (loop $vectors
      (br_if $vectors_done (i32.gt_u (i32.add (local.get $p) (i32.const 64)) (local.get $end)))
      (v128.store (local.get $p) (local.get $zero))
      (v128.store offset=16 (local.get $p) (local.get $zero))
      (v128.store offset=32 (local.get $p) (local.get $zero))
      (v128.store offset=48 (local.get $p) (local.get $zero))
      (local.set $p (i32.add (local.get $p) (i32.const 64)))
      (br $vectors)))
    (block $singles_done (loop $singles
      (br_if $singles_done (i32.ge_u (local.get $p) (local.get $end)))
      (f32.store (local.get $p) (f32.const 0))
      (local.set $p (i32.add (local.get $p) (i32.const 4)))
      (br $singles)))
  )`;
}

/**
 * ReLU in place and its backward mask, four values a step, exactly as
 * source/nn/relu.ts's loops: x < 0 becomes 0 (NaN and -0 stay), and the
 * gradient is kept where the output is > 0 (not where it is 0 or NaN).
 *   relu:      p[i] = p[i] < 0 ? 0 : p[i]          for i in [from, to)
 *   relu_grad: grad[i] = out[i] > 0 ? grad[i] : 0  for i in [from, to)
 */
function reluKernels(): string {
	const loop = (name: string, params: string, setup: string[], vector: string, single: string) => `  (func (export "${name}") (param $from i32) (param $to i32) ${params}
    (local $k i32) (local $v v128)
${setup.map(line => `    ${line}`).join('\n')}
    (local.set $k (i32.shr_u (i32.sub (local.get $to) (local.get $from)) (i32.const 2)))
    (if (local.get $k) (then (loop $vectors
      ${vector}
      (br_if $vectors (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))))
    (local.set $k (i32.and (i32.sub (local.get $to) (local.get $from)) (i32.const 3)))
    (if (local.get $k) (then (loop $singles
      ${single}
      (br_if $singles (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))))
  )`;
	const at = (array: string) => `(local.set $${array} (i32.add (local.get $${array}) (i32.shl (local.get $from) (i32.const 2))))`;
	const step = (arrays: string[], bytes: number) => arrays.map(array => `(local.set $${array} (i32.add (local.get $${array}) (i32.const ${bytes})))`).join(' ');
	return lines([
		loop('relu', '(param $p i32)', [at('p')],
			`(local.set $v (v128.load (local.get $p)))
      (v128.store (local.get $p) (v128.andnot (local.get $v) (f32x4.lt (local.get $v) (v128.const i32x4 0 0 0 0))))
      ${step(['p'], 16)}`,
			`(if (f32.lt (f32.load (local.get $p)) (f32.const 0)) (then (f32.store (local.get $p) (f32.const 0))))
      ${step(['p'], 4)}`),
		loop('relu_grad', '(param $grad i32) (param $out i32)', [at('grad'), at('out')],
			`(v128.store (local.get $grad) (v128.and (v128.load (local.get $grad)) (f32x4.gt (v128.load (local.get $out)) (v128.const i32x4 0 0 0 0))))
      ${step(['grad', 'out'], 16)}`,
			`(if (i32.eqz (f32.gt (f32.load (local.get $out)) (f32.const 0))) (then (f32.store (local.get $grad) (f32.const 0))))
      ${step(['grad', 'out'], 4)}`),
	]);
}
