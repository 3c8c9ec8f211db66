import {Text} from 'ink';
import {truncate} from '../../text/glyphs.js';
import {useRenderSettings} from '../shared/render-context.js';

export type Props = {
	readonly text: string;
	readonly width: number;
};

/** The demo's caption: one line across the screen, like a subtitle. */
export function Caption({text, width}: Props) {
	const {play, ellipsis} = useRenderSettings().glyphs;
	const line = truncate(` ${play} ${text}`, width, ellipsis);
	return (
		<Text bold inverse wrap="truncate">
			{line.padEnd(width)}
		</Text>
	);
}
