/** dense_forward: out = x·wᵀ + b, register-tiled, and the stores the sparse forward shares. */
import {lines, range} from './wat-text.js';

/**
 * out[r][o] = Σ_i x[r][i]·w[o][i] + b[o]: both operands run along i, so each
 * accumulator holds four partial dot products, summed across lanes once per tile.
 */
export function denseForward(rows: number): string {
	const heights = range(rows).map(h => rows - h);
	const accumulators = range(rows).flatMap(r => range(4).map(o => `$acc${r}_${o}`));
	return lines([
		`  (func (export "dense_forward") (param $from i32) (param $to i32) (param $x i32) (param $w i32) (param $b i32) (param $out i32)
    (param $batch i32) (param $inputs i32) (param $outputs i32) (param $relu i32)
    (local $r i32) (local $o i32) (local $k i32) (local $rowBytes i32) (local $outRowBytes i32)
    (local $sum v128) (local $left v128) (local $right v128) (local $product v128) (local $wv v128)`,
		`    ${range(rows)
			.map(r => `(local $px${r} i32) (local $xv${r} v128)`)
			.join(' ')}`,
		`    ${range(4)
			.map(o => `(local $pw${o} i32)`)
			.join(' ')}`,
		`    ${accumulators.map(name => `(local ${name} v128)`).join(' ')}`,
		'    (local.set $rowBytes (i32.shl (local.get $inputs) (i32.const 2)))',
		'    (local.set $outRowBytes (i32.shl (local.get $outputs) (i32.const 2)))',
		heights.map(height =>
			lines([
				`    (block $rows${height}_done (loop $rows${height}`,
				`      (br_if $rows${height}_done (i32.gt_u (i32.add (local.get $r) (i32.const ${height})) (local.get $batch)))`,
				'      (local.set $o (local.get $from))',
				[4, 3, 2, 1].map(width => forwardTile(height, width)),
				`      (local.set $r (i32.add (local.get $r) (i32.const ${height})))`,
				`      (br $rows${height})))`,
			]),
		),
		'  )',
	]);
}

function forwardTile(height: number, width: number): string {
	const rows = range(height),
		columns = range(width);
	const step = (load: string, bytes: number): string[] => [
		...rows.map(r => `          (local.set $xv${r} (${load} (local.get $px${r})))`),
		...columns.flatMap(o => [
			`          (local.set $wv (${load} (local.get $pw${o})))`,
			...rows.map(
				r => `          (local.set $acc${r}_${o} (f32x4.add (local.get $acc${r}_${o}) (f32x4.mul (local.get $xv${r}) (local.get $wv))))`,
			),
		]),
		...rows.map(r => `          (local.set $px${r} (i32.add (local.get $px${r}) (i32.const ${bytes})))`),
		...columns.map(o => `          (local.set $pw${o} (i32.add (local.get $pw${o}) (i32.const ${bytes})))`),
	];
	const label = `fw${height}_${width}`;
	return lines([
		`      (block $${label}_done (loop $${label}`,
		`        (br_if $${label}_done (i32.gt_u (i32.add (local.get $o) (i32.const ${width})) (local.get $to)))`,
		...rows.map(
			r => `        (local.set $px${r} (i32.add (local.get $x) (i32.mul (i32.add (local.get $r) (i32.const ${r})) (local.get $rowBytes))))`,
		),
		...columns.map(
			o => `        (local.set $pw${o} (i32.add (local.get $w) (i32.mul (i32.add (local.get $o) (i32.const ${o})) (local.get $rowBytes))))`,
		),
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
		...rows.map(r => (width === 4 ? storeFourOutputs(r) : columns.map(o => storeOneOutput(r, o)).join('\n'))),
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
	return lines([`        (f32.store ${address}`, `          (select (f32.max ${value} (f32.const 0)) ${value} (local.get $relu)))`]);
}
