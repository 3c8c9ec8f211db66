import type {LowestTestLoss, PatienceStanding, RunStart, StoppedIn} from '../train/events.js';
import {count, loss} from './format.js';

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

/** Where a stopped run stood: "in epoch 2", or "at the end of epoch 2" when it stopped between two epochs ("at the start" before any). */
export function stoppedPlace({epoch, batch}: StoppedIn): string {
	if (batch > 0) return `in epoch ${epoch}`;
	return epoch === 1 ? 'at the start' : `at the end of epoch ${epoch - 1}`;
}

/** How far it got: "1 of 4 epochs complete, 312 of 938 batches of epoch 2". */
export function stoppedProgress({epoch, epochs, batch, batches}: StoppedIn): string {
	const complete = `${epoch - 1} of ${epochs} epoch${epochs === 1 ? '' : 's'} complete`;
	return batch > 0 ? `${complete}, ${count(batch)} of ${count(batches)} batches of epoch ${epoch}` : complete;
}

/** Where a resumed run picks up: "in epoch 2 at batch 313", or "after epoch 1" when its checkpoint was made between two epochs. */
export function resumedPlace({epochs, batch}: Pick<NonNullable<RunStart['resumed']>, 'epochs' | 'batch'>): string {
	return batch > 0 ? `in epoch ${epochs + 1} at batch ${count(batch + 1)}` : `after epoch ${epochs}`;
}
