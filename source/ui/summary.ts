import type {DashboardState} from './dashboard-state.js';
import {duration, loss, percent} from './format.js';
import {confusedPairs} from './plain-lines.js';

/**
 * What is printed on the normal screen after the dashboard closes: the
 * final and best test accuracy, epochs, time, the most confused pairs and
 * where the model went.
 */
export function summaryLines(state: DashboardState, seconds: number): string[] {
	const {start, lastEpoch: last, best, done} = state;
	if (!start) return [`mnist-tui: stopped while loading, after ${duration(seconds)}`];
	const epochs = state.epochCount;
	const lines = [
		`mnist-tui: ${done && !done.interrupted ? 'trained' : 'stopped'} ${start.layers.join('-')} for ${epochs} of ${start.config.epochs} epochs in ${duration(seconds)}`,
	];
	if (last && last.testAccuracy !== null && best) {
		lines.push(`  test accuracy ${percent(last.testAccuracy)} (loss ${loss(last.testLoss ?? 0)}), best ${percent(best.testAccuracy)} at epoch ${best.epoch}`);
	}
	// the last whole epoch's matrix, not a probe's
	const confusion = done?.confusion ?? (state.confusionSource?.startsWith('epoch') ? state.confusion : null);
	if (confusion) {
		const pairs = confusedPairs(confusion, start.classes);
		if (pairs.length > 0) lines.push(`  most confused (true→predicted): ${pairs.join(', ')}`);
	}
	lines.push(state.savedTo ? `  model saved to ${state.savedTo}` : '  model not saved (use --save FILE to keep it)');
	return lines;
}
