import type {EpochSummary, LowestTestLoss, PatienceStanding} from './events.js';

/** What the rule reads of each epoch. */
type EpochLoss = Pick<EpochSummary, 'epoch' | 'testLoss' | 'testAccuracy'>;

/**
 * The epoch with the lowest test loss (the first, on a tie: a later epoch must
 * be strictly lower to improve on it); epochs without a test loss are passed over.
 */
export function lowestTestLoss(history: readonly EpochLoss[]): LowestTestLoss | null {
	let best: LowestTestLoss | null = null;
	for (const {epoch, testLoss, testAccuracy} of history) {
		if (testLoss === null || testAccuracy === null) continue;
		if (best === null || testLoss < best.testLoss) best = {epoch, testLoss, testAccuracy};
	}
	return best;
}

/** The lowest test loss so far and how many epochs since have not improved on it; null before any epoch with a test loss. */
export function patienceStanding(history: readonly EpochLoss[]): PatienceStanding | null {
	const best = lowestTestLoss(history);
	const last = history.at(-1);
	return best && last ? {...best, epochsWithout: last.epoch - best.epoch} : null;
}

/**
 * The stopping rule of --patience N: stop once the test loss has not been
 * strictly lower than the best so far for N epochs in a row. A pure function
 * of the history, so a resumed run, whose history comes from its checkpoint,
 * stops at the same epoch as one that never stopped.
 */
export function stopsForPatience(history: readonly EpochLoss[], patience: number): PatienceStanding | null {
	const standing = patienceStanding(history);
	return standing && standing.epochsWithout >= patience ? standing : null;
}
