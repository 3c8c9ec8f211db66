import type {Parameter} from '../layer.js';
import type {Optimizer, OptimizerState} from './optimizer.js';

/** The tutorial's update, W -= lr · dW (and b -= lr · db), for one parameter. */
export function gradientDescentStep(value: Float32Array, grad: Float32Array, learningRate: number): void {
	for (let i = 0; i < value.length; i++) value[i] = value[i]! - learningRate * grad[i]!;
}

/** Plain gradient descent: the step above on every parameter, by its backend. */
export class GradientDescent implements Optimizer {
	readonly name = 'gd';

	constructor(public learningRate: number) {}

	step(parameters: readonly Parameter[]): void {
		for (const {value, grad, backend} of parameters) backend.updates.gradientDescent(value, grad, this.learningRate);
	}

	/** Plain descent carries nothing from step to step. */
	state(): OptimizerState {
		return {};
	}

	restore(): void {}
}
