import {type Glyphs, glyphsFor} from '../../text/glyphs.js';

/** How the screens draw: ASCII only or Unicode, with colour or without, and the glyphs that follow. */
export interface RenderSettings {
	/** ASCII characters only: no blocks, no box drawing, words for marks. */
	readonly ascii: boolean;
	/** Colours on; without them (NO_COLOR) digits are drawn with a shade ramp. */
	readonly color: boolean;
	readonly glyphs: Glyphs;
}

export const renderSettings = (ascii: boolean, color = true): RenderSettings => ({ascii, color, glyphs: glyphsFor(ascii)});

/**
 * The one place that decides, from the command line and the environment:
 * ASCII for --ascii or a terminal that cannot draw more (TERM=dumb), colour
 * by the rules of chalk.
 */
export const renderSettingsFor = (asciiFlag: boolean, env: NodeJS.ProcessEnv = process.env): RenderSettings =>
	renderSettings(asciiFlag || env.TERM === 'dumb', colorOn(env));

/**
 * Whether the dashboard draws in colour, by the rules of chalk (which Ink draws
 * with): FORCE_COLOR wins, off for 0 or false; else NO_COLOR with any value
 * turns colour off (the entry hands that to chalk as FORCE_COLOR=0), and so
 * does TERM=dumb. Without colour the digits are drawn with a shade ramp.
 */
export function colorOn(env: NodeJS.ProcessEnv = process.env): boolean {
	if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
	return !env.NO_COLOR && env.TERM !== 'dumb';
}
