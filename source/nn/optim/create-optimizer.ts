import {Adam} from './adam.js';
import {GradientDescent} from './gd.js';
import {Momentum} from './momentum.js';
import type {Optimizer, OptimizerName} from './optimizer.js';

export function createOptimizer(name: OptimizerName, learningRate: number): Optimizer {
	switch (name) {
		case 'gd':
			return new GradientDescent(learningRate);
		case 'momentum':
			return new Momentum(learningRate);
		case 'adam':
			return new Adam(learningRate);
	}
}
