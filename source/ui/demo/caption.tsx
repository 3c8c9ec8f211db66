import {Text} from 'ink';
import {glyphsFor, truncate} from '../../text/glyphs.js';

export type Props = {
	readonly text: string;
	readonly width: number;
	readonly ascii: boolean;
};

/** The demo's caption: one line across the screen, like a subtitle. */
export function Caption({text, width, ascii}: Props) {
	const line = truncate(` ${ascii ? '>' : '▶'} ${text}`, width, glyphsFor(ascii).ellipsis);
	return <Text bold inverse wrap="truncate">{line.padEnd(width)}</Text>;
}
