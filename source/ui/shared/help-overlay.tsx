import {Box, type Key, Text} from 'ink';
import {type RefObject, useRef, useState} from 'react';
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
	/** The page and the line shown, and where the overlay tells how long its pages are (useHelp). */
	readonly help?: Pick<Help, 'view' | 'bounds'>;
};

type Bounds = (page: HelpPage) => {lines: number; room: number};

export interface Help {
	readonly shown: boolean;
	readonly view: HelpView;
	/** Each page's lines and the room for them, as the overlay last drew them. */
	readonly bounds: RefObject<Bounds>;
	/** Shows or hides the help; shown again, it starts at the top of the keys. */
	toggle(): void;
	/** Whether the help is shown now, as of the last key (a key handler may run before the frame that shows it). */
	isShown(): boolean;
	/** The help's own keys (scroll, turn the page), for the root's key handler; nothing while the help is hidden. */
	press(input: string, key: Partial<Key>): void;
}

/**
 * The help's state, kept by the root that takes the keys: the root's key
 * handler is always listening, so a key typed the moment the help appears
 * (before Ink takes a handler the overlay would add) still scrolls it.
 */
export function useHelp(): Help {
	const [shown, setShown] = useState(false);
	const [view, setView] = useState<HelpView>(firstHelpView);
	const showing = useRef(false);
	const bounds = useRef<Bounds>(() => ({lines: 0, room: 1}));
	return {
		shown,
		view,
		bounds,
		toggle() {
			showing.current = !showing.current;
			setShown(showing.current);
			setView(firstHelpView);
		},
		isShown: () => showing.current,
		press(input, key) {
			if (!showing.current) return;
			for (const action of helpActionsFor(input, key)) setView(shown => helpReducer(shown, action, bounds.current));
		},
	};
}

/** Lines the title and the footer take. */
const frameLines = 2;

/**
 * The help: the keys of the view shown, and (← →) what its words mean; a
 * page taller than the room scrolls (↑ ↓, j k, PgUp PgDn, Home End), and the
 * last line always says how, and that ? closes.
 */
export function HelpOverlay({bindings, words, width, height, help}: Props) {
	const {glyphs} = useRenderSettings();
	const view = help?.view ?? firstHelpView;
	const room = Math.max(1, height - frameLines);
	const pages: Record<HelpPage, HelpLine[]> = {keys: keyLines(bindings, width, glyphs), words: wordLines(words, width)};
	// the keys read the latest sizes, so a resize between two keys clamps right
	if (help) help.bounds.current = (page: HelpPage) => ({lines: pages[page].length, room});
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
