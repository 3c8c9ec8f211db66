/** The outer products behind weight_grad and input_grad, and the bias gradient's column sums. */
import {lines, range} from './wat-text.js';

/**
 * C[m][n] (+)= Σ_k A(m, k)·B[k][n] with B and C row-major: each step splats
 * one A value per row and multiplies it into a row of B, so the accumulators
 * are whole columns of C and nothing is summed across lanes. A is read
 * through two strides (bytes) so the same code serves dzᵀ·x and dz·w.
 * Columns go in blocks of 4·vectors, then narrower blocks, then one at a time.
 */
export function outerProduct(name: string, rows: number, vectors: number, order: 'columns' | 'rows'): string {
	const accumulators = range(rows).flatMap(r => range(vectors).map(v => `$acc${r}_${v}`));
	const heights = range(rows).map(h => rows - h),
		widths = range(vectors).map(v => vectors - v);
	// columns first: a panel of B stays in L1 while every row block passes (B large, K long);
	// rows first: C is read and written in order, once (C large, K short)
	const loops =
		order === 'columns'
			? widths.map(width =>
					lines([
						`    (block $cols${width}_done (loop $cols${width}`,
						`      (br_if $cols${width}_done (i32.gt_u (i32.add (local.get $n) (i32.const ${4 * width})) (local.get $N)))`,
						'      (local.set $m (i32.const 0))',
						heights.map(height => outerTile(height, width, 'm')),
						`      (local.set $n (i32.add (local.get $n) (i32.const ${4 * width})))`,
						`      (br $cols${width})))`,
					]),
				)
			: heights.map(height =>
					lines([
						`    (block $rows${height}_done (loop $rows${height}`,
						`      (br_if $rows${height}_done (i32.gt_u (i32.add (local.get $m) (i32.const ${height})) (local.get $M)))`,
						'      (local.set $n (i32.const 0))',
						widths.map(width => outerTile(height, width, 'n')),
						`      (local.set $m (i32.add (local.get $m) (i32.const ${height})))`,
						`      (br $rows${height})))`,
					]),
				);
	return lines([
		`  (func ${name} (param $a i32) (param $sam i32) (param $sak i32) (param $b i32) (param $ldb i32)
    (param $c i32) (param $ldc i32) (param $M i32) (param $N i32) (param $K i32) (param $add i32)
    (local $m i32) (local $n i32) (local $k i32) (local $pb i32) (local $pc i32) (local $s v128) (local $sum f32)`,
		`    ${range(rows)
			.map(r => `(local $pa${r} i32)`)
			.join(' ')}`,
		`    ${range(vectors)
			.map(v => `(local $bv${v} v128)`)
			.join(' ')}`,
		`    ${accumulators.map(name => `(local ${name} v128)`).join(' ')}`,
		loops,
		'    (local.set $n (i32.and (local.get $N) (i32.const -4)))',
		outerColumn(),
		'  )',
	]);
}

/** One block of height x 4·width elements of C, stepping along m or n until it no longer fits. */
function outerTile(height: number, width: number, along: 'm' | 'n'): string {
	const rows = range(height),
		columns = range(width);
	const label = `op${height}_${width}`;
	const pc = (r: number) => `(i32.add (local.get $pc) (i32.mul (i32.const ${r}) (local.get $ldc)))`;
	const [limit, step] = along === 'm' ? ['$M', height] : ['$N', 4 * width];
	return lines([
		`      (block $${label}_done (loop $${label}`,
		`        (br_if $${label}_done (i32.gt_u (i32.add (local.get $${along}) (i32.const ${step})) (local.get ${limit})))`,
		...rows.map(
			r => `        (local.set $pa${r} (i32.add (local.get $a) (i32.mul (i32.add (local.get $m) (i32.const ${r})) (local.get $sam))))`,
		),
		'        (local.set $pb (i32.add (local.get $b) (i32.shl (local.get $n) (i32.const 2))))',
		...rows.flatMap(r => columns.map(v => `        (local.set $acc${r}_${v} (v128.const i32x4 0 0 0 0))`)),
		'        (local.set $k (local.get $K))',
		`        (if (local.get $k) (then (loop $${label}_k`,
		...columns.map(v => `          (local.set $bv${v} (v128.load offset=${16 * v} (local.get $pb)))`),
		...rows.flatMap(r => [
			`          (local.set $s (v128.load32_splat (local.get $pa${r})))`,
			...columns.map(
				v => `          (local.set $acc${r}_${v} (f32x4.add (local.get $acc${r}_${v}) (f32x4.mul (local.get $s) (local.get $bv${v}))))`,
			),
			`          (local.set $pa${r} (i32.add (local.get $pa${r}) (local.get $sak)))`,
		]),
		'          (local.set $pb (i32.add (local.get $pb) (local.get $ldb)))',
		`          (br_if $${label}_k (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))))`,
		'        (local.set $pc (i32.add (local.get $c) (i32.add (i32.mul (local.get $m) (local.get $ldc)) (i32.shl (local.get $n) (i32.const 2)))))',
		'        (if (local.get $add) (then',
		...rows.flatMap(r =>
			columns.map(
				v => `          (v128.store offset=${16 * v} ${pc(r)} (f32x4.add (v128.load offset=${16 * v} ${pc(r)}) (local.get $acc${r}_${v})))`,
			),
		),
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
export function columnSums(): string {
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
