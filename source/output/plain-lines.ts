import {areDigits} from '../train/config.js';
import type {Confusion} from '../train/metrics.js';
import {mostConfused} from '../train/metrics.js';
import type {EpochSummary, RunEvent, RunStart} from '../train/run.js';
import {abbreviate} from '../ui/confusion/confusion-table.js';
import {count, duration, loss, percent} from '../text/format.js';

/**
 * Plain progress: one readable line per event worth a line, for pipes, logs
 * and terminals without the dashboard. Returns undefined for the others.
 */
export function plainLine(event: RunEvent): string | undefined {
	switch (event.type) {
		case 'start': {
			const {config} = event;
			const batch = config.batchSize === 'full' ? 'full batch' : `batch ${config.batchSize}`;
			return [
				`Training ${event.layers.join('-')} on ${count(event.trainCount)} images (${event.trainSource}), testing on ${count(event.testCount)} (${event.testSource})`,
				`${config.optimizer}, lr ${config.learningRate}, ${batch}, ${config.epochs} epoch${config.epochs === 1 ? '' : 's'}, seed ${config.seed}, ${event.backend} backend${event.threads > 1 ? ` on ${event.threads} threads` : ''}`,
				...(areDigits(event.classes) ? [] : [`Classes ${event.classes.join(', ')}`]),
				...(event.resumed ? resumedLines(event.resumed, config.epochs) : []),
			].join('\n');
		}
		case 'epoch':
			return `${epochResults(event, event.epochs)}  ${count(event.samplesPerSecond)} samples/s`;
		case 'done': {
			const lines = [
				`${event.interrupted ? 'Stopped' : 'Done'} after ${event.epochs} epoch${event.epochs === 1 ? '' : 's'} in ${duration(event.seconds)}` +
					(event.testAccuracy === null ? '' : `: test accuracy ${percent(event.testAccuracy)}, test loss ${loss(event.testLoss ?? 0)}`),
			];
			if (event.confusion) lines.push(confusedLine(event.confusion, event.classes));
			if (event.savedTo) lines.push(`Model saved to ${event.savedTo}`);
			return lines.join('\n');
		}
		default:
			return undefined;
	}
}

/** "Epoch 3/10  train loss … acc …  test loss … acc …  1.9s" */
function epochResults(epoch: EpochSummary, epochs: number): string {
	const width = String(epochs).length;
	const test = epoch.testLoss === null || epoch.testAccuracy === null
		? 'test: no labels'
		: `test loss ${loss(epoch.testLoss)} acc ${percent(epoch.testAccuracy)}`;
	return `Epoch ${String(epoch.epoch).padStart(width)}/${epochs}  train loss ${loss(epoch.trainLoss)} acc ${percent(epoch.trainAccuracy)}  ${test}  ${duration(epoch.seconds)}`;
}

/** Where a resumed run picks up, then its earlier epochs as they were. */
function resumedLines(resumed: NonNullable<RunStart['resumed']>, epochs: number): string[] {
	const where = `epoch ${resumed.epochs + 1}${resumed.batch > 0 ? `, step ${resumed.batch + 1}` : ''}`;
	return [`Resuming ${resumed.file} at ${where}`, ...resumed.history.map(epoch => `${epochResults(epoch, epochs)}  (before resuming)`)];
}

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

/** The confusion matrix as text: rows true label, columns predicted (class names cut short, as on the dashboard). */
export function confusionText(confusion: Confusion, classes: readonly string[] = []): string[] {
	const name = (index: number) => classes[index] ?? String(index);
	const columns = confusion.map((_, c) => abbreviate(name(c)));
	const width = Math.max(4, ...confusion.flat().map(value => String(value).length + 1), ...columns.map(column => column.length + 1));
	const labelWidth = Math.max(9, ...confusion.map((_, r) => name(r).length));
	const header = 'true\\pred'.padEnd(labelWidth) + columns.map(column => column.padStart(width)).join('');
	// digits right-aligned under the corner, as they always were; names read from the left
	const label = (r: number) => (areDigits(classes) ? name(r).padStart(labelWidth) : name(r).padEnd(labelWidth));
	return [header, ...confusion.map((row, r) => label(r) + row.map(value => String(value).padStart(width)).join(''))];
}
