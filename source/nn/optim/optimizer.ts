import type {Parameter} from '../layer.js';

/** Updates parameters from their gradients; keeps whatever state it needs per parameter. */
export interface Optimizer {
	readonly name: OptimizerName;
	/** The rate of the next step: may be changed between steps, the state carries on. */
	learningRate: number;
	/** How much of the last steps the next one keeps (the momentum optimizer's μ, Adam's β1); plain descent has none. */
	momentum?: number;
	step(parameters: readonly Parameter[]): void;
	/** What it carries from step to step, for a checkpoint: the live arrays, to be copied before the next step. */
	state(): OptimizerState;
	/** Continues from a checkpoint's state: the arrays are copied onto the parameters' backend. Throws on a wrong shape. */
	restore(state: OptimizerState, parameters: readonly Parameter[]): void;
}

export const optimizerNames = ['gd', 'momentum', 'adam'] as const;
export type OptimizerName = (typeof optimizerNames)[number];

/** Counters, and per kind of state one array for each parameter (none before the first step). */
export type OptimizerState = Readonly<Record<string, number | readonly Float32Array[]>>;

/** Copies saved per-parameter arrays onto the parameters' backend, checking that there is one of each parameter's length. */
export function restoreArrays(state: OptimizerState, key: string, parameters: readonly Parameter[]): Float32Array[] {
	const saved = state[key];
	if (!Array.isArray(saved)) throw new Error(`"${key}": expected a list of arrays`);
	const arrays = saved as readonly Float32Array[];
	if (arrays.length === 0) return [];
	if (arrays.length !== parameters.length) throw new Error(`"${key}": expected ${parameters.length} arrays, found ${arrays.length}`);
	return parameters.map(({value, backend}, index) => {
		const array = arrays[index]!;
		if (array.length !== value.length)
			throw new Error(`"${key}" array ${index + 1}: expected ${value.length} numbers, found ${array.length}`);
		const copy = backend.allocate(value.length);
		copy.set(array);
		return copy;
	});
}

/** A whole number of steps from a saved state. */
export function restoreCount(state: OptimizerState, key: string): number {
	const value = state[key];
	if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) throw new Error(`"${key}": expected a whole number of steps`);
	return value;
}
