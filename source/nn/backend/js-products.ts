// biome-ignore-all format: the register tiles are laid out as the grids they compute
/**
 * The three matrix products of a dense layer on flat row-major Float32Arrays.
 * Activations are [batch, features]; weights are [outputs, inputs] like the
 * tutorial's W, so every inner loop below walks memory contiguously.
 * Rows and outputs are register-tiled (2 x 4 and 4 x 2) so each value loaded
 * feeds several multiply-adds; sums are kept in doubles and stored once.
 */

/** out = x · wᵀ + b   x: [batch, inputs], w: [outputs, inputs] -> out: [batch, outputs] */
export function denseForward(
	x: Float32Array, w: Float32Array, b: Float32Array, out: Float32Array,
	batch: number, inputs: number, outputs: number,
): void {
	let r = 0;
	for (; r + 1 < batch; r += 2) {
		const x0 = r * inputs, x1 = x0 + inputs;
		const out0 = r * outputs, out1 = out0 + outputs;
		let o = 0;
		for (; o + 3 < outputs; o += 4) {
			const w0 = o * inputs, w1 = w0 + inputs, w2 = w1 + inputs, w3 = w2 + inputs;
			let s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
			for (let i = 0; i < inputs; i++) {
				const a0 = x[x0 + i]!, a1 = x[x1 + i]!;
				const v0 = w[w0 + i]!, v1 = w[w1 + i]!, v2 = w[w2 + i]!, v3 = w[w3 + i]!;
				s00 += a0 * v0; s01 += a0 * v1; s02 += a0 * v2; s03 += a0 * v3;
				s10 += a1 * v0; s11 += a1 * v1; s12 += a1 * v2; s13 += a1 * v3;
			}
			out[out0 + o] = s00 + b[o]!; out[out0 + o + 1] = s01 + b[o + 1]!;
			out[out0 + o + 2] = s02 + b[o + 2]!; out[out0 + o + 3] = s03 + b[o + 3]!;
			out[out1 + o] = s10 + b[o]!; out[out1 + o + 1] = s11 + b[o + 1]!;
			out[out1 + o + 2] = s12 + b[o + 2]!; out[out1 + o + 3] = s13 + b[o + 3]!;
		}
		for (; o < outputs; o++) {
			out[out0 + o] = dot(x, x0, w, o * inputs, inputs) + b[o]!;
			out[out1 + o] = dot(x, x1, w, o * inputs, inputs) + b[o]!;
		}
	}
	for (; r < batch; r++) {
		for (let o = 0; o < outputs; o++) out[r * outputs + o] = dot(x, r * inputs, w, o * inputs, inputs) + b[o]!;
	}
}

/** dw += dzᵀ · x and db += Σ dz (with `replace`, written over them)   dz: [batch, outputs], x: [batch, inputs] -> dw: [outputs, inputs] */
export function accumulateWeightGrad(
	dz: Float32Array, x: Float32Array, dw: Float32Array, db: Float32Array,
	batch: number, inputs: number, outputs: number, replace = false,
): void {
	if (replace) {
		dw.fill(0, 0, outputs * inputs);
		db.fill(0, 0, outputs);
	}
	for (let o = 0; o < outputs; o++) {
		let sum = 0;
		for (let r = 0; r < batch; r++) sum += dz[r * outputs + o]!;
		db[o] = db[o]! + sum;
	}
	let o = 0;
	for (; o + 1 < outputs; o += 2) {
		const dw0 = o * inputs, dw1 = dw0 + inputs;
		let r = 0;
		for (; r + 3 < batch; r += 4) {
			const d00 = dz[r * outputs + o]!, d01 = dz[r * outputs + o + 1]!;
			const d10 = dz[(r + 1) * outputs + o]!, d11 = dz[(r + 1) * outputs + o + 1]!;
			const d20 = dz[(r + 2) * outputs + o]!, d21 = dz[(r + 2) * outputs + o + 1]!;
			const d30 = dz[(r + 3) * outputs + o]!, d31 = dz[(r + 3) * outputs + o + 1]!;
			const x0 = r * inputs, x1 = x0 + inputs, x2 = x1 + inputs, x3 = x2 + inputs;
			for (let i = 0; i < inputs; i++) {
				const a0 = x[x0 + i]!, a1 = x[x1 + i]!, a2 = x[x2 + i]!, a3 = x[x3 + i]!;
				dw[dw0 + i] = dw[dw0 + i]! + (d00 * a0 + d10 * a1 + d20 * a2 + d30 * a3);
				dw[dw1 + i] = dw[dw1 + i]! + (d01 * a0 + d11 * a1 + d21 * a2 + d31 * a3);
			}
		}
		for (; r < batch; r++) {
			axpy(dz[r * outputs + o]!, x, r * inputs, dw, dw0, inputs);
			axpy(dz[r * outputs + o + 1]!, x, r * inputs, dw, dw1, inputs);
		}
	}
	for (; o < outputs; o++) {
		for (let r = 0; r < batch; r++) axpy(dz[r * outputs + o]!, x, r * inputs, dw, o * inputs, inputs);
	}
}

/** dx = dz · w   dz: [batch, outputs], w: [outputs, inputs] -> dx: [batch, inputs] */
export function inputGrad(
	dz: Float32Array, w: Float32Array, dx: Float32Array,
	batch: number, inputs: number, outputs: number,
): void {
	dx.fill(0, 0, batch * inputs);
	let r = 0;
	for (; r + 1 < batch; r += 2) {
		const dz0 = r * outputs, dz1 = dz0 + outputs;
		const dx0 = r * inputs, dx1 = dx0 + inputs;
		let o = 0;
		for (; o + 3 < outputs; o += 4) {
			const g00 = dz[dz0 + o]!, g01 = dz[dz0 + o + 1]!, g02 = dz[dz0 + o + 2]!, g03 = dz[dz0 + o + 3]!;
			const g10 = dz[dz1 + o]!, g11 = dz[dz1 + o + 1]!, g12 = dz[dz1 + o + 2]!, g13 = dz[dz1 + o + 3]!;
			const w0 = o * inputs, w1 = w0 + inputs, w2 = w1 + inputs, w3 = w2 + inputs;
			for (let i = 0; i < inputs; i++) {
				const v0 = w[w0 + i]!, v1 = w[w1 + i]!, v2 = w[w2 + i]!, v3 = w[w3 + i]!;
				dx[dx0 + i] = dx[dx0 + i]! + (g00 * v0 + g01 * v1 + g02 * v2 + g03 * v3);
				dx[dx1 + i] = dx[dx1 + i]! + (g10 * v0 + g11 * v1 + g12 * v2 + g13 * v3);
			}
		}
		for (; o < outputs; o++) {
			axpy(dz[dz0 + o]!, w, o * inputs, dx, dx0, inputs);
			axpy(dz[dz1 + o]!, w, o * inputs, dx, dx1, inputs);
		}
	}
	for (; r < batch; r++) {
		for (let o = 0; o < outputs; o++) axpy(dz[r * outputs + o]!, w, o * inputs, dx, r * inputs, inputs);
	}
}

function dot(a: Float32Array, aStart: number, b: Float32Array, bStart: number, length: number): number {
	let sum = 0;
	for (let i = 0; i < length; i++) sum += a[aStart + i]! * b[bStart + i]!;
	return sum;
}

/** y[yStart..] += alpha · x[xStart..] */
function axpy(alpha: number, x: Float32Array, xStart: number, y: Float32Array, yStart: number, length: number): void {
	if (alpha === 0) return;
	for (let i = 0; i < length; i++) y[yStart + i] = y[yStart + i]! + alpha * x[xStart + i]!;
}
