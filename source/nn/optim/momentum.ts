import type {Parameter} from '../layer.js';
import {type Optimizer, type OptimizerState, restoreArrays} from './optimizer.js';

/** v = μ·v + dW; W -= lr · v, for one parameter and its velocity. */
export function momentumStep(
	value: Float32Array,
	grad: Float32Array,
	velocity: Float32Array,
	learningRate: number,
	momentum: number,
): void {
	for (let i = 0; i < value.length; i++) {
		const v = momentum * velocity[i]! + grad[i]!;
		velocity[i] = v;
		value[i] = value[i]! - learningRate * v;
	}
}

/** Gradient descent with momentum: the step above on every parameter, by its backend. */
export class Momentum implements Optimizer {
	readonly name = 'momentum';
	velocities: Float32Array[] = [];

	constructor(
		public learningRate: number,
		public momentum = 0.9,
	) {}

	step(parameters: readonly Parameter[]): void {
		parameters.forEach(({value, grad, backend}, index) => {
			const velocity = (this.velocities[index] ??= backend.allocate(value.length));
			backend.updates.momentum(value, grad, velocity, this.learningRate, this.momentum);
		});
	}

	state(): OptimizerState {
		return {velocities: this.velocities};
	}

	restore(state: OptimizerState, parameters: readonly Parameter[]): void {
		this.velocities = restoreArrays(state, 'velocities', parameters);
	}
}
