/**
 * The first layer's two products for an input that is mostly zeros: an
 * MNIST image is 81% zero pixels, and 70-75% of its aligned groups of four
 * pixels are all zero. Each kernel first lists the groups that are not (in
 * `scratch`, bytes of the same memory), then multiplies only those, so the
 * work follows the ink rather than the page. Skipping x = 0 terms changes
 * no sum but its rounding order. A dense input costs one extra scan.
 * Each part of a call lists only what it needs, so threads sharing a call
 * never wait for a list another one builds:
 *   sparse_forward:       out = x·wᵀ + b for rows [from, to) of x, each row listed, then 8 outputs at a time against
 *                         the part's rows (scratch: batch · (inputs / 4 + 1) words, a place for each row's list)
 *   sparse_weight_grad:   dw += dzᵀ·x for groups [from, to) of 4 inputs (dw = dzᵀ·x with replace), each group listed,
 *                         then a tile of outputs at a time against the group; db += Σ dz (scratch: sparseGradScratchBytes)
 */

import {sparseGradEntryBytes as entryBytes, sparseGradChunk} from '../../source/nn/backend/wasm/sparse-scratch.js';
import {storeFourOutputs, storeOneOutput} from './forward-wat.js';
import {lines, range} from './wat-text.js';

/**
 * out[r][o] = Σ over row r's listed groups i of x[r][i…i+3]·w[o][i…i+3] + the
 * last inputs % 4 + b[o], for rows [from, to). The part's rows are listed
 * first (scratch: a count and the groups' byte offsets, groups + 1 words a
 * row, each row in its own place), so that a tile of rows of w stays in L1
 * while the part's rows of x pass.
 */
/** Bytes of a row of w for 28x28 images (MNIST, Fashion-MNIST): the first layer's main tile has a path of its own for them. */
const imageRowBytes = 784 * 4;

export function sparseInputForward(width: number): string {
	const widths = [width, ...[4, 3, 2, 1].filter(w => w < width)];
	return lines([
		`  (func (export "sparse_forward") (param $from i32) (param $to i32) (param $x i32) (param $w i32) (param $b i32) (param $out i32)
    (param $batch i32) (param $inputs i32) (param $outputs i32) (param $relu i32) (param $scratch i32)
    (local $r i32) (local $o i32) (local $k i32) (local $rowBytes i32) (local $outRowBytes i32) (local $groups i32)
    (local $listBytes i32) (local $px i32) (local $p i32) (local $end i32) (local $offset i32) (local $list i32) (local $q i32)
    (local $sum v128) (local $left v128) (local $right v128) (local $xv v128)`,
		`    ${range(width)
			.map(o => `(local $pw${o} i32) (local $acc0_${o} v128)`)
			.join(' ')}`,
		'    (local.set $rowBytes (i32.shl (local.get $inputs) (i32.const 2)))',
		'    (local.set $outRowBytes (i32.shl (local.get $outputs) (i32.const 2)))',
		'    (local.set $groups (i32.shr_u (local.get $inputs) (i32.const 2)))',
		'    (local.set $listBytes (i32.shl (i32.add (local.get $groups) (i32.const 1)) (i32.const 2)))',
		// each row's groups with any bit set (so -0 counts: it costs a step, not a wrong sum), in the row's own place of scratch
		'    (local.set $r (local.get $from))',
		'    (block $rows_done (loop $rows',
		'      (br_if $rows_done (i32.ge_u (local.get $r) (local.get $to)))',
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
		'    (local.set $o (i32.const 0))',
		widths.map((tile, index) => forwardTiles(tile, index === 0 ? imageRowBytes : undefined)),
		'  )',
	]);
}

/** The walk over a row's listed groups, with `multiply` the step for the group at $offset. */
const groups = (label: string, multiply: string[]): string[] => [
	`        (block $${label}_groups_done (loop $${label}_groups`,
	`            (br_if $${label}_groups_done (i32.ge_u (local.get $p) (local.get $end)))`,
	'            (local.set $offset (i32.load (local.get $p)))',
	...multiply,
	'            (local.set $p (i32.add (local.get $p) (i32.const 4)))',
	`            (br $${label}_groups)))`,
];

/**
 * Blocks of `width` outputs while they fit, each against every row of x.
 * With `specialised` (bytes of a row of w), rows of that length find the
 * tile's rows of w at fixed offsets from one address, one add fewer per row of w and group.
 */
function forwardTiles(width: number, specialised?: number): string {
	const columns = range(width);
	const label = `sf${width}`;
	const multiply = (load: string, at: string) => [
		`            (local.set $xv (${load} (i32.add (local.get $px) ${at})))`,
		...columns.map(
			o =>
				`            (local.set $acc0_${o} (f32x4.add (local.get $acc0_${o}) (f32x4.mul (local.get $xv) (${load} (i32.add (local.get $pw${o}) ${at})))))`,
		),
	];
	const quarters = Math.floor(width / 4);
	const stores = [
		...range(quarters).map(quarter => storeFourOutputs(0, 4 * quarter)),
		...columns.slice(4 * quarters).map(o => storeOneOutput(0, o)),
	];
	return lines([
		`    (block $${label}_done (loop $${label}`,
		`      (br_if $${label}_done (i32.gt_u (i32.add (local.get $o) (i32.const ${width})) (local.get $outputs)))`,
		...columns.map(
			o => `      (local.set $pw${o} (i32.add (local.get $w) (i32.mul (i32.add (local.get $o) (i32.const ${o})) (local.get $rowBytes))))`,
		),
		'      (local.set $r (local.get $from))',
		`      (block $${label}_rows_done (loop $${label}_rows`,
		`        (br_if $${label}_rows_done (i32.ge_u (local.get $r) (local.get $to)))`,
		'        (local.set $px (i32.add (local.get $x) (i32.mul (local.get $r) (local.get $rowBytes))))',
		'        (local.set $p (i32.add (local.get $scratch) (i32.mul (local.get $r) (local.get $listBytes))))',
		'        (local.set $end (i32.add (i32.add (local.get $p) (i32.const 4)) (i32.shl (i32.load (local.get $p)) (i32.const 2))))',
		'        (local.set $p (i32.add (local.get $p) (i32.const 4)))',
		...columns.map(o => `        (local.set $acc0_${o} (v128.const i32x4 0 0 0 0))`),
		...(specialised === undefined
			? groups(label, multiply('v128.load', '(local.get $offset)'))
			: [
					`        (if (i32.eq (local.get $rowBytes) (i32.const ${specialised})) (then`,
					...groups(`${label}_fixed`, [
						'            (local.set $xv (v128.load (i32.add (local.get $px) (local.get $offset))))',
						'            (local.set $q (i32.add (local.get $pw0) (local.get $offset)))',
						...columns.map(
							o =>
								`            (local.set $acc0_${o} (f32x4.add (local.get $acc0_${o}) (f32x4.mul (local.get $xv) (v128.load offset=${o * specialised} (local.get $q)))))`,
						),
					]),
					'        ) (else',
					...groups(label, multiply('v128.load', '(local.get $offset)')),
					'        ))',
				]),
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
 * dw[o][i…i+3] += Σ over the rows r where x[r][i…i+3] is not all zero of
 * dz[r][o]·x[r][i…i+3], for the groups of 4 inputs in [from, to) (the last
 * one, inputs % 4 wide, densely), and db += Σ dz by the part that starts at
 * 0. For each group the part lists its rows (the 4 inputs themselves and
 * the address of the dz row, so the walks below read the list in order),
 * then `height` outputs at a time walk the list. Parts split the inputs,
 * so each thread lists only its own groups and no list is built beforehand.
 * With $replace the groups' sums are written over dw rather than added to
 * it, so a step's first batch needs no clearing of dw beforehand; the last
 * inputs % 4 columns and db are added to all the same (the caller clears them).
 */
export function sparseInputWeightGrad(height: number): string {
	const heights = [height, ...[4, 2, 1].filter(h => h < height)];
	const tile = (rows: number) => {
		const label = `sw${rows}`;
		const pc = (r: number) => (r === 0 ? '(local.get $pc)' : `(i32.add (local.get $pc) (i32.mul (i32.const ${r}) (local.get $ldx)))`);
		const partial = (r: number) => `(i32.add (local.get $partials) (i32.shl (i32.add (local.get $m) (i32.const ${r})) (i32.const 4)))`;
		return lines([
			`        (block $${label}_done (loop $${label}`,
			`          (br_if $${label}_done (i32.gt_u (i32.add (local.get $m) (i32.const ${rows})) (local.get $outputs)))`,
			'          (local.set $mBytes (i32.shl (local.get $m) (i32.const 2)))',
			'          (if (local.get $first) (then',
			...range(rows).map(r => `            (local.set $acc${r} (v128.const i32x4 0 0 0 0))`),
			'          ) (else',
			...range(rows).map(r => `            (local.set $acc${r} (v128.load ${partial(r)}))`),
			'          ))',
			'          (local.set $p (local.get $list))',
			`          (if (i32.lt_u (local.get $p) (local.get $end)) (then (loop $${label}_k`,
			'            (local.set $xv (v128.load (local.get $p)))',
			'            (local.set $pz (i32.add (i32.load offset=16 (local.get $p)) (local.get $mBytes)))',
			...range(rows).map(
				r =>
					`            (local.set $acc${r} (f32x4.add (local.get $acc${r}) (f32x4.mul (v128.load32_splat offset=${4 * r} (local.get $pz)) (local.get $xv))))`,
			),
			`            (br_if $${label}_k (i32.lt_u (local.tee $p (i32.add (local.get $p) (i32.const ${entryBytes}))) (local.get $end))))))`,
			'          (if (local.get $last) (then',
			'            (local.set $pc (i32.add (local.get $pg) (i32.mul (local.get $m) (local.get $ldx))))',
			'            (if (local.get $replace) (then',
			...range(rows).map(r => `              (v128.store ${pc(r)} (local.get $acc${r}))`),
			'            ) (else',
			...range(rows).map(r => `              (v128.store ${pc(r)} (f32x4.add (v128.load ${pc(r)}) (local.get $acc${r})))`),
			'            ))',
			'          ) (else',
			...range(rows).map(r => `            (v128.store ${partial(r)} (local.get $acc${r}))`),
			'          ))',
			`          (local.set $m (i32.add (local.get $m) (i32.const ${rows})))`,
			`          (br $${label})))`,
		]);
	};
	return lines([
		`  (func (export "sparse_weight_grad") (param $from i32) (param $to i32) (param $dz i32) (param $x i32) (param $dw i32) (param $db i32)
    (param $batch i32) (param $inputs i32) (param $outputs i32) (param $scratch i32) (param $replace i32)
    (local $ldx i32) (local $ldz i32) (local $groups i32) (local $g i32) (local $gEnd i32) (local $list i32) (local $partials i32)
    (local $r i32) (local $rEnd i32) (local $first i32) (local $last i32) (local $px i32) (local $pg i32)
    (local $m i32) (local $mBytes i32) (local $p i32) (local $end i32) (local $pz i32) (local $pc i32) (local $xv v128)`,
		`    ${range(height)
			.map(r => `(local $acc${r} v128)`)
			.join(' ')}`,
		'    (local.set $ldx (i32.shl (local.get $inputs) (i32.const 2)))',
		'    (local.set $ldz (i32.shl (local.get $outputs) (i32.const 2)))',
		'    (local.set $groups (i32.shr_u (local.get $inputs) (i32.const 2)))',
		// this part's place in scratch: a chunk's list, then (for a batch longer than a chunk) the partial sums, 4 floats an output
		`    (local.set $list (i32.add (local.get $scratch) (i32.mul (local.get $from)
      (i32.add (i32.mul (select (local.get $batch) (i32.const ${sparseGradChunk}) (i32.le_u (local.get $batch) (i32.const ${sparseGradChunk}))) (i32.const ${entryBytes}))
        (select (i32.const 0) (i32.shl (local.get $outputs) (i32.const 4)) (i32.le_u (local.get $batch) (i32.const ${sparseGradChunk})))))))`,
		`    (local.set $partials (i32.add (local.get $list) (i32.mul (i32.const ${sparseGradChunk}) (i32.const ${entryBytes}))))`,
		'    (local.set $gEnd (select (local.get $to) (local.get $groups) (i32.lt_u (local.get $to) (local.get $groups))))',
		'    (local.set $g (local.get $from))',
		'    (block $groups_done (loop $groups',
		'      (br_if $groups_done (i32.ge_u (local.get $g) (local.get $gEnd)))',
		'      (local.set $pg (i32.add (local.get $dw) (i32.shl (local.get $g) (i32.const 4))))',
		'      (local.set $r (i32.const 0))',
		'      (block $chunks_done (loop $chunks',
		`        (local.set $rEnd (i32.add (local.get $r) (i32.const ${sparseGradChunk})))`,
		'        (if (i32.gt_u (local.get $rEnd) (local.get $batch)) (then (local.set $rEnd (local.get $batch))))',
		'        (local.set $first (i32.eqz (local.get $r)))',
		'        (local.set $last (i32.eq (local.get $rEnd) (local.get $batch)))',
		// the chunk's rows whose 4 inputs here have any bit set: the 4 inputs and the address of the dz row
		'        (local.set $end (local.get $list))',
		'        (local.set $px (i32.add (i32.add (local.get $x) (i32.shl (local.get $g) (i32.const 4))) (i32.mul (local.get $r) (local.get $ldx))))',
		'        (local.set $pz (i32.add (local.get $dz) (i32.mul (local.get $r) (local.get $ldz))))',
		'        (if (i32.lt_u (local.get $r) (local.get $rEnd)) (then (loop $scan',
		'          (local.set $xv (v128.load (local.get $px)))',
		'          (if (v128.any_true (local.get $xv)) (then',
		'            (v128.store (local.get $end) (local.get $xv))',
		'            (i32.store offset=16 (local.get $end) (local.get $pz))',
		`            (local.set $end (i32.add (local.get $end) (i32.const ${entryBytes})))))`,
		'          (local.set $px (i32.add (local.get $px) (local.get $ldx)))',
		'          (local.set $pz (i32.add (local.get $pz) (local.get $ldz)))',
		'          (br_if $scan (i32.lt_u (local.tee $r (i32.add (local.get $r) (i32.const 1))) (local.get $rEnd))))))',
		'        (local.set $m (i32.const 0))',
		heights.map(tile),
		'        (br_if $chunks (i32.eqz (local.get $last)))))',
		'      (local.set $g (i32.add (local.get $g) (i32.const 1)))',
		'      (br $groups)))',
		// the last inputs % 4 columns, densely, by the part that holds them
		'    (if (i32.and (i32.ne (i32.and (local.get $inputs) (i32.const 3)) (i32.const 0)) (i32.gt_u (local.get $to) (local.get $groups))) (then',
		'      (call $outer_columns (local.get $dz) (i32.const 4) (local.get $ldz)',
		'        (i32.add (local.get $x) (i32.shl (local.get $groups) (i32.const 4))) (local.get $ldx)',
		'        (i32.add (local.get $dw) (i32.shl (local.get $groups) (i32.const 4))) (local.get $ldx)',
		'        (local.get $outputs) (i32.and (local.get $inputs) (i32.const 3)) (local.get $batch) (i32.const 1))))',
		'    (if (i32.eqz (local.get $from)) (then',
		'      (call $column_sums (local.get $dz) (local.get $db) (local.get $batch) (i32.const 0) (local.get $outputs) (local.get $outputs))))',
		'  )',
	]);
}
