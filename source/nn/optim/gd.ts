import type {Parameter} from '../layer.js';
import type {Optimizer, OptimizerState} from './optimizer.js';

/** Plain gradient descent, the tutorial's update: W -= lr · dW, b -= lr · db. */
export class GradientDescent implements Optimizer {
	readonly name = 'gd';

	constructor(readonly learningRate: number) {}

	step(parameters: readonly Parameter[]): void {
		const lr = this.learningRate;
		for (const {value, grad, backend} of parameters) {
			if (backend?.updates) backend.updates.gradientDescent(value, grad, lr);
			else for (let i = 0; i < value.length; i++) value[i] = value[i]! - lr * grad[i]!;
		}
	}

	/** Plain descent carries nothing from step to step. */
	state(): OptimizerState {
		return {};
	}

	restore(): void {}
}
