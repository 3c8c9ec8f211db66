import {printable} from '../../files/printable.js';
import {confusedPairs} from '../../text/confused-pairs.js';
import {duration, loss, percent} from '../../text/format.js';
import {glyphsFor} from '../../text/glyphs.js';
import {networkName} from '../../text/network-name.js';
import {bestSavedText, patienceReason, resumedPlace, stoppedPlace, stoppedProgress} from '../../text/stopped-early.js';
import {formatSetting, momentumName, startingControls} from '../../train/controls.js';
import type {DashboardState} from './dashboard-state.js';

/**
 * What is printed on the normal screen after the dashboard closes: the
 * final and best test accuracy, epochs, time, why --patience stopped it,
 * the most confused pairs and where the model (and the best one) went.
 */
export function summaryLines(state: DashboardState, seconds: number, ascii = false): string[] {
	const {start, lastEpoch: last, best, done} = state;
	if (!start) return [`mnist-tui: stopped while loading, after ${duration(seconds)}`];
	const epochs = state.epochCount;
	const network = networkName(start.layers, start.architecture, ascii);
	const lines = done?.stoppedIn
		? [`mnist-tui: stopped ${network} ${stoppedPlace(done.stoppedIn)} after ${duration(seconds)}`, `  ${stoppedProgress(done.stoppedIn)}`]
		: [
				`mnist-tui: ${done && !done.interrupted ? 'trained' : 'stopped'} ${network} for ${epochs} of ${start.config.epochs} epochs in ${duration(seconds)}`,
			];
	if (start.resumed) lines.push(`  resumed ${resumedPlace(start.resumed)}`);
	if (last && last.testAccuracy !== null && best) {
		lines.push(
			`  test accuracy ${percent(last.testAccuracy)} (loss ${loss(last.testLoss ?? 0)}), best ${percent(best.testAccuracy)} at epoch ${best.epoch}`,
		);
	}
	if (done?.stopped === 'patience' && done.best) lines.push(`  stopped: ${patienceReason(done.best)}`);
	// the last whole epoch's matrix, not a probe's
	const confusion = done?.confusion ?? (state.confusionSource?.startsWith('epoch') ? state.confusion : null);
	if (confusion) {
		const {arrow} = glyphsFor(ascii);
		const pairs = confusedPairs(confusion, start.classes, arrow);
		if (pairs.length > 0) lines.push(...wrapped(`  most confused (true${arrow}predicted): `, pairs));
	}
	const steered = steeredLine(state, ascii);
	if (steered) lines.push(steered);
	lines.push(state.savedTo ? `  model saved to ${printable(state.savedTo)}` : '  model not saved (use --save FILE to keep it)');
	if (done?.bestSavedTo && done.best) lines.push(`  ${bestSavedText(done.best, printable(done.bestSavedTo))}`);
	return lines;
}

/** "  steered to lr 0.025 (from 0.05), momentum 0.95 (from 0.9)": the values in force at the end, when they were changed. */
function steeredLine({start, controls}: DashboardState, ascii: boolean): string | null {
	if (!start || !controls) return null;
	const {optimizer, learningRate} = start.config;
	const started = startingControls(optimizer, learningRate);
	const changes = [
		...(controls.learningRate === started.learningRate
			? []
			: [`lr ${formatSetting(controls.learningRate)} (from ${formatSetting(started.learningRate)})`]),
		...(controls.momentum === started.momentum
			? []
			: [`${momentumName(optimizer, ascii)} ${controls.momentum} (from ${started.momentum})`]),
	];
	return changes.length === 0 ? null : `  steered to ${changes.join(', ')}`;
}

/** The summary fits an 80-column terminal: long class names (Fashion-MNIST) carry the pairs over to lines aligned under the first. */
function wrapped(lead: string, parts: readonly string[], width = 80): string[] {
	const lines = [lead];
	for (const [index, part] of parts.entries()) {
		const text = part + (index < parts.length - 1 ? ',' : '');
		const line = lines.at(-1)!;
		if (line.length > lead.length && line.length + 1 + text.length > width) lines.push(' '.repeat(lead.length) + text);
		else lines[lines.length - 1] = line.length > lead.length ? `${line} ${text}` : line + text;
	}
	return lines;
}
