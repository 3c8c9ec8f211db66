import type {LowestTestLoss, PatienceStanding} from '../train/events.js';
import {loss} from './format.js';

/** Why --patience ended a run: "the test loss has not improved for 3 epochs (best 0.0712 at epoch 4)". */
export function patienceReason(best: PatienceStanding): string {
	const epochs = best.epochsWithout === 1 ? 'epoch' : 'epochs';
	return `the test loss has not improved for ${best.epochsWithout} ${epochs} (best ${loss(best.testLoss)} at epoch ${best.epoch})`;
}

/** "stopped after epoch 7: the test loss has not improved for 3 epochs (best 0.0712 at epoch 4)" */
export const patienceStopText = (epochs: number, best: PatienceStanding): string =>
	`stopped after epoch ${epochs}: ${patienceReason(best)}`;

/** Where --save-best put the model: "best model (epoch 4, test loss 0.0712) saved to best.json"; the caller escapes the path. */
export const bestSavedText = (best: LowestTestLoss, path: string): string =>
	`best model (epoch ${best.epoch}, test loss ${loss(best.testLoss)}) saved to ${path}`;
