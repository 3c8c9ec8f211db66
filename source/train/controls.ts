/**
 * Steering a run while it trains: the learning rate doubled or halved, the
 * momentum (Adam's β1) raised or lowered. Pure rules here; the run applies a
 * change to its optimizer between two steps, so it holds from the next step
 * on and the optimizer's state (velocities, moments) carries on.
 */
import type {Optimizer, OptimizerName} from '../nn/optim/optimizer.js';
import {settingRanges} from './config.js';

export type ControlRequest = 'raiseLearningRate' | 'lowerLearningRate' | 'raiseMomentum' | 'lowerMomentum';

export type ControlSetting = 'learningRate' | 'momentum';

/** The settings in force: the base learning rate (the value --lr sets) and the momentum, null for plain descent. */
export interface ControlValues {
	readonly learningRate: number;
	readonly momentum: number | null;
}

/** Momentum moves in steps of this, within these bounds (1 would never forget a gradient). */
export const momentumStep = 0.05;
export const momentumRange = [0, 0.99] as const;

/** The momentum both optimizers that have one start with (momentum's μ, Adam's β1). */
export const defaultMomentum = 0.9;

export type ControlOutcome =
	| {readonly kind: 'changed'; readonly setting: ControlSetting; readonly from: number; readonly to: number; readonly values: ControlValues}
	| {readonly kind: 'refused'; readonly setting: ControlSetting; readonly reason: string};

/** The values a run starts with when nothing was changed yet. */
export const startingControls = (optimizer: OptimizerName, learningRate: number): ControlValues => ({
	learningRate,
	momentum: optimizer === 'gd' ? null : defaultMomentum,
});

/** What a request does to the values in force: the new values, or why not (at a bound, no momentum to change). */
export function applyRequest(values: ControlValues, request: ControlRequest, optimizer: OptimizerName): ControlOutcome {
	if (request === 'raiseLearningRate' || request === 'lowerLearningRate') {
		const from = values.learningRate;
		const to = request === 'raiseLearningRate' ? from * 2 : from / 2;
		const [lowest, highest] = settingRanges.learningRate;
		if (!(to > lowest && to <= highest)) {
			const bound = request === 'raiseLearningRate' ? `it may be at most ${highest}` : `it must stay above ${lowest}`;
			return {kind: 'refused', setting: 'learningRate', reason: `lr stays ${formatSetting(from)}: ${bound}`};
		}
		return {kind: 'changed', setting: 'learningRate', from, to, values: {...values, learningRate: to}};
	}
	if (values.momentum === null) return {kind: 'refused', setting: 'momentum', reason: `${optimizer} has no momentum`};
	const from = values.momentum;
	const [lowest, highest] = momentumRange;
	// in hundredths, on the steps' grid (0.9, 0.95, then the bound 0.99, and back to 0.95): 0.95, not 0.9500000000000001
	const hundredths = Math.round(from * 100);
	const step = Math.round(momentumStep * 100);
	const next = request === 'raiseMomentum' ? (Math.floor(hundredths / step) + 1) * step : (Math.ceil(hundredths / step) - 1) * step;
	const to = Math.min(highest, Math.max(lowest, next / 100));
	if (to === from) {
		const bound = request === 'raiseMomentum' ? `it may be at most ${highest}` : `it may be no lower than ${lowest}`;
		return {kind: 'refused', setting: 'momentum', reason: `${momentumName(optimizer)} stays ${from}: ${bound}`};
	}
	return {kind: 'changed', setting: 'momentum', from, to, values: {...values, momentum: to}};
}

/** Puts the values in force on the optimizer, for its next step. */
export function steer(optimizer: Optimizer, values: ControlValues): void {
	optimizer.learningRate = values.learningRate;
	if (values.momentum !== null && optimizer.momentum !== undefined) optimizer.momentum = values.momentum;
}

/** How the screen names the momentum of an optimizer: Adam's is its β1 ("beta1" in ASCII). */
export const momentumName = (optimizer: OptimizerName, ascii = true): string =>
	optimizer === 'adam' ? (ascii ? 'beta1' : 'β1') : 'momentum';

/** A learning rate or momentum for the screen: four significant digits at most ("0.0125", "7.813e-7"). */
export const formatSetting = (value: number): string => String(Number(value.toPrecision(4)));
