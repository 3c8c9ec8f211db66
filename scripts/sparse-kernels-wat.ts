/**
 * The first layer's two products for an input that is mostly zeros: an
 * MNIST image is 81% zero pixels, and 70-75% of its aligned groups of four
 * pixels are all zero. Each kernel first lists the groups that are not (in
 * `scratch`, bytes of the same memory), then multiplies only those, so the
 * work follows the ink rather than the page. Skipping x = 0 terms changes
 * no sum but its rounding order. A dense input costs one extra scan.
 *   sparse_forward:     out = x·wᵀ + b, one row of x against 8 outputs at a time
 *                       (scratch: batch · (inputs / 4 + 1) words)
 *   sparse_weight_grad: dw += dzᵀ·x, db += Σ dz, over 16 columns of x at a time
 *                       (scratch: 2 words per row of the batch)
 */
import {lines, range, storeFourOutputs, storeOneOutput} from './kernels-wat.js';

/**
 * out[r][o] = Σ over row r's listed groups i of x[r][i…i+3]·w[o][i…i+3] + the
 * last inputs % 4 + b[o]. All rows are listed first (scratch: a count and the
 * groups' byte offsets, groups + 1 words a row), so that 8 rows of w stay in
 * L1 while every row of x passes.
 */
export function sparseInputForward(): string {
	const widths = [8, 4, 3, 2, 1];
	return lines([
		`  (func (export "sparse_forward") (param $x i32) (param $w i32) (param $b i32) (param $out i32)
    (param $batch i32) (param $inputs i32) (param $outputs i32) (param $relu i32) (param $scratch i32)
    (local $r i32) (local $o i32) (local $k i32) (local $rowBytes i32) (local $outRowBytes i32) (local $groups i32)
    (local $listBytes i32) (local $list i32) (local $px i32) (local $p i32) (local $end i32) (local $offset i32)
    (local $sum v128) (local $left v128) (local $right v128) (local $xv v128)`,
		`    ${range(8).map(o => `(local $pw${o} i32) (local $acc0_${o} v128)`).join(' ')}`,
		'    (local.set $rowBytes (i32.shl (local.get $inputs) (i32.const 2)))',
		'    (local.set $outRowBytes (i32.shl (local.get $outputs) (i32.const 2)))',
		'    (local.set $groups (i32.shr_u (local.get $inputs) (i32.const 2)))',
		'    (local.set $listBytes (i32.shl (i32.add (local.get $groups) (i32.const 1)) (i32.const 2)))',
		// each row's groups with any bit set (so -0 counts: it costs a step, not a wrong sum)
		'    (block $rows_done (loop $rows',
		'      (br_if $rows_done (i32.ge_u (local.get $r) (local.get $batch)))',
		'      (local.set $px (i32.add (local.get $x) (i32.mul (local.get $r) (local.get $rowBytes))))',
		'      (local.set $list (i32.add (local.get $scratch) (i32.mul (local.get $r) (local.get $listBytes))))',
		'      (local.set $end (i32.add (local.get $list) (i32.const 4)))',
		'      (local.set $offset (i32.const 0))',
		'      (local.set $k (local.get $groups))',
		'      (if (local.get $k) (then (loop $scan',
		'        (if (v128.any_true (v128.load (i32.add (local.get $px) (local.get $offset)))) (then',
		'          (i32.store (local.get $end) (local.get $offset))',
		'          (local.set $end (i32.add (local.get $end) (i32.const 4)))))',
		'        (local.set $offset (i32.add (local.get $offset) (i32.const 16)))',
		'        (br_if $scan (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))))',
		'      (i32.store (local.get $list) (i32.shr_u (i32.sub (i32.sub (local.get $end) (local.get $list)) (i32.const 4)) (i32.const 2)))',
		'      (local.set $r (i32.add (local.get $r) (i32.const 1)))',
		'      (br $rows)))',
		widths.map(forwardTiles),
		'  )',
	]);
}

/** Blocks of `width` outputs while they fit, each against every row of x. */
function forwardTiles(width: number): string {
	const columns = range(width);
	const label = `sf${width}`;
	const multiply = (load: string, at: string) => [
		`            (local.set $xv (${load} (i32.add (local.get $px) ${at})))`,
		...columns.map(o => `            (local.set $acc0_${o} (f32x4.add (local.get $acc0_${o}) (f32x4.mul (local.get $xv) (${load} (i32.add (local.get $pw${o}) ${at})))))`),
	];
	const stores = width >= 4
		? range(width / 4).map(quarter => storeFourOutputs(0, 4 * quarter))
		: columns.map(o => storeOneOutput(0, o));
	return lines([
		`    (block $${label}_done (loop $${label}`,
		`      (br_if $${label}_done (i32.gt_u (i32.add (local.get $o) (i32.const ${width})) (local.get $outputs)))`,
		...columns.map(o => `      (local.set $pw${o} (i32.add (local.get $w) (i32.mul (i32.add (local.get $o) (i32.const ${o})) (local.get $rowBytes))))`),
		'      (local.set $r (i32.const 0))',
		`      (block $${label}_rows_done (loop $${label}_rows`,
		`        (br_if $${label}_rows_done (i32.ge_u (local.get $r) (local.get $batch)))`,
		'        (local.set $px (i32.add (local.get $x) (i32.mul (local.get $r) (local.get $rowBytes))))',
		'        (local.set $p (i32.add (local.get $scratch) (i32.mul (local.get $r) (local.get $listBytes))))',
		'        (local.set $end (i32.add (i32.add (local.get $p) (i32.const 4)) (i32.shl (i32.load (local.get $p)) (i32.const 2))))',
		'        (local.set $p (i32.add (local.get $p) (i32.const 4)))',
		...columns.map(o => `        (local.set $acc0_${o} (v128.const i32x4 0 0 0 0))`),
		`        (block $${label}_groups_done (loop $${label}_groups`,
		`            (br_if $${label}_groups_done (i32.ge_u (local.get $p) (local.get $end)))`,
		'            (local.set $offset (i32.load (local.get $p)))',
		...multiply('v128.load', '(local.get $offset)'),
		'            (local.set $p (i32.add (local.get $p) (i32.const 4)))',
		`            (br $${label}_groups)))`,
		// the last inputs % 4, one at a time in lane 0
		'        (local.set $offset (i32.shl (local.get $groups) (i32.const 4)))',
		'        (local.set $k (i32.and (local.get $inputs) (i32.const 3)))',
		`        (if (local.get $k) (then (loop $${label}_tail`,
		...multiply('v128.load32_zero', '(local.get $offset)'),
		'            (local.set $offset (i32.add (local.get $offset) (i32.const 4)))',
		`            (br_if $${label}_tail (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))))`,
		...stores.map(store => store.replaceAll('\n        ', '\n          ')),
		'        (local.set $r (i32.add (local.get $r) (i32.const 1)))',
		`        (br $${label}_rows)))`,
		`      (local.set $o (i32.add (local.get $o) (i32.const ${width})))`,
		`      (br $${label})))`,
	]);
}

/**
 * dw[o][i] += Σ over the rows r listed for i's block of 16 of dz[r][o]·x[r][i],
 * 2 outputs x 16 inputs per tile; the last inputs % 16 columns go to the dense kernel.
 */
export function sparseInputWeightGrad(): string {
	const vectors = range(4);
	const tile = (height: number) => {
		const rows = range(height);
		const label = `sw${height}`;
		const pc = (r: number) => `(i32.add (local.get $pc) (i32.mul (i32.const ${r}) (local.get $ldx)))`;
		return lines([
			`      (block $${label}_done (loop $${label}`,
			`        (br_if $${label}_done (i32.gt_u (i32.add (local.get $m) (i32.const ${height})) (local.get $outputs)))`,
			...rows.flatMap(r => vectors.map(v => `        (local.set $acc${r}_${v} (v128.const i32x4 0 0 0 0))`)),
			'        (local.set $pa (i32.add (local.get $dz) (i32.shl (local.get $m) (i32.const 2))))',
			'        (local.set $p (local.get $scratch))',
			`        (block $${label}_k_done (loop $${label}_k`,
			`          (br_if $${label}_k_done (i32.ge_u (local.get $p) (local.get $end)))`,
			'          (local.set $pb (i32.add (local.get $panel) (i32.load (local.get $p))))',
			...vectors.map(v => `          (local.set $bv${v} (v128.load offset=${16 * v} (local.get $pb)))`),
			'          (local.set $pz (i32.add (local.get $pa) (i32.load offset=4 (local.get $p))))',
			...rows.flatMap(r => [
				`          (local.set $s (v128.load32_splat offset=${4 * r} (local.get $pz)))`,
				...vectors.map(v => `          (local.set $acc${r}_${v} (f32x4.add (local.get $acc${r}_${v}) (f32x4.mul (local.get $s) (local.get $bv${v}))))`),
			]),
			'          (local.set $p (i32.add (local.get $p) (i32.const 8)))',
			`          (br $${label}_k)))`,
			'        (local.set $pc (i32.add (i32.add (local.get $dw) (i32.mul (local.get $m) (local.get $ldx))) (local.get $column)))',
			...rows.flatMap(r => vectors.map(v =>
				`        (v128.store offset=${16 * v} ${pc(r)} (f32x4.add (v128.load offset=${16 * v} ${pc(r)}) (local.get $acc${r}_${v})))`)),
			`        (local.set $m (i32.add (local.get $m) (i32.const ${height})))`,
			`        (br $${label})))`,
		]);
	};
	return lines([
		`  (func (export "sparse_weight_grad") (param $dz i32) (param $x i32) (param $dw i32) (param $db i32)
    (param $batch i32) (param $inputs i32) (param $outputs i32) (param $scratch i32)
    (local $ldx i32) (local $ldz i32) (local $column i32) (local $panel i32) (local $r i32) (local $m i32)
    (local $p i32) (local $end i32) (local $pa i32) (local $pb i32) (local $pz i32) (local $pc i32) (local $px i32) (local $s v128)`,
		`    ${vectors.map(v => `(local $bv${v} v128)`).join(' ')}`,
		`    ${range(2).flatMap(r => vectors.map(v => `(local $acc${r}_${v} v128)`)).join(' ')}`,
		'    (local.set $ldx (i32.shl (local.get $inputs) (i32.const 2)))',
		'    (local.set $ldz (i32.shl (local.get $outputs) (i32.const 2)))',
		'    (block $blocks_done (loop $blocks',
		'      (br_if $blocks_done (i32.gt_u (i32.add (local.get $column) (i32.const 64)) (local.get $ldx)))',
		'      (local.set $panel (i32.add (local.get $x) (local.get $column)))',
		// the rows whose 16 inputs here are not all zero: (offset of the x row, offset of the dz row)
		'      (local.set $end (local.get $scratch))',
		'      (local.set $r (i32.const 0))',
		'      (block $scan_done (loop $scan',
		'        (br_if $scan_done (i32.ge_u (local.get $r) (local.get $batch)))',
		'        (local.set $px (i32.add (local.get $panel) (i32.mul (local.get $r) (local.get $ldx))))',
		'        (if (v128.any_true (v128.or',
		'            (v128.or (v128.load (local.get $px)) (v128.load offset=16 (local.get $px)))',
		'            (v128.or (v128.load offset=32 (local.get $px)) (v128.load offset=48 (local.get $px))))) (then',
		'          (i32.store (local.get $end) (i32.mul (local.get $r) (local.get $ldx)))',
		'          (i32.store offset=4 (local.get $end) (i32.mul (local.get $r) (local.get $ldz)))',
		'          (local.set $end (i32.add (local.get $end) (i32.const 8)))))',
		'        (local.set $r (i32.add (local.get $r) (i32.const 1)))',
		'        (br $scan)))',
		'      (local.set $m (i32.const 0))',
		tile(2),
		tile(1),
		'      (local.set $column (i32.add (local.get $column) (i32.const 64)))',
		'      (br $blocks)))',
		// the columns past the last whole block of 16, densely
		'    (if (i32.lt_u (local.get $column) (local.get $ldx)) (then',
		'      (call $outer_columns (local.get $dz) (i32.const 4) (local.get $ldz)',
		'        (i32.add (local.get $x) (local.get $column)) (local.get $ldx)',
		'        (i32.add (local.get $dw) (local.get $column)) (local.get $ldx)',
		'        (local.get $outputs) (i32.shr_u (i32.sub (local.get $ldx) (local.get $column)) (i32.const 2)) (local.get $batch) (i32.const 1))))',
		'    (call $column_sums (local.get $dz) (local.get $db) (local.get $batch) (local.get $outputs))',
		'  )',
	]);
}
