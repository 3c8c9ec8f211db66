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
 *   sparse_forward (over rows of x) and sparse_weight_grad (over groups of 4 inputs)
 * the optimizers' updates: gd_step, momentum_step, adam_step; scale_rows
 * for packing pixels; zero_fill for clearing gradients; relu and relu_grad;
 * and finite_probe, the trainer's check after each step; softmax_xent, the
 * output layer's step after its product (scripts/wasm/softmax-wat.ts); the convolution's
 * kernels (scripts/wasm/conv-wat.ts): conv_forward, conv_weight_grad,
 * conv_input_grad; the max-pool's (scripts/wasm/pool-wat.ts):
 * maxpool_forward, maxpool_backward.
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

import {convKernels} from './conv-wat.js';
import {elementwiseKernels} from './elementwise-wat.js';
import {denseForward} from './forward-wat.js';
import {columnSums, outerProduct} from './outer-wat.js';
import {poolKernels} from './pool-wat.js';
import {softmaxKernels} from './softmax-wat.js';
import {sparseInputForward, sparseInputWeightGrad} from './sparse-kernels-wat.js';
import {lines} from './wat-text.js';

export interface Tiles {
	/** dense_forward: rows of x per tile; each tile covers 4 outputs, 4 inputs per step. */
	readonly forwardRows: number;
	/** input_grad and weight_grad: rows of the result per tile. */
	readonly outerRows: number;
	/** input_grad and weight_grad: f32x4 vectors of result columns per tile. */
	readonly outerVectors: number;
	/** sparse_forward: outputs per tile, against one row of x. */
	readonly sparseForwardOutputs: number;
	/** sparse_weight_grad: outputs per tile, against one group of 4 inputs. */
	readonly sparseGradOutputs: number;
	/** weight_grad's loop order (input_grad goes by columns). */
	readonly weightGradOrder: 'columns' | 'rows';
}

// the fastest measured on this machine (AMD EPYC, Node 20's V8): 3x3, 3x4 and 2x5 outer tiles and 3-row forward tiles were slower
export const defaultTiles: Tiles = {
	forwardRows: 2,
	outerRows: 2,
	outerVectors: 4,
	weightGradOrder: 'columns',
	sparseGradOutputs: 7,
	sparseForwardOutputs: 6,
};

export function kernelsWat(tiles: Tiles = defaultTiles): string {
	return lines([
		'(module',
		'  (import "env" "memory" (memory 1 65536 shared))',
		denseForward(tiles.forwardRows),
		outerProduct('$outer_columns', tiles.outerRows, tiles.outerVectors, 'columns'),
		outerProduct('$outer_rows', tiles.outerRows, tiles.outerVectors, 'rows'),
		columnSums(),
		sparseInputForward(tiles.sparseForwardOutputs),
		sparseInputWeightGrad(tiles.sparseGradOutputs),
		elementwiseKernels(),
		softmaxKernels(),
		convKernels(),
		poolKernels(),
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
