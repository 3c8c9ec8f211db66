import {count, percent} from '../../text/format.js';
import {type BarParts, barParts} from '../shared/bars.js';
import type {RunProgress} from './run-progress.js';

/** One labelled bar: "Epoch 3  ████▍░░░░  43.9%  26,340/60,000 images". */
export interface ProgressBarText {
	readonly label: string;
	readonly bar: BarParts;
	/** The percentage and any detail after the bar, starting with its spacing. */
	readonly after: string;
}

const percentWidth = 6;

/**
 * The epoch and run bars fitted to `width`: on two lines with the same label
 * width (so the bars line up), or side by side on one line.
 */
export function progressBars(progress: RunProgress, trainCount: number, width: number, lines: 1 | 2, ascii: boolean): ProgressBarText[] {
	const epochLabel = `Epoch ${progress.epoch}`;
	const bars = [
		{
			label: epochLabel,
			fraction: progress.epochFraction,
			detail: `${count(progress.epochFraction * trainCount)}/${count(trainCount)} images`,
		},
		{label: 'Run', fraction: progress.runFraction, detail: `${progress.epochs} epoch${progress.epochs === 1 ? '' : 's'}`},
	];
	if (lines === 2) {
		const labelWidth = Math.max(...bars.map(bar => bar.label.length));
		const detailWidth = Math.max(...bars.map(bar => bar.detail.length));
		// details only when the bar keeps at least half the line
		const withDetail = width - labelWidth - 2 - 2 - percentWidth - 2 - detailWidth >= width / 2;
		const barWidth = width - labelWidth - 2 - 2 - percentWidth - (withDetail ? 2 + detailWidth : 0);
		return bars.map(bar => ({
			label: `${bar.label.padEnd(labelWidth)}  `,
			bar: barParts(bar.fraction, Math.max(0, barWidth), {ascii}),
			after: `  ${percent(bar.fraction, 1).padStart(percentWidth)}${withDetail ? `  ${bar.detail}` : ''}`,
		}));
	}
	// one line: "Epoch 3 ███░░ 43.9%   Run █░░░ 14.4%"
	const half = Math.floor((width - 3) / 2);
	return bars.map((bar, index) => {
		const room = (index === 0 ? half : width - 3 - half) - bar.label.length - 1 - 1 - percentWidth;
		return {
			label: `${(index === 0 ? '' : '   ') + bar.label} `,
			bar: barParts(bar.fraction, Math.max(0, room), {ascii}),
			after: ` ${percent(bar.fraction, 1).padStart(percentWidth)}`,
		};
	});
}
