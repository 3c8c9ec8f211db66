/** What a piece of text says by its colour; the words say it too, for a screen without colour. */
export type Tone = 'plain' | 'good' | 'warn' | 'bad' | 'dim';

/** Ink's Text props for a tone. */
export interface ToneStyle {
	readonly color?: string;
	readonly bold?: boolean;
	readonly dimColor?: boolean;
}

export const toneStyle: Readonly<Record<Tone, ToneStyle>> = {
	plain: {},
	good: {color: 'green'},
	warn: {color: 'yellow'},
	bad: {color: 'red'},
	dim: {dimColor: true},
};
