/**
 * Softmax output with cross-entropy cost, on logits Z: [batch, classes].
 * The loss comes from the log-sum-exp with the row max subtracted, so it is
 * exact for confident answers (small, never NaN) and never overflows.
 */

/** Probabilities from logits, row by row: probabilities may be the logits buffer. */
export function softmax(logits: Float32Array, probabilities: Float32Array, batch: number, classes: number): void {
	for (let r = 0; r < batch; r++) {
		const start = r * classes;
		let max = -Infinity;
		for (let c = 0; c < classes; c++) max = Math.max(max, logits[start + c]!);
		let sum = 0;
		for (let c = 0; c < classes; c++) {
			const e = Math.exp(logits[start + c]! - max);
			probabilities[start + c] = e;
			sum += e;
		}
		for (let c = 0; c < classes; c++) probabilities[start + c] = probabilities[start + c]! / sum;
	}
}

/** Each row's exponentials, kept at full precision between the sum and the division. */
let exps = new Float64Array(16);

/**
 * The summed cross-entropy −Σ log softmax(Z)[label] over the batch, computed
 * from the logits; turns the logits into probabilities in place on the way.
 */
export function softmaxCrossEntropy(logits: Float32Array, labels: ArrayLike<number>, batch: number, classes: number): number {
	let loss = 0;
	if (exps.length < classes) exps = new Float64Array(classes);
	for (let r = 0; r < batch; r++) {
		const start = r * classes;
		let max = -Infinity,
			top = 0;
		for (let c = 0; c < classes; c++) {
			if (logits[start + c]! > max) {
				max = logits[start + c]!;
				top = c;
			}
		}
		// the top term is exactly 1; log1p of the others keeps a confident answer's tiny loss from rounding to 0
		let others = 0;
		for (let c = 0; c < classes; c++) {
			const e = Math.exp(logits[start + c]! - max);
			exps[c] = e;
			if (c !== top) others += e;
		}
		const sum = 1 + others;
		loss += Math.log1p(others) - (logits[start + labels[r]!]! - max);
		for (let c = 0; c < classes; c++) logits[start + c] = exps[c]! / sum;
	}
	return loss;
}

/**
 * dZ_L = (A_L − Y) · scale, the tutorial's output gradient; scale is 1/m for
 * a batch of m (several calls with the same m accumulate a larger batch).
 * probabilities, grad: [batch, classes]; grad may be the probabilities buffer.
 */
export function softmaxCrossEntropyGrad(
	probabilities: Float32Array,
	labels: ArrayLike<number>,
	grad: Float32Array,
	batch: number,
	classes: number,
	scale: number,
): void {
	for (let r = 0; r < batch; r++) {
		const start = r * classes;
		for (let c = 0; c < classes; c++) grad[start + c] = probabilities[start + c]! * scale;
		const target = start + labels[r]!;
		grad[target] = grad[target]! - scale;
	}
}

/** The index of the largest value in row r of a [batch, classes] matrix: the first of equal ones. */
export function argmaxRow(values: Float32Array, r: number, classes: number): number {
	const start = r * classes;
	let best = 0;
	for (let c = 1; c < classes; c++) if (values[start + c]! > values[start + best]!) best = c;
	return best;
}

/** What the output layer's step measured on a batch; one object, reused. */
export interface BatchResult {
	/** Summed cross-entropy over the batch. */
	loss: number;
	/** How many argmax predictions matched the label. */
	correct: number;
}

/**
 * The output layer's whole step on a training batch, in place of the
 * logits: A = softmax(Z) with the summed cross-entropy into `result.loss`,
 * the rows whose largest probability is the label's into `result.correct`,
 * then dZ = (A − Y)·scale. logits: [batch, classes].
 */
export type OutputStep = (
	logits: Float32Array,
	labels: ArrayLike<number>,
	batch: number,
	classes: number,
	scale: number,
	result: BatchResult,
) => void;

/** The output layer's step as the plain loops above compute it. */
export const softmaxCrossEntropyStep: OutputStep = (logits, labels, batch, classes, scale, result) => {
	result.loss = softmaxCrossEntropy(logits, labels, batch, classes);
	let correct = 0;
	for (let r = 0; r < batch; r++) if (argmaxRow(logits, r, classes) === labels[r]) correct++;
	result.correct = correct;
	softmaxCrossEntropyGrad(logits, labels, logits, batch, classes, scale);
};
