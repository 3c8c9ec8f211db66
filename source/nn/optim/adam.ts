import type {Parameter} from '../layer.js';
import {type Optimizer, type OptimizerState, restoreArrays, restoreCount} from './optimizer.js';

/**
 * m = β1·m + (1 − β1)·dW; v = β2·v + (1 − β2)·dW²; W -= stepSize · m / (√(v / correction2) + ε),
 * where stepSize = lr / (1 − β1^t) and correction2 = 1 − β2^t correct the moments' bias.
 */
export function adamStep(
	value: Float32Array,
	grad: Float32Array,
	m: Float32Array,
	v: Float32Array,
	stepSize: number,
	beta1: number,
	beta2: number,
	correction2: number,
	epsilon: number,
): void {
	for (let i = 0; i < value.length; i++) {
		const g = grad[i]!;
		const mi = beta1 * m[i]! + (1 - beta1) * g;
		const vi = beta2 * v[i]! + (1 - beta2) * g * g;
		m[i] = mi;
		v[i] = vi;
		value[i] = value[i]! - (stepSize * mi) / (Math.sqrt(vi / correction2) + epsilon);
	}
}

/** Adam (Kingma & Ba), with bias-corrected first and second moments: the step above on every parameter, by its backend. */
export class Adam implements Optimizer {
	readonly name = 'adam';
	firstMoments: Float32Array[] = [];
	secondMoments: Float32Array[] = [];
	steps = 0;

	constructor(
		public learningRate: number,
		public beta1 = 0.9,
		readonly beta2 = 0.999,
		readonly epsilon = 1e-8,
	) {}

	/** β1 is Adam's momentum; the bias correction of later steps uses the β1 in force at each step. */
	get momentum(): number {
		return this.beta1;
	}

	set momentum(value: number) {
		this.beta1 = value;
	}

	step(parameters: readonly Parameter[]): void {
		this.steps++;
		const {beta1, beta2, epsilon} = this;
		const correction2 = 1 - beta2 ** this.steps;
		const stepSize = this.learningRate / (1 - beta1 ** this.steps);
		parameters.forEach(({value, grad, backend}, index) => {
			const m = (this.firstMoments[index] ??= backend.allocate(value.length));
			const v = (this.secondMoments[index] ??= backend.allocate(value.length));
			backend.updates.adam(value, grad, m, v, stepSize, beta1, beta2, correction2, epsilon);
		});
	}

	state(): OptimizerState {
		return {steps: this.steps, firstMoments: this.firstMoments, secondMoments: this.secondMoments};
	}

	restore(state: OptimizerState, parameters: readonly Parameter[]): void {
		const firstMoments = restoreArrays(state, 'firstMoments', parameters);
		const secondMoments = restoreArrays(state, 'secondMoments', parameters);
		if (firstMoments.length !== secondMoments.length) throw new Error('"firstMoments" and "secondMoments": expected as many arrays');
		// a second moment is a mean of squares
		if (secondMoments.some(moments => moments.some(value => value < 0)))
			throw new Error('"secondMoments": a second moment is never negative');
		this.steps = restoreCount(state, 'steps');
		this.firstMoments = firstMoments;
		this.secondMoments = secondMoments;
	}
}
