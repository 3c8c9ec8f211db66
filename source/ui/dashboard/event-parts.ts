import {printable} from '../../files/printable.js';
import {clock, loss, percent} from '../../text/format.js';
import {glyphsFor, truncate} from '../../text/glyphs.js';
import {patienceStopText} from '../../text/stopped-early.js';
import type {Tone} from '../shared/tones.js';
import {controlText} from './control-text.js';
import type {DashboardState} from './dashboard-state.js';

export interface EventPart {
	readonly text: string;
	/** Said shorter, for when the whole text does not fit. */
	readonly short?: string;
	readonly tone: Tone;
}

/** What happened that is worth a line, most important first. */
export function eventParts(state: DashboardState, ascii = false): EventPart[] {
	const parts: EventPart[] = [];
	if (state.phase === 'failed') parts.push({text: printable(state.error ?? 'training failed'), tone: 'bad'});
	if (state.done?.stopped === 'patience' && state.done.best) {
		const {epochs, best} = state.done;
		parts.push({
			text: patienceStopText(epochs, best),
			short: `stopped after epoch ${epochs}: no lower test loss for ${best.epochsWithout} epoch${best.epochsWithout === 1 ? '' : 's'}`,
			tone: 'good',
		});
	} else if (state.done) {
		parts.push(
			state.done.interrupted
				? {text: `stopped after epoch ${state.done.epochs} (${clock(state.done.seconds)})`, tone: 'warn'}
				: {text: `training done in ${clock(state.done.seconds)}`, tone: 'good'},
		);
	}
	// the latest change of the learning rate or momentum, or why a key changed nothing
	const {control} = state;
	if (control?.type === 'control' && state.start) parts.push({...controlText(control, state.start.config.optimizer, ascii), tone: 'plain'});
	if (control?.type === 'control-refused') parts.push({text: control.reason, tone: 'warn'});
	const {rising, best} = state;
	const patience = state.start?.config.patience;
	const waiting = state.lowestLoss;
	if (patience !== undefined && !state.done && waiting && waiting.epochsWithout > 0) {
		parts.push({
			text: `test loss not lower for ${waiting.epochsWithout} of ${patience} epochs (best ${loss(waiting.testLoss)} at epoch ${waiting.epoch})`,
			short: `patience ${waiting.epochsWithout}/${patience}`,
			tone: 'warn',
		});
	}
	if (rising)
		parts.push({
			text: `test loss rising since epoch ${rising.since}, train loss falling`,
			short: `test loss up since epoch ${rising.since}`,
			tone: 'warn',
		});
	if (best)
		parts.push({
			text: `best test accuracy ${percent(best.testAccuracy)} (epoch ${best.epoch})`,
			short: `best ${percent(best.testAccuracy)} (epoch ${best.epoch})`,
			tone: 'plain',
		});
	if (state.savedTo) parts.push({text: `saved to ${printable(state.savedTo)}`, tone: 'plain'});
	if (parts.length === 0 && state.phase === 'training') {
		const epoch = (state.lastEpoch?.epoch ?? 0) + 1;
		parts.push({text: `test loss and accuracy at the end of epoch ${epoch}`, tone: 'dim'});
	}
	return parts;
}

/**
 * The parts that fit in `width`, in order, joined by separators, each said
 * shorter if that makes it fit. Only the first part is ever cut; a later one
 * that does not fit is left out.
 */
export function fitEventParts(parts: readonly EventPart[], width: number, ascii: boolean): EventPart[] {
	const {separator, ellipsis} = glyphsFor(ascii);
	const fitted: EventPart[] = [];
	let used = 0;
	for (const part of parts) {
		const lead = fitted.length > 0 ? separator : '';
		const room = width - used - lead.length;
		const said = [part.text, part.short ?? part.text].find(text => text.length <= room);
		if (said === undefined && fitted.length > 0) continue;
		const text = said ?? truncate(part.text, room, ellipsis);
		if (lead) fitted.push({text: lead, tone: 'dim'});
		fitted.push({text, tone: part.tone});
		used += lead.length + text.length;
	}
	return fitted;
}
