/**
 * A line of compare's text as pieces with a tone: the plain output joins
 * the text, the Ink screen colours it. Every tone is said by the text too
 * (a run's glyph, a sign), so the output reads the same without colour.
 */
export type LineTone = 'plain' | 'dim' | 'title' | 'more' | 'fewer' | `run${number}`;

export interface Piece {
	readonly text: string;
	readonly tone: LineTone;
}

export type Line = readonly Piece[];

export const piece = (text: string, tone: LineTone = 'plain'): Piece => ({text, tone});

export const lineText = (line: Line): string =>
	line
		.map(part => part.text)
		.join('')
		.trimEnd();

/** The glyph that draws run `index` in the charts and leads its rows in the tables: told apart without colour. */
export const runGlyphs = ['*', 'o', '+', 'x', '#', '@', '%', '&'] as const;
export const runGlyph = (index: number): string => runGlyphs[index % runGlyphs.length]!;
export const runTone = (index: number): LineTone => `run${index % runGlyphs.length}`;
