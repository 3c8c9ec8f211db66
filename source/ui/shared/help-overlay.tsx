import {Box, Text, useInput, useStdin} from 'ink';
import {useRef, useState} from 'react';
import type {GlossaryEntry} from '../../text/glossary.js';
import {firstHelpView, type HelpView, helpActionsFor, helpReducer, lastTop} from './help-keys.js';
import {type HelpBinding, type HelpLine, type HelpPage, helpFooter, helpTitle, keyLines, wordLines} from './help-pages.js';
import {useRenderSettings} from './render-context.js';

export type Props = {
	/** The keys of the view shown, from the same tables the key handlers read. */
	readonly bindings: readonly HelpBinding[];
	/** What the words on the view shown mean. */
	readonly words: readonly GlossaryEntry[];
	readonly width: number;
	readonly height: number;
};

/** Lines the title and the footer take. */
const frameLines = 2;

/**
 * The help: the keys of the view shown, and (← →) what its words mean; a
 * page taller than the room scrolls (↑ ↓, j k, PgUp PgDn, Home End), and the
 * last line always says how, and that ? closes.
 */
export function HelpOverlay({bindings, words, width, height}: Props) {
	const {glyphs} = useRenderSettings();
	const {isRawModeSupported} = useStdin();
	const [view, setView] = useState<HelpView>(firstHelpView);
	const room = Math.max(1, height - frameLines);
	const pages: Record<HelpPage, HelpLine[]> = {keys: keyLines(bindings, width, glyphs), words: wordLines(words, width)};
	// the keys read the latest sizes, so a resize between two keys clamps right
	const bounds = useRef((page: HelpPage) => ({lines: pages[page].length, room}));
	bounds.current = (page: HelpPage) => ({lines: pages[page].length, room});
	useInput(
		(input, key) => {
			for (const action of helpActionsFor(input, key)) setView(shown => helpReducer(shown, action, bounds.current));
		},
		{isActive: isRawModeSupported === true},
	);
	const lines = pages[view.page];
	// a resize (or the view behind changing) can leave `top` past the end: the last full page shows then
	const top = Math.min(view.top, lastTop(lines.length, room));
	const shown = lines.slice(top, top + room);
	return (
		<Box flexDirection="column" width={width}>
			<Box flexShrink={0}>
				<Text bold wrap="truncate">
					{helpTitle(view.page, glyphs)}
				</Text>
			</Box>
			<Box flexDirection="column" height={shown.length} flexShrink={0}>
				{shown.map((line, index) => (
					<Box key={top + index} flexShrink={0}>
						<Text wrap="truncate">
							<Text color="cyan">{line.lead}</Text>
							{line.text}
						</Text>
					</Box>
				))}
			</Box>
			<Box flexShrink={0}>
				<Text dimColor wrap="truncate">
					{helpFooter({top, shown: shown.length, total: lines.length}, width, glyphs)}
				</Text>
			</Box>
		</Box>
	);
}
