/**
 * The output layer's work after its product, for a batch of training rows
 * (source/nn/softmax-cross-entropy.ts holds the plain loops it follows):
 *   softmax_xent: A = softmax(Z) and dZ = (A − Y)·scale, in place of Z,
 *                 each row's Σ of the exponentials other than the top one's
 *                 and Z[label] − max Z (f64 each, for the loss), and the
 *                 count of rows whose top probability is the label's
 * One row at a time, on the calling thread: a batch of 128 rows of 10
 * classes is a few µs.
 */

import {lines} from './wat-text.js';

/**
 * e^x in f32 for x ≤ 0 (x - max Z), as Cephes' expf: x = n·ln 2 + r with
 * |r| ≤ ln 2 / 2 (ln 2 split in two so n·ln 2 stays exact), a degree-6
 * polynomial for e^r (1–2 ulp), times 2^n built from its exponent bits.
 * Below −87.3 (e^x under the smallest normal float) it is e^−87.3: a
 * confident row's loss stays a tiny positive number, as with the plain
 * loops. NaN stays NaN. One text for one value (`f32`) and for four
 * (`f32x4`): lane by lane the same operations, so the same results.
 */
function exp(T: 'f32' | 'f32x4', x: string, n: string): string {
	const vector = T === 'f32x4';
	const c = (value: string) => (vector ? `(v128.const f32x4 ${value} ${value} ${value} ${value})` : `(f32.const ${value})`);
	const twoToN = vector
		? `(i32x4.shl (i32x4.add (i32x4.trunc_sat_f32x4_s (local.get ${n})) (v128.const i32x4 127 127 127 127)) (i32.const 23))`
		: `(f32.reinterpret_i32 (i32.shl (i32.add (i32.trunc_sat_f32_s (local.get ${n})) (i32.const 127)) (i32.const 23)))`;
	return `(local.set ${x} (${T}.max (local.get ${x}) ${c('-87.33654')}))
        (local.set ${n} (${T}.nearest (${T}.mul (local.get ${x}) ${c('1.44269504088896341')})))
        (local.set ${x} (${T}.sub (${T}.sub (local.get ${x}) (${T}.mul (local.get ${n}) ${c('0.693359375')}))
          (${T}.mul (local.get ${n}) ${c('-2.12194440e-4')})))
        (${T}.mul
          (${T}.add (${T}.add
            (${T}.mul
              (${T}.add (${T}.mul (${T}.add (${T}.mul (${T}.add (${T}.mul (${T}.add (${T}.mul (${T}.add (${T}.mul
                ${c('1.9875691500e-4')} (local.get ${x})) ${c('1.3981999507e-3')}) (local.get ${x})) ${c('8.3334519073e-3')})
                (local.get ${x})) ${c('4.1665795894e-2')}) (local.get ${x})) ${c('1.6666665459e-1')}) (local.get ${x})) ${c('5.0000001201e-1')})
              (${T}.mul (local.get ${x}) (local.get ${x})))
            (local.get ${x})) ${c('1')})
          ${twoToN})`;
}

/**
 * Per row r of z ([batch, classes] f32), with label l = labels[r] (bytes):
 * m = max z (the first of equal ones is the top), e_c = e^(z_c − m),
 * others = Σ e_c over c ≠ top (f64), p_c = e_c / (1 + others) as f32, then
 * z_c = p_c · scale and z_l −= scale (f64 products rounded to f32, as the
 * plain loops' Float32Array stores round them); rows[2r] = others and
 * rows[2r + 1] = z_l − m (f64). Returns how many rows' first largest p_c is
 * their label's.
 */
export function softmaxKernels(): string {
	return lines([
		`  (func (export "softmax_xent") (param $z i32) (param $labels i32) (param $batch i32) (param $classes i32) (param $scale f64)
    (param $rows i32) (result i32)
    (local $r i32) (local $c i32) (local $row i32) (local $end i32) (local $at i32) (local $top i32) (local $best i32)
    (local $label i32) (local $correct i32) (local $max f32) (local $e f32) (local $p f32) (local $others f64) (local $sum f64) (local $x f32) (local $n f32) (local $x4 v128) (local $n4 v128) (local $e4 v128)
    (local.set $r (i32.const 0))
    (block $rows_done (loop $rows
      (br_if $rows_done (i32.ge_u (local.get $r) (local.get $batch)))
      (local.set $row (i32.add (local.get $z) (i32.shl (i32.mul (local.get $r) (local.get $classes)) (i32.const 2))))
      (local.set $end (i32.add (local.get $row) (i32.shl (local.get $classes) (i32.const 2))))
      (local.set $label (i32.load8_u (i32.add (local.get $labels) (local.get $r))))
      ;; the top: the first largest logit
      (local.set $max (f32.const -inf))
      (local.set $top (i32.const 0))
      (local.set $c (i32.const 0))
      (local.set $at (local.get $row))
      (block $max_done (loop $max_loop
        (br_if $max_done (i32.ge_u (local.get $at) (local.get $end)))
        (if (f32.gt (f32.load (local.get $at)) (local.get $max)) (then
          (local.set $max (f32.load (local.get $at)))
          (local.set $top (local.get $c))))
        (local.set $c (i32.add (local.get $c) (i32.const 1)))
        (local.set $at (i32.add (local.get $at) (i32.const 4)))
        (br $max_loop)))
      (f64.store offset=8 (i32.add (local.get $rows) (i32.shl (local.get $r) (i32.const 4)))
        (f64.sub (f64.promote_f32 (f32.load (i32.add (local.get $row) (i32.shl (local.get $label) (i32.const 2)))))
          (f64.promote_f32 (local.get $max))))
      ;; the exponentials, in place, and the sum of those other than the top's (which is 1)
      (local.set $others (f64.const 0))
      (local.set $c (i32.const 0))
      (local.set $at (local.get $row))
      ;; four at a time while four are left, then one at a time
      (block $exp4_done (loop $exp4_loop
        (br_if $exp4_done (i32.gt_u (i32.add (local.get $at) (i32.const 16)) (local.get $end)))
        (local.set $x4 (f32x4.sub (v128.load (local.get $at)) (f32x4.splat (local.get $max))))
        (local.set $e4 ${exp('f32x4', '$x4', '$n4')})
        (v128.store (local.get $at) (local.get $e4))
        ${[0, 1, 2, 3]
					.map(
						lane => `(if (i32.ne (i32.add (local.get $c) (i32.const ${lane})) (local.get $top)) (then
          (local.set $others (f64.add (local.get $others) (f64.promote_f32 (f32x4.extract_lane ${lane} (local.get $e4)))))))`,
					)
					.join('\n        ')}
        (local.set $c (i32.add (local.get $c) (i32.const 4)))
        (local.set $at (i32.add (local.get $at) (i32.const 16)))
        (br $exp4_loop)))
      (block $exp_done (loop $exp_loop
        (br_if $exp_done (i32.ge_u (local.get $at) (local.get $end)))
        (local.set $x (f32.sub (f32.load (local.get $at)) (local.get $max)))
        (local.set $e ${exp('f32', '$x', '$n')})
        (f32.store (local.get $at) (local.get $e))
        (if (i32.ne (local.get $c) (local.get $top)) (then
          (local.set $others (f64.add (local.get $others) (f64.promote_f32 (local.get $e))))))
        (local.set $c (i32.add (local.get $c) (i32.const 1)))
        (local.set $at (i32.add (local.get $at) (i32.const 4)))
        (br $exp_loop)))
      (f64.store (i32.add (local.get $rows) (i32.shl (local.get $r) (i32.const 4))) (local.get $others))
      ;; the probabilities, the first largest of them, and the gradient (A − Y)·scale in place
      (local.set $sum (f64.add (f64.const 1) (local.get $others)))
      (local.set $best (i32.const 0))
      (local.set $c (i32.const 0))
      (local.set $at (local.get $row))
      (block $grad_done (loop $grad_loop
        (br_if $grad_done (i32.ge_u (local.get $at) (local.get $end)))
        (local.set $p (f32.demote_f64 (f64.div (f64.promote_f32 (f32.load (local.get $at))) (local.get $sum))))
        (if (i32.or (i32.eqz (local.get $c)) (f32.gt (local.get $p) (local.get $max))) (then
          (local.set $max (local.get $p))
          (local.set $best (local.get $c))))
        (f32.store (local.get $at) (f32.demote_f64 (f64.mul (f64.promote_f32 (local.get $p)) (local.get $scale))))
        (local.set $c (i32.add (local.get $c) (i32.const 1)))
        (local.set $at (i32.add (local.get $at) (i32.const 4)))
        (br $grad_loop)))
      (local.set $at (i32.add (local.get $row) (i32.shl (local.get $label) (i32.const 2))))
      (f32.store (local.get $at) (f32.demote_f64 (f64.sub (f64.promote_f32 (f32.load (local.get $at))) (local.get $scale))))
      (local.set $correct (i32.add (local.get $correct) (i32.eq (local.get $best) (local.get $label))))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $rows)))
    (local.get $correct))`,
	]);
}
