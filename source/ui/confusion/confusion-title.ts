import {percent} from '../../text/format.js';
import {firstFitting, type Glyphs} from '../../text/glyphs.js';

/** What the matrix's title says about where its counts come from. */
export interface TitleParts {
	/** "epoch 3", "saved model", "estimate from 1,000 test images". */
	readonly source: string | null;
	/** When the counts were taken, said after the source when there is room: "epoch 1, batch 300". */
	readonly when?: string | null;
	/** Correct / all of the matrix shown, null when it has no counts. */
	readonly accuracy: number | null;
	/** The counts are a probe's, on a slice of the test set: the accuracy is marked "~", an estimate. */
	readonly estimate?: boolean;
	/** A probe's accuracy during the epoch after the one shown: "probe ~97.60%", the first thing left out when narrow. */
	readonly probeAccuracy?: number | null;
}

/**
 * "Confusion · epoch 5 · accuracy 97.89% · probe ~97.60%",
 * "Confusion · estimate from 1,000 test images · epoch 1, batch 300 · accuracy ~91.20%":
 * the widest that fits in `width`, from the whole title down to the source and accuracy.
 */
export function confusionTitle(parts: TitleParts, width: number, {separator, ellipsis}: Pick<Glyphs, 'separator' | 'ellipsis'>): string {
	const title = (...words: readonly (string | null | undefined)[]) => ['Confusion', ...words.filter(word => word)].join(separator);
	const {source, when} = parts;
	if (parts.accuracy === null) return firstFitting([title(source, when), title(source)], width, ellipsis);
	const accuracy = `${parts.estimate ? '~' : ''}${percent(parts.accuracy)}`;
	const probe = parts.probeAccuracy == null ? null : `probe ~${percent(parts.probeAccuracy)}`;
	const candidates = [
		...(probe ? [title(source, when, `accuracy ${accuracy}`, probe), title(source, when, accuracy, probe)] : []),
		title(source, when, `accuracy ${accuracy}`),
		title(source, when, accuracy),
		title(source, accuracy),
		parts.estimate ? title(`estimate ${accuracy}`) : title(accuracy, source),
	];
	return firstFitting(candidates, width, ellipsis);
}
