/**
 * The convolution's kernels (source/nn/conv2d.ts has them as plain loops).
 * Activations are [batch, C·H·W], channel-major; weights [F, C·K·K]. The
 * forward reads the input in place (conv-forward-wat.ts). The input
 * gradient is a product and a col2im: dcolT = wᵀ · dz ($outer_columns),
 * whose row (c, i, j) holds the gradient of a[c][y+i][x+j] from every output
 * (y, x), then da = those rows added back where they came from. The weight
 * gradient has two kernels: conv_weight_grad reads the input in place
 * (conv-weight-grad-wat.ts), conv_weight_grad_im2col copies the rows
 * (c, i, j) of colT (the input's K·K shifted copies) and takes dot products
 * dw += dz · colTᵀ; the backend picks by the width of the output.
 * dcolT and colT live in the calling thread's slot of a scratch area
 * (`$thread`, set once per instance, picks the slot), so they are written
 * and read while in that core's cache. The forward and input gradient go
 * image by image ([from, to) are images), the weight gradients by (c, i, j)
 * ([from, to) are columns of dw), so each result is summed in the same
 * order however the work is cut: threads give bit-identical numbers.
 *
 * bench/conv-design.ts measures them against each other, and the forward
 * against im2col and the outer product (im2colKernels below), at batch 128,
 * one thread: the direct forward took about 24% less time on both layers of
 * the default cnn; the direct weight gradient 14 to 22% less on first
 * layers (24 outputs a row; 8, 12 and 16 filters), but 5, 12 and 17% more on
 * the second layers (8 outputs a row) of the 8/16, 12/24 and 16/32 cnn.
 */
import {directConvForward} from './conv-forward-wat.js';
import {biasGradient, directConvWeightGrad} from './conv-weight-grad-wat.js';
import {addLaneSums} from './lane-sums-wat.js';
import {lines, range} from './wat-text.js';

/** The alternative forward the engine does not use, for bench/conv-design.ts to assemble beside the engine's kernels. */
export const im2colKernels = (): string => im2colForward();

export function convKernels(): string {
	return lines([
		'  (global $thread (mut i32) (i32.const 0))',
		'  (func (export "set_thread") (param $index i32) (global.set $thread (local.get $index)))',
		im2colRows(),
		col2im(),
		dotRows(2),
		directConvForward(4, 2),
		directConvWeightGrad(2),
		im2colWeightGrad('conv_weight_grad_im2col'),
		convInputGrad(),
	]);
}

/** Copies `n` floats from $s to $d (both advanced past them), four at a time, or adds them to what is at $d when `add`. */
function copyRun(n: string, add: boolean): string {
	const vector = add
		? '(v128.store (local.get $d) (f32x4.add (v128.load (local.get $d)) (v128.load (local.get $s))))'
		: '(v128.store (local.get $d) (v128.load (local.get $s)))';
	const single = add
		? '(f32.store (local.get $d) (f32.add (f32.load (local.get $d)) (f32.load (local.get $s))))'
		: '(f32.store (local.get $d) (f32.load (local.get $s)))';
	return `        (local.set $n (i32.shr_u ${n} (i32.const 2)))
        (if (local.get $n) (then (loop $vectors
          ${vector}
          (local.set $s (i32.add (local.get $s) (i32.const 16)))
          (local.set $d (i32.add (local.get $d) (i32.const 16)))
          (br_if $vectors (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))))
        (local.set $n (i32.and ${n} (i32.const 3)))
        (if (local.get $n) (then (loop $singles
          ${single}
          (local.set $s (i32.add (local.get $s) (i32.const 4)))
          (local.set $d (i32.add (local.get $d) (i32.const 4)))
          (br_if $singles (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))))`;
}

/** Rows [from, to) of one image's colT, written one after another from $col: row (c, i, j), output (y, x) is a[c][y+i][x+j]. */
function im2colRows(): string {
	return `  (func $im2col_rows (param $a i32) (param $col i32) (param $from i32) (param $to i32) (param $H i32) (param $W i32) (param $K i32)
    (local $kk i32) (local $KK i32) (local $oh i32) (local $ow i32) (local $rem i32) (local $src i32) (local $y i32) (local $s i32) (local $d i32) (local $n i32)
    (local.set $KK (i32.mul (local.get $K) (local.get $K)))
    (local.set $oh (i32.add (i32.sub (local.get $H) (local.get $K)) (i32.const 1)))
    (local.set $ow (i32.add (i32.sub (local.get $W) (local.get $K)) (i32.const 1)))
    (local.set $d (local.get $col))
    (local.set $kk (local.get $from))
    (block $rows_done (loop $rows
      (br_if $rows_done (i32.ge_u (local.get $kk) (local.get $to)))
      (local.set $rem (i32.rem_u (local.get $kk) (local.get $KK)))
      ;; a + ((c·H + i)·W + j)·4
      (local.set $src (i32.add (local.get $a) (i32.shl (i32.add
        (i32.mul (i32.add (i32.mul (i32.div_u (local.get $kk) (local.get $KK)) (local.get $H)) (i32.div_u (local.get $rem) (local.get $K))) (local.get $W))
        (i32.rem_u (local.get $rem) (local.get $K))) (i32.const 2))))
      (local.set $y (local.get $oh))
      (loop $lines
        (local.set $s (local.get $src))
${copyRun('(local.get $ow)', false)}
        (local.set $src (i32.add (local.get $src) (i32.shl (local.get $W) (i32.const 2))))
        (br_if $lines (local.tee $y (i32.sub (local.get $y) (i32.const 1)))))
      (local.set $kk (i32.add (local.get $kk) (i32.const 1)))
      (br $rows)))
  )`;
}

/** da = 0, then each row (c, i, j) of dcolT added back at a[c][y+i][x+j], rows in order. */
function col2im(): string {
	return `  (func $col2im (param $dcol i32) (param $da i32) (param $C i32) (param $H i32) (param $W i32) (param $K i32)
    (local $kk i32) (local $KK i32) (local $CKK i32) (local $oh i32) (local $ow i32) (local $rem i32) (local $dst i32) (local $y i32) (local $s i32) (local $d i32) (local $n i32)
    (local.set $KK (i32.mul (local.get $K) (local.get $K)))
    (local.set $CKK (i32.mul (local.get $C) (local.get $KK)))
    (local.set $oh (i32.add (i32.sub (local.get $H) (local.get $K)) (i32.const 1)))
    (local.set $ow (i32.add (i32.sub (local.get $W) (local.get $K)) (i32.const 1)))
    (memory.fill (local.get $da) (i32.const 0) (i32.shl (i32.mul (i32.mul (local.get $C) (local.get $H)) (local.get $W)) (i32.const 2)))
    (local.set $s (local.get $dcol))
    (block $rows_done (loop $rows
      (br_if $rows_done (i32.ge_u (local.get $kk) (local.get $CKK)))
      (local.set $rem (i32.rem_u (local.get $kk) (local.get $KK)))
      (local.set $dst (i32.add (local.get $da) (i32.shl (i32.add
        (i32.mul (i32.add (i32.mul (i32.div_u (local.get $kk) (local.get $KK)) (local.get $H)) (i32.div_u (local.get $rem) (local.get $K))) (local.get $W))
        (i32.rem_u (local.get $rem) (local.get $K))) (i32.const 2))))
      (local.set $y (local.get $oh))
      (loop $lines
        (local.set $d (local.get $dst))
${copyRun('(local.get $ow)', true)}
        (local.set $dst (i32.add (local.get $dst) (i32.shl (local.get $W) (i32.const 2))))
        (br_if $lines (local.tee $y (i32.sub (local.get $y) (i32.const 1)))))
      (local.set $kk (i32.add (local.get $kk) (i32.const 1)))
      (br $rows)))
  )`;
}

/**
 * C[m][n] += Σ_k A[m][k]·B[n][k] (rows of A and B along k, strides in
 * bytes): tiles of `rows` x 4, four k a step with the last K % 4 in lane 0,
 * then each accumulator's lanes summed as (l0 + l2) + (l1 + l3) whatever
 * the tile's width, so a result does not depend on which tile it fell in.
 */
function dotRows(rows: number): string {
	const heights = range(rows).map(h => rows - h);
	const accumulators = range(rows).flatMap(r => range(4).map(o => `$acc${r}_${o}`));
	return lines([
		`  (func $dot_rows (param $A i32) (param $lda i32) (param $B i32) (param $ldb i32) (param $C i32) (param $ldc i32)
    (param $M i32) (param $N i32) (param $K i32)
    (local $m i32) (local $n i32) (local $k i32) (local $left v128) (local $right v128) (local $sum v128) (local $bv v128) (local $pc i32)`,
		`    ${range(rows)
			.map(r => `(local $pa${r} i32) (local $av${r} v128)`)
			.join(' ')}`,
		`    ${range(4)
			.map(o => `(local $pb${o} i32)`)
			.join(' ')}`,
		`    ${accumulators.map(name => `(local ${name} v128)`).join(' ')}`,
		heights.map(height =>
			lines([
				`    (block $rows${height}_done (loop $rows${height}`,
				`      (br_if $rows${height}_done (i32.gt_u (i32.add (local.get $m) (i32.const ${height})) (local.get $M)))`,
				'      (local.set $n (i32.const 0))',
				[4, 3, 2, 1].map(width => dotTile(height, width)),
				`      (local.set $m (i32.add (local.get $m) (i32.const ${height})))`,
				`      (br $rows${height})))`,
			]),
		),
		'  )',
	]);
}

function dotTile(height: number, width: number): string {
	const rows = range(height),
		columns = range(width);
	const step = (load: string, bytes: number): string[] => [
		...rows.map(r => `          (local.set $av${r} (${load} (local.get $pa${r})))`),
		...columns.flatMap(o => [
			`          (local.set $bv (${load} (local.get $pb${o})))`,
			...rows.map(
				r => `          (local.set $acc${r}_${o} (f32x4.add (local.get $acc${r}_${o}) (f32x4.mul (local.get $av${r}) (local.get $bv))))`,
			),
		]),
		...rows.map(r => `          (local.set $pa${r} (i32.add (local.get $pa${r}) (i32.const ${bytes})))`),
		...columns.map(o => `          (local.set $pb${o} (i32.add (local.get $pb${o}) (i32.const ${bytes})))`),
	];
	const label = `dot${height}_${width}`;
	const pc = (r: number) =>
		`(local.set $pc (i32.add (local.get $C) (i32.add (i32.mul (i32.add (local.get $m) (i32.const ${r})) (local.get $ldc)) (i32.shl (local.get $n) (i32.const 2)))))`;
	const store = (r: number): string => addLaneSums(pc(r), r, columns);
	return lines([
		`      (block $${label}_done (loop $${label}`,
		`        (br_if $${label}_done (i32.gt_u (i32.add (local.get $n) (i32.const ${width})) (local.get $N)))`,
		...rows.map(
			r => `        (local.set $pa${r} (i32.add (local.get $A) (i32.mul (i32.add (local.get $m) (i32.const ${r})) (local.get $lda))))`,
		),
		...columns.map(
			o => `        (local.set $pb${o} (i32.add (local.get $B) (i32.mul (i32.add (local.get $n) (i32.const ${o})) (local.get $ldb))))`,
		),
		...rows.flatMap(r => columns.map(o => `        (local.set $acc${r}_${o} (v128.const i32x4 0 0 0 0))`)),
		'        (local.set $k (i32.shr_u (local.get $K) (i32.const 2)))',
		`        (if (local.get $k) (then (loop $${label}_k`,
		...step('v128.load', 16),
		`          (br_if $${label}_k (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))))`,
		'        (local.set $k (i32.and (local.get $K) (i32.const 3)))',
		`        (if (local.get $k) (then (loop $${label}_tail`,
		...step('v128.load32_zero', 4),
		`          (br_if $${label}_tail (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))))`,
		...rows.map(store),
		`        (local.set $n (i32.add (local.get $n) (i32.const ${width})))`,
		`        (br $${label})))`,
	]);
}

/** The locals every convolution kernel works out from C, H, W, F, K and the scratch slot of this thread. */
const geometry = `    (local $r i32) (local $oh i32) (local $ow i32) (local $P i32) (local $CKK i32) (local $inBytes i32) (local $outBytes i32) (local $col i32)
    (local.set $oh (i32.add (i32.sub (local.get $H) (local.get $K)) (i32.const 1)))
    (local.set $ow (i32.add (i32.sub (local.get $W) (local.get $K)) (i32.const 1)))
    (local.set $P (i32.mul (local.get $oh) (local.get $ow)))
    (local.set $CKK (i32.mul (local.get $C) (i32.mul (local.get $K) (local.get $K))))
    (local.set $inBytes (i32.shl (i32.mul (i32.mul (local.get $C) (local.get $H)) (local.get $W)) (i32.const 2)))
    (local.set $outBytes (i32.shl (i32.mul (local.get $F) (local.get $P)) (i32.const 2)))
    (local.set $col (i32.add (local.get $scratch) (i32.mul (global.get $thread) (local.get $slot))))`;

const geometryParams = '(param $C i32) (param $H i32) (param $W i32) (param $F i32) (param $K i32)';

/**
 * The alternative forward, z[r] = w · colT + b for images r in [from, to): the
 * bias written first, the product added to it; then max(0, ·) when relu.
 * Not in the engine's module: the direct kernel (conv-forward-wat.ts) was
 * faster; bench/conv-design.ts assembles this one beside it to compare.
 */
function im2colForward(): string {
	return `  (func (export "conv_forward_im2col") (param $from i32) (param $to i32) (param $a i32) (param $w i32) (param $b i32) (param $z i32)
    ${geometryParams} (param $relu i32) (param $scratch i32) (param $slot i32)
    (local $f i32) (local $p i32) (local $n i32) (local $v v128) (local $bias f32)
${geometry}
    (local.set $r (local.get $from))
    (block $images_done (loop $images
      (br_if $images_done (i32.ge_u (local.get $r) (local.get $to)))
      (call $im2col_rows (i32.add (local.get $a) (i32.mul (local.get $r) (local.get $inBytes))) (local.get $col) (i32.const 0) (local.get $CKK)
        (local.get $H) (local.get $W) (local.get $K))
      ;; every output of filter f starts at b[f]
      (local.set $p (i32.add (local.get $z) (i32.mul (local.get $r) (local.get $outBytes))))
      (local.set $f (i32.const 0))
      (block $bias_done (loop $bias
        (br_if $bias_done (i32.ge_u (local.get $f) (local.get $F)))
        (local.set $bias (f32.load (i32.add (local.get $b) (i32.shl (local.get $f) (i32.const 2)))))
        (local.set $v (f32x4.splat (local.get $bias)))
        (local.set $n (i32.shr_u (local.get $P) (i32.const 2)))
        (if (local.get $n) (then (loop $vectors
          (v128.store (local.get $p) (local.get $v))
          (local.set $p (i32.add (local.get $p) (i32.const 16)))
          (br_if $vectors (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))))
        (local.set $n (i32.and (local.get $P) (i32.const 3)))
        (if (local.get $n) (then (loop $singles
          (f32.store (local.get $p) (local.get $bias))
          (local.set $p (i32.add (local.get $p) (i32.const 4)))
          (br_if $singles (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))))
        (local.set $f (i32.add (local.get $f) (i32.const 1)))
        (br $bias)))
      (local.set $p (i32.add (local.get $z) (i32.mul (local.get $r) (local.get $outBytes))))
      (call $outer_columns (local.get $w) (i32.shl (local.get $CKK) (i32.const 2)) (i32.const 4)
        (local.get $col) (i32.shl (local.get $P) (i32.const 2))
        (local.get $p) (i32.shl (local.get $P) (i32.const 2))
        (local.get $F) (local.get $P) (local.get $CKK) (i32.const 1))
      (if (local.get $relu) (then
        (local.set $n (i32.shr_u (i32.mul (local.get $F) (local.get $P)) (i32.const 2)))
        (if (local.get $n) (then (loop $relu_vectors
          (v128.store (local.get $p) (f32x4.max (v128.load (local.get $p)) (v128.const i32x4 0 0 0 0)))
          (local.set $p (i32.add (local.get $p) (i32.const 16)))
          (br_if $relu_vectors (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))))
        (local.set $n (i32.and (i32.mul (local.get $F) (local.get $P)) (i32.const 3)))
        (if (local.get $n) (then (loop $relu_singles
          (f32.store (local.get $p) (f32.max (f32.load (local.get $p)) (f32.const 0)))
          (local.set $p (i32.add (local.get $p) (i32.const 4)))
          (br_if $relu_singles (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))))))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $images)))
  )`;
}

/**
 * dw[f][kk] += Σ_r Σ_p dz[r][f][p]·colT_r[kk][p] for kk in [from, to), image
 * by image; the part with kk = 0 also adds db[f] += Σ_r Σ_p dz[r][f][p].
 */
function im2colWeightGrad(name: string): string {
	return `  (func (export "${name}") (param $from i32) (param $to i32) (param $dz i32) (param $a i32) (param $dw i32) (param $db i32)
    (param $batch i32) ${geometryParams} (param $scratch i32) (param $slot i32)
    (local $f i32) (local $p i32) (local $n i32) (local $sum v128)
${geometry}
    (local.set $r (i32.const 0))
    (block $images_done (loop $images
      (br_if $images_done (i32.ge_u (local.get $r) (local.get $batch)))
      (call $im2col_rows (i32.add (local.get $a) (i32.mul (local.get $r) (local.get $inBytes))) (local.get $col) (local.get $from) (local.get $to)
        (local.get $H) (local.get $W) (local.get $K))
      (call $dot_rows (i32.add (local.get $dz) (i32.mul (local.get $r) (local.get $outBytes))) (i32.shl (local.get $P) (i32.const 2))
        (local.get $col) (i32.shl (local.get $P) (i32.const 2))
        (i32.add (local.get $dw) (i32.shl (local.get $from) (i32.const 2))) (i32.shl (local.get $CKK) (i32.const 2))
        (local.get $F) (i32.sub (local.get $to) (local.get $from)) (local.get $P))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $images)))
${biasGradient()}
  )`;
}

/** da[r] for images r in [from, to): dcolT = wᵀ · dz[r] (A(m = kk, k = f) = w[f][kk]), then col2im. */
function convInputGrad(): string {
	return `  (func (export "conv_input_grad") (param $from i32) (param $to i32) (param $dz i32) (param $w i32) (param $da i32)
    ${geometryParams} (param $scratch i32) (param $slot i32)
${geometry}
    (local.set $r (local.get $from))
    (block $images_done (loop $images
      (br_if $images_done (i32.ge_u (local.get $r) (local.get $to)))
      (call $outer_columns (local.get $w) (i32.const 4) (i32.shl (local.get $CKK) (i32.const 2))
        (i32.add (local.get $dz) (i32.mul (local.get $r) (local.get $outBytes))) (i32.shl (local.get $P) (i32.const 2))
        (local.get $col) (i32.shl (local.get $P) (i32.const 2))
        (local.get $CKK) (local.get $P) (local.get $F) (i32.const 0))
      (call $col2im (local.get $col) (i32.add (local.get $da) (i32.mul (local.get $r) (local.get $inBytes)))
        (local.get $C) (local.get $H) (local.get $W) (local.get $K))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $images)))
  )`;
}
