import type {Confusion} from '../train/metrics.js';
import {mostConfused} from '../train/metrics.js';

/** "Most confused (true→predicted): 4→9 (12), 7→2 (9), 3→5 (8)" */
export function confusedLine(confusion: Confusion, classes?: readonly string[]): string {
	const pairs = confusedPairs(confusion, classes);
	return `Most confused (true→predicted): ${pairs.length > 0 ? pairs.join(', ') : 'none'}`;
}

/** The three most confused pairs: ["4→9 (12)", "7→2 (9)", "3→5 (8)"]. */
export function confusedPairs(confusion: Confusion, classes?: readonly string[], arrow = '→'): string[] {
	const name = (index: number) => classes?.[index] ?? String(index);
	return mostConfused(confusion, 3).map(pair => `${name(pair.actual)}${arrow}${name(pair.predicted)} (${pair.count})`);
}
