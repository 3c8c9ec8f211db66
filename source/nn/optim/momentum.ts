import type {Parameter} from '../layer.js';
import {restoreArrays, type Optimizer, type OptimizerState} from './optimizer.js';

/** Gradient descent with momentum: v = μ·v + g; w -= lr · v. */
export class Momentum implements Optimizer {
	readonly name = 'momentum';
	velocities: Float32Array[] = [];

	constructor(readonly learningRate: number, readonly momentum = 0.9) {}

	step(parameters: readonly Parameter[]): void {
		const lr = this.learningRate, mu = this.momentum;
		parameters.forEach(({value, grad, backend}, index) => {
			const velocity = (this.velocities[index] ??= backend ? backend.allocate(value.length) : new Float32Array(value.length));
			if (backend?.updates) return backend.updates.momentum(value, grad, velocity, lr, mu);
			for (let i = 0; i < value.length; i++) {
				const v = mu * velocity[i]! + grad[i]!;
				velocity[i] = v;
				value[i] = value[i]! - lr * v;
			}
		});
	}

	state(): OptimizerState {
		return {velocities: this.velocities};
	}

	restore(state: OptimizerState, parameters: readonly Parameter[]): void {
		this.velocities = restoreArrays(state, 'velocities', parameters);
	}
}
