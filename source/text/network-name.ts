import type {Architecture} from '../nn/architecture.js';
import {archFields, hiddenOf} from '../train/network-architecture.js';
import {glyphsFor} from './glyphs.js';

/**
 * How a network is named on the screen and in lines: "784-256-10" for a
 * dense one (its sizes), "cnn 8·16 conv → 128 → 10" for a convolutional one
 * (the filters of each convolution, then the dense layers; "cnn 8,16 conv ->
 * 128 -> 10" in ASCII). Without an architecture (logs of earlier versions),
 * the sizes.
 */
export function networkName(layers: readonly number[], architecture: Architecture | undefined, ascii = false): string {
	const {filters} = archFields(architecture ?? null);
	if (filters === null) return layers.join('-');
	const units = [...hiddenOf(architecture!), layers.at(-1)!];
	const arrow = ` ${glyphsFor(ascii).arrow} `;
	return `cnn ${filters.join(ascii ? ',' : '·')} conv${arrow}${units.join(arrow)}`;
}
