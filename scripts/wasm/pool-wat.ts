/**
 * The 2×2 max-pool with stride 2 (source/nn/max-pool2d.ts has it as plain
 * loops) over planes (image, channel) [from, to) of [planes, H·W] values:
 * four windows at a time from two rows of eight values, split into the
 * windows' four corners with shuffles; then the last ⌊W/2⌋ % 4 windows of a
 * row one at a time. `where` holds each window's maximum as an index into
 * a from its start, the first of equal values in the loops' reading order
 * (top-left, top-right, bottom-left, bottom-right): a later corner takes
 * its place only when strictly greater, as in the loops.
 */
import {lines} from './wat-text.js';

export const poolKernels = (): string => lines([maxPoolForward(), maxPoolBackward()]);

const evens = '0 1 2 3 8 9 10 11 16 17 18 19 24 25 26 27';
const odds = '4 5 6 7 12 13 14 15 20 21 22 23 28 29 30 31';

/** The shared start of both kernels: a plane and output row loop, with $row the element index of the window's top row in a. */
const rowLoops = (body: string): string => `    (local.set $oh (i32.shr_u (local.get $H) (i32.const 1)))
    (local.set $ow (i32.shr_u (local.get $W) (i32.const 1)))
    (local.set $k (i32.shl (i32.mul (local.get $from) (i32.mul (local.get $oh) (local.get $ow))) (i32.const 2)))
    (local.set $plane (local.get $from))
    (block $planes_done (loop $planes
      (br_if $planes_done (i32.ge_u (local.get $plane) (local.get $to)))
      (local.set $y (i32.const 0))
      (block $rows_done (loop $rows
        (br_if $rows_done (i32.ge_u (local.get $y) (local.get $oh)))
        (local.set $row (i32.add (i32.mul (local.get $plane) (i32.mul (local.get $H) (local.get $W))) (i32.mul (i32.shl (local.get $y) (i32.const 1)) (local.get $W))))
${body}
        (local.set $y (i32.add (local.get $y) (i32.const 1)))
        (br $rows)))
      (local.set $plane (i32.add (local.get $plane) (i32.const 1)))
      (br $planes)))`;

const locals =
	'(local $oh i32) (local $ow i32) (local $plane i32) (local $y i32) (local $x i32) (local $row i32) (local $k i32) (local $p i32) (local $at i32)';

/** z and where for planes [from, to): $k is the byte offset of the next output in z and where. */
function maxPoolForward(): string {
	// a corner replaces the best so far where it is strictly greater, its index with it
	const take = (corner: string, offset: string) => `          (local.set $mask (f32x4.gt (local.get ${corner}) (local.get $best)))
          (local.set $best (v128.bitselect (local.get ${corner}) (local.get $best) (local.get $mask)))
          (local.set $index (v128.bitselect (i32x4.add (local.get $base) ${offset}) (local.get $index) (local.get $mask)))`;
	const single = (offset: string) => `          (local.set $at (i32.add (local.get $p) ${offset}))
          (local.set $v (f32.load (i32.add (local.get $a) (i32.shl (local.get $at) (i32.const 2)))))
          (local.set $top (f32.gt (local.get $v) (local.get $bv)))
          (local.set $bv (select (local.get $v) (local.get $bv) (local.get $top)))
          (local.set $best1 (select (local.get $at) (local.get $best1) (local.get $top)))`;
	return `  (func (export "maxpool_forward") (param $from i32) (param $to i32) (param $a i32) (param $z i32) (param $where i32) (param $H i32) (param $W i32)
    ${locals} (local $q i32) (local $best1 i32) (local $top i32)
    (local $v f32) (local $bv f32) (local $first v128) (local $second v128) (local $below v128) (local $after v128)
    (local $tl v128) (local $tr v128) (local $bl v128) (local $br v128) (local $best v128) (local $index v128) (local $base v128) (local $mask v128)
    (local $right v128) (local $down v128) (local $diagonal v128)
    (local.set $right (i32x4.splat (i32.const 1)))
    (local.set $down (i32x4.splat (local.get $W)))
    (local.set $diagonal (i32x4.splat (i32.add (local.get $W) (i32.const 1))))
${rowLoops(`        (local.set $x (i32.const 0))
        (block $vectors_done (loop $vectors
          (br_if $vectors_done (i32.gt_u (i32.add (local.get $x) (i32.const 4)) (local.get $ow)))
          (local.set $p (i32.add (local.get $row) (i32.shl (local.get $x) (i32.const 1))))
          (local.set $q (i32.add (local.get $a) (i32.shl (local.get $p) (i32.const 2))))
          (local.set $first (v128.load (local.get $q)))
          (local.set $second (v128.load offset=16 (local.get $q)))
          (local.set $q (i32.add (local.get $q) (i32.shl (local.get $W) (i32.const 2))))
          (local.set $below (v128.load (local.get $q)))
          (local.set $after (v128.load offset=16 (local.get $q)))
          (local.set $tl (i8x16.shuffle ${evens} (local.get $first) (local.get $second)))
          (local.set $tr (i8x16.shuffle ${odds} (local.get $first) (local.get $second)))
          (local.set $bl (i8x16.shuffle ${evens} (local.get $below) (local.get $after)))
          (local.set $br (i8x16.shuffle ${odds} (local.get $below) (local.get $after)))
          (local.set $base (i32x4.add (i32x4.splat (local.get $p)) (v128.const i32x4 0 2 4 6)))
          (local.set $best (local.get $tl))
          (local.set $index (local.get $base))
${take('$tr', '(local.get $right)')}
${take('$bl', '(local.get $down)')}
${take('$br', '(local.get $diagonal)')}
          (v128.store (i32.add (local.get $z) (local.get $k)) (local.get $best))
          (v128.store (i32.add (local.get $where) (local.get $k)) (local.get $index))
          (local.set $k (i32.add (local.get $k) (i32.const 16)))
          (local.set $x (i32.add (local.get $x) (i32.const 4)))
          (br $vectors)))
        (block $singles_done (loop $singles
          (br_if $singles_done (i32.ge_u (local.get $x) (local.get $ow)))
          (local.set $p (i32.add (local.get $row) (i32.shl (local.get $x) (i32.const 1))))
          (local.set $best1 (local.get $p))
          (local.set $bv (f32.load (i32.add (local.get $a) (i32.shl (local.get $p) (i32.const 2)))))
${single('(i32.const 1)')}
${single('(local.get $W)')}
${single('(i32.add (local.get $W) (i32.const 1))')}
          (f32.store (i32.add (local.get $z) (local.get $k)) (local.get $bv))
          (i32.store (i32.add (local.get $where) (local.get $k)) (local.get $best1))
          (local.set $k (i32.add (local.get $k) (i32.const 4)))
          (local.set $x (i32.add (local.get $x) (i32.const 1)))
          (br $singles)))`)}
  )`;
}

/**
 * da for planes [from, to): each window's two rows written whole, dz[k] at
 * where[k] and 0 beside it (four windows at a time: dz and where each
 * lane doubled, against the row's indices), then 0 in an odd last column
 * and an odd last row, which no window reads.
 */
function maxPoolBackward(): string {
	const doubled = (half: 'low' | 'high', vector: string) =>
		`(i8x16.shuffle ${half === 'low' ? '0 1 2 3 0 1 2 3 4 5 6 7 4 5 6 7' : '8 9 10 11 8 9 10 11 12 13 14 15 12 13 14 15'} ${vector} ${vector})`;
	const store = (offset: number, gradient: string, index: string, positions: string) =>
		`          (v128.store offset=${offset} (local.get $q) (v128.and ${gradient} (i32x4.eq ${index} ${positions})))`;
	return `  (func (export "maxpool_backward") (param $from i32) (param $to i32) (param $dz i32) (param $where i32) (param $da i32) (param $H i32) (param $W i32)
    ${locals} (local $q i32) (local $g f32) (local $w i32)
    (local $grad v128) (local $index v128) (local $low v128) (local $high v128) (local $lowIndex v128) (local $highIndex v128)
    (local $positions v128) (local $below v128)
    (local.set $below (i32x4.splat (local.get $W)))
${rowLoops(`        (local.set $x (i32.const 0))
        (block $vectors_done (loop $vectors
          (br_if $vectors_done (i32.gt_u (i32.add (local.get $x) (i32.const 4)) (local.get $ow)))
          (local.set $p (i32.add (local.get $row) (i32.shl (local.get $x) (i32.const 1))))
          (local.set $q (i32.add (local.get $da) (i32.shl (local.get $p) (i32.const 2))))
          (local.set $grad (v128.load (i32.add (local.get $dz) (local.get $k))))
          (local.set $index (v128.load (i32.add (local.get $where) (local.get $k))))
          (local.set $low ${doubled('low', '(local.get $grad)')})
          (local.set $high ${doubled('high', '(local.get $grad)')})
          (local.set $lowIndex ${doubled('low', '(local.get $index)')})
          (local.set $highIndex ${doubled('high', '(local.get $index)')})
          (local.set $positions (i32x4.add (i32x4.splat (local.get $p)) (v128.const i32x4 0 1 2 3)))
${store(0, '(local.get $low)', '(local.get $lowIndex)', '(local.get $positions)')}
${store(16, '(local.get $high)', '(local.get $highIndex)', '(i32x4.add (local.get $positions) (v128.const i32x4 4 4 4 4))')}
          (local.set $positions (i32x4.add (local.get $positions) (local.get $below)))
          (local.set $q (i32.add (local.get $q) (i32.shl (local.get $W) (i32.const 2))))
${store(0, '(local.get $low)', '(local.get $lowIndex)', '(local.get $positions)')}
${store(16, '(local.get $high)', '(local.get $highIndex)', '(i32x4.add (local.get $positions) (v128.const i32x4 4 4 4 4))')}
          (local.set $k (i32.add (local.get $k) (i32.const 16)))
          (local.set $x (i32.add (local.get $x) (i32.const 4)))
          (br $vectors)))
        (block $singles_done (loop $singles
          (br_if $singles_done (i32.ge_u (local.get $x) (local.get $ow)))
          (local.set $p (i32.add (local.get $row) (i32.shl (local.get $x) (i32.const 1))))
          (local.set $g (f32.load (i32.add (local.get $dz) (local.get $k))))
          (local.set $w (i32.load (i32.add (local.get $where) (local.get $k))))
          (local.set $at (local.get $p))
          (f32.store (i32.add (local.get $da) (i32.shl (local.get $at) (i32.const 2))) (select (local.get $g) (f32.const 0) (i32.eq (local.get $w) (local.get $at))))
          (local.set $at (i32.add (local.get $p) (i32.const 1)))
          (f32.store (i32.add (local.get $da) (i32.shl (local.get $at) (i32.const 2))) (select (local.get $g) (f32.const 0) (i32.eq (local.get $w) (local.get $at))))
          (local.set $at (i32.add (local.get $p) (local.get $W)))
          (f32.store (i32.add (local.get $da) (i32.shl (local.get $at) (i32.const 2))) (select (local.get $g) (f32.const 0) (i32.eq (local.get $w) (local.get $at))))
          (local.set $at (i32.add (local.get $at) (i32.const 1)))
          (f32.store (i32.add (local.get $da) (i32.shl (local.get $at) (i32.const 2))) (select (local.get $g) (f32.const 0) (i32.eq (local.get $w) (local.get $at))))
          (local.set $k (i32.add (local.get $k) (i32.const 4)))
          (local.set $x (i32.add (local.get $x) (i32.const 1)))
          (br $singles)))
        (if (i32.and (local.get $W) (i32.const 1)) (then
          (local.set $q (i32.add (local.get $da) (i32.shl (i32.add (local.get $row) (i32.sub (local.get $W) (i32.const 1))) (i32.const 2))))
          (f32.store (local.get $q) (f32.const 0))
          (f32.store (i32.add (local.get $q) (i32.shl (local.get $W) (i32.const 2))) (f32.const 0))))`)}
    ;; an odd last row of each plane: no window reads it
    (if (i32.and (local.get $H) (i32.const 1)) (then
      (local.set $plane (local.get $from))
      (block $last_done (loop $last
        (br_if $last_done (i32.ge_u (local.get $plane) (local.get $to)))
        (memory.fill
          (i32.add (local.get $da) (i32.shl (i32.mul (i32.add (i32.mul (local.get $plane) (local.get $H)) (i32.sub (local.get $H) (i32.const 1))) (local.get $W)) (i32.const 2)))
          (i32.const 0) (i32.shl (local.get $W) (i32.const 2)))
        (local.set $plane (i32.add (local.get $plane) (i32.const 1)))
        (br $last)))))
  )`;
}
