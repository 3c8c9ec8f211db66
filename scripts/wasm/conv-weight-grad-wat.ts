/**
 * conv_weight_grad done directly, reading the input's shifted rows in place
 * (no im2col): dw[f][kk] += Σ_r Σ_y Σ_x dz[r][f][y][x]·a[r][c][y+i][x+j] for
 * kk = (c, i, j) in [from, to); the part with kk = 0 also adds
 * db[f] += Σ_r Σ_p dz[r][f][p]. Tiles of `rows` filters × 4 kk, the
 * accumulators' lanes along x, four outputs a step and the last OW % 4 in
 * lane 0, every image of a chunk of 8 into the same accumulators; then each
 * tile's sums are added to dw as (l0 + l2) + (l1 + l3) whatever the tile's
 * width, so a result does not depend on how the kk are shared out. The
 * chunks keep what the tiles read in the core's L2 cache (a whole batch of
 * the 16/32 cnn's second layer is 2 MB).
 *
 * Measured (bench/conv-design.ts, batch 128, one thread, medians of 3 runs
 * of 15 rounds): 2 filters × 4 took 0.72 ms against im2col and dot
 * products' 0.92 ms on the first layer of the default cnn, 1.63 ms against
 * 1.56 ms on the second; with the lane sums once per image instead of once
 * per batch the second took 1.7 times im2col's; 1 filter × 4 was slower on
 * both, 3 × 4 would need more than the 15 registers.
 */
import {addLaneSums} from './lane-sums-wat.js';
import {lines, range} from './wat-text.js';

/** Images whose sums a tile keeps in its accumulators before adding them to dw: 8 of the default cnn's first layer are 170 KB. */
const chunk = 8;

export function directConvWeightGrad(rows: number, name = 'conv_weight_grad'): string {
	const heights = range(rows).map(h => rows - h);
	return lines([
		`  (func (export "${name}") (param $from i32) (param $to i32) (param $dz i32) (param $a i32) (param $dw i32) (param $db i32)
    (param $batch i32) (param $C i32) (param $H i32) (param $W i32) (param $F i32) (param $K i32)
    (local $r i32) (local $first i32) (local $end i32) (local $oh i32) (local $ow i32) (local $P i32) (local $CKK i32) (local $KK i32) (local $inBytes i32) (local $outBytes i32)
    (local $img i32) (local $grads i32) (local $m i32) (local $n i32) (local $y i32) (local $x i32) (local $rem i32) (local $skip i32) (local $pc i32)
    (local $f i32) (local $p i32) (local $sum v128) (local $left v128) (local $right v128) (local $bv v128)`,
		`    ${range(rows)
			.map(r => `(local $pd${r} i32) (local $dv${r} v128) (local $dofs${r} i32)`)
			.join(' ')} ${range(4)
			.map(o => `(local $pa${o} i32) (local $off${o} i32)`)
			.join(' ')}`,
		`    ${range(rows)
			.flatMap(r => range(4).map(o => `(local $acc${r}_${o} v128)`))
			.join(' ')}`,
		'    (local.set $oh (i32.add (i32.sub (local.get $H) (local.get $K)) (i32.const 1)))',
		'    (local.set $ow (i32.add (i32.sub (local.get $W) (local.get $K)) (i32.const 1)))',
		'    (local.set $P (i32.mul (local.get $oh) (local.get $ow)))',
		'    (local.set $KK (i32.mul (local.get $K) (local.get $K)))',
		'    (local.set $CKK (i32.mul (local.get $C) (local.get $KK)))',
		'    (local.set $inBytes (i32.shl (i32.mul (i32.mul (local.get $C) (local.get $H)) (local.get $W)) (i32.const 2)))',
		'    (local.set $outBytes (i32.shl (i32.mul (local.get $F) (local.get $P)) (i32.const 2)))',
		// after a row of outputs, the input pointers skip to the next row
		'    (local.set $skip (i32.shl (i32.sub (local.get $W) (local.get $ow)) (i32.const 2)))',
		// the batch in chunks of `chunk` images, whose inputs and gradients stay in the core's cache while every tile reads them
		'    (block $chunks_done (loop $chunks',
		'      (br_if $chunks_done (i32.ge_u (local.get $first) (local.get $batch)))',
		`      (local.set $end (select (local.get $batch) (i32.add (local.get $first) (i32.const ${chunk}))`,
		`        (i32.gt_u (i32.add (local.get $first) (i32.const ${chunk})) (local.get $batch))))`,
		'      (local.set $m (i32.const 0))',
		heights.map(height =>
			lines([
				`      (block $rows${height}_done (loop $rows${height}`,
				`        (br_if $rows${height}_done (i32.gt_u (i32.add (local.get $m) (i32.const ${height})) (local.get $F)))`,
				'        (local.set $n (local.get $from))',
				[4, 3, 2, 1].map(width => tile(height, width)),
				`        (local.set $m (i32.add (local.get $m) (i32.const ${height})))`,
				`        (br $rows${height})))`,
			]),
		),
		'      (local.set $first (local.get $end))',
		'      (br $chunks)))',
		biasGradient(),
		'  )',
	]);
}

function tile(height: number, width: number): string {
	const rows = range(height),
		columns = range(width);
	const label = `wg${height}_${width}`;
	const step = (load: string, bytes: number): string[] => [
		...rows.map(r => `            (local.set $dv${r} (${load} (local.get $pd${r})))`),
		...columns.flatMap(o => [
			`            (local.set $bv (${load} (local.get $pa${o})))`,
			...rows.map(
				r => `            (local.set $acc${r}_${o} (f32x4.add (local.get $acc${r}_${o}) (f32x4.mul (local.get $dv${r}) (local.get $bv))))`,
			),
		]),
		...rows.map(r => `            (local.set $pd${r} (i32.add (local.get $pd${r}) (i32.const ${bytes})))`),
		...columns.map(o => `            (local.set $pa${o} (i32.add (local.get $pa${o}) (i32.const ${bytes})))`),
	];
	// ((c·H + i)·W + j)·4 into an image for kk = n + o = (c, i, j)
	const start = (o: number) => `        (local.set $rem (i32.rem_u (i32.add (local.get $n) (i32.const ${o})) (local.get $KK)))
        (local.set $off${o} (i32.shl (i32.add
          (i32.mul (i32.add (i32.mul (i32.div_u (i32.add (local.get $n) (i32.const ${o})) (local.get $KK)) (local.get $H)) (i32.div_u (local.get $rem) (local.get $K))) (local.get $W))
          (i32.rem_u (local.get $rem) (local.get $K))) (i32.const 2)))`;
	const pc = (r: number) =>
		`(local.set $pc (i32.add (local.get $dw) (i32.shl (i32.add (i32.mul (i32.add (local.get $m) (i32.const ${r})) (local.get $CKK)) (local.get $n)) (i32.const 2))))`;
	const store = (r: number): string => addLaneSums(pc(r), r, columns);
	return lines([
		`      (block $${label}_done (loop $${label}`,
		`        (br_if $${label}_done (i32.gt_u (i32.add (local.get $n) (i32.const ${width})) (local.get $to)))`,
		...rows.map(
			r => `        (local.set $dofs${r} (i32.shl (i32.mul (i32.add (local.get $m) (i32.const ${r})) (local.get $P)) (i32.const 2)))`,
		),
		...columns.map(start),
		...rows.flatMap(r => columns.map(o => `        (local.set $acc${r}_${o} (v128.const i32x4 0 0 0 0))`)),
		// every image's sums go on in the same accumulators: one lane sum a tile
		'        (local.set $r (local.get $first))',
		`        (loop $${label}_images`,
		'          (local.set $img (i32.add (local.get $a) (i32.mul (local.get $r) (local.get $inBytes))))',
		'          (local.set $grads (i32.add (local.get $dz) (i32.mul (local.get $r) (local.get $outBytes))))',
		...rows.map(r => `          (local.set $pd${r} (i32.add (local.get $grads) (local.get $dofs${r})))`),
		...columns.map(o => `          (local.set $pa${o} (i32.add (local.get $img) (local.get $off${o})))`),
		'          (local.set $y (local.get $oh))',
		`          (loop $${label}_y`,
		'            (local.set $x (i32.shr_u (local.get $ow) (i32.const 2)))',
		`            (if (local.get $x) (then (loop $${label}_x`,
		...step('v128.load', 16),
		`              (br_if $${label}_x (local.tee $x (i32.sub (local.get $x) (i32.const 1)))))))`,
		'            (local.set $x (i32.and (local.get $ow) (i32.const 3)))',
		`            (if (local.get $x) (then (loop $${label}_tail`,
		...step('v128.load32_zero', 4),
		`              (br_if $${label}_tail (local.tee $x (i32.sub (local.get $x) (i32.const 1)))))))`,
		...columns.map(o => `            (local.set $pa${o} (i32.add (local.get $pa${o}) (local.get $skip)))`),
		`            (br_if $${label}_y (local.tee $y (i32.sub (local.get $y) (i32.const 1)))))`,
		'          (local.set $r (i32.add (local.get $r) (i32.const 1)))',
		`          (br_if $${label}_images (i32.lt_u (local.get $r) (local.get $end))))`,
		...rows.map(store),
		`        (local.set $n (i32.add (local.get $n) (i32.const ${width})))`,
		`        (br $${label})))`,
	]);
}

/** db[f] += Σ_r Σ_p dz[r][f][p], by the part with kk = 0 only: lanes along p, the last P % 4 in lane 0, then (l0 + l2) + (l1 + l3). */
export const biasGradient = (): string => `    (if (i32.eqz (local.get $from)) (then
      (local.set $f (i32.const 0))
      (block $bias_done (loop $bias
        (br_if $bias_done (i32.ge_u (local.get $f) (local.get $F)))
        (local.set $sum (v128.const i32x4 0 0 0 0))
        (local.set $r (i32.const 0))
        (block $sum_done (loop $sum_images
          (br_if $sum_done (i32.ge_u (local.get $r) (local.get $batch)))
          (local.set $p (i32.add (local.get $dz) (i32.add (i32.mul (local.get $r) (local.get $outBytes)) (i32.shl (i32.mul (local.get $f) (local.get $P)) (i32.const 2)))))
          (local.set $n (i32.shr_u (local.get $P) (i32.const 2)))
          (if (local.get $n) (then (loop $vectors
            (local.set $sum (f32x4.add (local.get $sum) (v128.load (local.get $p))))
            (local.set $p (i32.add (local.get $p) (i32.const 16)))
            (br_if $vectors (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))))
          (local.set $n (i32.and (local.get $P) (i32.const 3)))
          (if (local.get $n) (then (loop $singles
            (local.set $sum (f32x4.add (local.get $sum) (v128.load32_zero (local.get $p))))
            (local.set $p (i32.add (local.get $p) (i32.const 4)))
            (br_if $singles (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))))
          (local.set $r (i32.add (local.get $r) (i32.const 1)))
          (br $sum_images)))
        (local.set $p (i32.add (local.get $db) (i32.shl (local.get $f) (i32.const 2))))
        (f32.store (local.get $p) (f32.add (f32.load (local.get $p)) (f32.add
          (f32.add (f32x4.extract_lane 0 (local.get $sum)) (f32x4.extract_lane 2 (local.get $sum)))
          (f32.add (f32x4.extract_lane 1 (local.get $sum)) (f32x4.extract_lane 3 (local.get $sum))))))
        (local.set $f (i32.add (local.get $f) (i32.const 1)))
        (br $bias)))))`;
