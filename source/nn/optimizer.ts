import type {Parameter} from './layer.js';

/** Updates parameters from their gradients; keeps whatever state it needs per parameter. */
export interface Optimizer {
	readonly name: OptimizerName;
	step(parameters: readonly Parameter[]): void;
}

export const optimizerNames = ['gd', 'momentum', 'adam'] as const;
export type OptimizerName = (typeof optimizerNames)[number];
