import type {EpochSummary} from './events.js';

/** The best test accuracy so far and the epoch that reached it. */
export interface BestEpoch {
	readonly epoch: number;
	readonly testAccuracy: number;
}

/** The test loss has risen for `epochs` epochs since epoch `since`. */
export interface Rising {
	readonly since: number;
	readonly epochs: number;
}

/** The best test accuracy so far and the epoch that reached it (the first, on a tie). */
export function bestEpoch(history: readonly Pick<EpochSummary, 'epoch' | 'testAccuracy'>[]): BestEpoch | null {
	let best: BestEpoch | null = null;
	for (const {epoch, testAccuracy} of history) {
		if (testAccuracy !== null && (best === null || testAccuracy > best.testAccuracy)) best = {epoch, testAccuracy};
	}
	return best;
}

/**
 * The tutorial's reason for tracking the test cost: the test loss has gone up
 * for the last epoch(s) while the train loss kept falling. `since` is the epoch
 * with the lowest test loss before the rise.
 */
export function testLossRising(history: readonly EpochSummary[]): Rising | null {
	let epochs = 0;
	for (let i = history.length - 1; i >= 1; i--) {
		const before = history[i - 1]!,
			after = history[i]!;
		if (before.testLoss === null || after.testLoss === null) break;
		if (!(after.testLoss > before.testLoss && after.trainLoss < before.trainLoss)) break;
		epochs++;
	}
	return epochs > 0 ? {since: history[history.length - 1 - epochs]!.epoch, epochs} : null;
}
