/** Kernels that go element by element: the optimizers' updates, pixel scaling, clearing, ReLU and the finiteness check. */
import {lines} from './wat-text.js';

export const elementwiseKernels = (): string => lines([optimizerSteps(), scaleRows(), zeroFill(), reluKernels(), finiteProbe()]);

/**
 * The optimizers' updates, four parameters at a time and then one at a time:
 * each body is written once, with `T` the type (f32x4 or f32) and `splat`
 * turning a scalar parameter into that type.
 */
function optimizerSteps(): string {
	const update = (
		name: string,
		arrays: string[],
		scalars: string[],
		body: (T: string, splat: (name: string) => string) => string[],
	): string => {
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
			...vector.map(
				line =>
					`      ${line.replaceAll('LOAD', 'v128.load').replaceAll('STORE', 'v128.store').replaceAll('$x', '$a').replaceAll('$y', '$b').replaceAll('$z', '$c')}`,
			),
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
		update(
			'adam_step',
			['value', 'grad', 'm', 'v'],
			['stepSize', 'beta1', 'beta2', 'rest1', 'rest2', 'correction2', 'epsilon'],
			(T, splat) => [
				'(local.set $z (LOAD (local.get $grad)))',
				`(local.set $x (${T}.add (${T}.mul ${splat('beta1')} (LOAD (local.get $m))) (${T}.mul ${splat('rest1')} (local.get $z))))`,
				`(local.set $y (${T}.add (${T}.mul ${splat('beta2')} (LOAD (local.get $v))) (${T}.mul ${splat('rest2')} (${T}.mul (local.get $z) (local.get $z)))))`,
				'(STORE (local.get $m) (local.get $x))',
				'(STORE (local.get $v) (local.get $y))',
				`(STORE (local.get $value) (${T}.sub (LOAD (local.get $value)) (${T}.div (${T}.mul ${splat('stepSize')} (local.get $x))`,
				`  (${T}.add (${T}.sqrt (${T}.div (local.get $y) ${splat('correction2')})) ${splat('epsilon')}))))`,
			],
		),
	]);
}

/**
 * Rows [from, to) of a batch of images, one byte a pixel, as pixel / 255:
 * row r's `size` bytes start at the address sources[r] (anywhere in the
 * memory: a training set's shuffled images are read where they lie, not
 * gathered first) and its floats at dst + r·size·4. Each part first reads
 * one byte of every 64 of its rows, so that their misses overlap, then
 * scales them 16 pixels a step, a step of zero bytes without dividing.
 */
function scaleRows(): string {
	const quarter = (extend16: string, extend32: string, offset: number) =>
		`          (v128.store offset=${offset} (local.get $q) (f32x4.div (f32x4.convert_i32x4_u (${extend32} (${extend16} (local.get $v)))) (local.get $divisor)))`;
	return `  (func (export "scale_rows") (param $from i32) (param $to i32) (param $sources i32) (param $size i32) (param $dst i32)
    (local $r i32) (local $p i32) (local $q i32) (local $end i32) (local $k i32) (local $touched i32) (local $v v128) (local $divisor v128)
    (local.set $divisor (f32x4.splat (f32.const 255)))
    ;; the part's images are wherever the shuffle put them: one read of each 64 bytes first, which do not wait for each other
    (local.set $r (local.get $from))
    (block $touch_done (loop $touch
      (br_if $touch_done (i32.ge_u (local.get $r) (local.get $to)))
      (local.set $p (i32.load (i32.add (local.get $sources) (i32.shl (local.get $r) (i32.const 2)))))
      (local.set $end (i32.add (local.get $p) (local.get $size)))
      (block $lines_done (loop $lines
        (br_if $lines_done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $touched (i32.or (local.get $touched) (i32.load8_u (local.get $p))))
        (local.set $p (i32.add (local.get $p) (i32.const 64)))
        (br $lines)))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $touch)))
    ;; the bytes read are used: a pixel byte is never 256
    (if (i32.eq (local.get $touched) (i32.const 256)) (then (unreachable)))
    (local.set $r (local.get $from))
    (block $rows_done (loop $rows
      (br_if $rows_done (i32.ge_u (local.get $r) (local.get $to)))
      (local.set $p (i32.load (i32.add (local.get $sources) (i32.shl (local.get $r) (i32.const 2)))))
      (local.set $q (i32.add (local.get $dst) (i32.shl (i32.mul (local.get $r) (local.get $size)) (i32.const 2))))
      (local.set $k (i32.shr_u (local.get $size) (i32.const 4)))
      (if (local.get $k) (then (loop $vectors
        (local.set $v (v128.load (local.get $p)))
        (if (v128.any_true (local.get $v)) (then
${quarter('i16x8.extend_low_i8x16_u', 'i32x4.extend_low_i16x8_u', 0)}
${quarter('i16x8.extend_low_i8x16_u', 'i32x4.extend_high_i16x8_u', 16)}
${quarter('i16x8.extend_high_i8x16_u', 'i32x4.extend_low_i16x8_u', 32)}
${quarter('i16x8.extend_high_i8x16_u', 'i32x4.extend_high_i16x8_u', 48)}
        ) (else
          ;; 16 blank pixels (most of an image): zeros, without the divisions
          (v128.store offset=0 (local.get $q) (local.get $v))
          (v128.store offset=16 (local.get $q) (local.get $v))
          (v128.store offset=32 (local.get $q) (local.get $v))
          (v128.store offset=48 (local.get $q) (local.get $v))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (local.set $q (i32.add (local.get $q) (i32.const 64)))
        (br_if $vectors (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))))
      (local.set $k (i32.and (local.get $size) (i32.const 15)))
      (if (local.get $k) (then (loop $singles
        (f32.store (local.get $q) (f32.div (f32.convert_i32_u (i32.load8_u (local.get $p))) (f32.const 255)))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (local.set $q (i32.add (local.get $q) (i32.const 4)))
        (br_if $singles (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $rows)))
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
	const loop = (
		name: string,
		params: string,
		setup: string[],
		vector: string,
		single: string,
	) => `  (func (export "${name}") (param $from i32) (param $to i32) ${params}
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
	const step = (arrays: string[], bytes: number) =>
		arrays.map(array => `(local.set $${array} (i32.add (local.get $${array}) (i32.const ${bytes})))`).join(' ');
	return lines([
		loop(
			'relu',
			'(param $p i32)',
			[at('p')],
			`(local.set $v (v128.load (local.get $p)))
      (v128.store (local.get $p) (v128.andnot (local.get $v) (f32x4.lt (local.get $v) (v128.const i32x4 0 0 0 0))))
      ${step(['p'], 16)}`,
			`(if (f32.lt (f32.load (local.get $p)) (f32.const 0)) (then (f32.store (local.get $p) (f32.const 0))))
      ${step(['p'], 4)}`,
		),
		loop(
			'relu_grad',
			'(param $grad i32) (param $out i32)',
			[at('grad'), at('out')],
			`(v128.store (local.get $grad) (v128.and (v128.load (local.get $grad)) (f32x4.gt (v128.load (local.get $out)) (v128.const i32x4 0 0 0 0))))
      ${step(['grad', 'out'], 16)}`,
			`(if (i32.eqz (f32.gt (f32.load (local.get $out)) (f32.const 0))) (then (f32.store (local.get $grad) (f32.const 0))))
      ${step(['grad', 'out'], 4)}`,
		),
	]);
}
