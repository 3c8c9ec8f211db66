/** A hidden layer's activations as a strip of one character a unit, wrapped onto at most `lines` lines of `width`. */
import {shadeRamp} from '../shared/digit-art.js';

/** From silent to the layer's strongest: eighth blocks, or the digits' shade ramp in ASCII. */
const blocks = ' ▁▂▃▄▅▆▇█';

export function unitStrip(values: ArrayLike<number>, width: number, lines: number, ascii: boolean): string[] {
	const ramp = ascii ? shadeRamp : blocks;
	let strongest = 0;
	for (let i = 0; i < values.length; i++) strongest = Math.max(strongest, values[i]!);
	const characters = Array.from({length: values.length}, (_, unit) => {
		const share = strongest > 0 ? Math.max(0, values[unit]!) / strongest : 0;
		return ramp[Math.min(ramp.length - 1, Math.ceil(share * (ramp.length - 1)))]!;
	});
	const per = Math.max(1, width);
	const wrapped = Array.from({length: Math.ceil(characters.length / per)}, (_, line) =>
		characters.slice(line * per, (line + 1) * per).join(''),
	);
	if (wrapped.length <= lines) return wrapped;
	const kept = wrapped.slice(0, lines);
	kept[lines - 1] = `${kept[lines - 1]!.slice(0, per - 1)}${ascii ? '>' : '…'}`;
	return kept;
}
