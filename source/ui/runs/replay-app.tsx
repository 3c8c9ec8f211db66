import {Box, Text, useInput, useStdin} from 'ink';
import {useState, useSyncExternalStore} from 'react';
import {glossaryFor} from '../../text/glossary.js';
import {truncate} from '../../text/glyphs.js';
import {Dashboard} from '../dashboard/dashboard.js';
import {overlaySize} from '../dashboard/dashboard-layout.js';
import type {DashboardStore} from '../dashboard/dashboard-store.js';
import {HelpOverlay, useHelp} from '../shared/help-overlay.js';
import {actionsFor, type KeyAction, keyHint, runActions, typedInput} from '../shared/keys.js';
import {minimumSize} from '../shared/minimum-size.js';
import {useRenderSettings} from '../shared/render-context.js';
import {useTerminalSize} from '../shared/use-terminal-size.js';
import {replayKeys} from './replay-keys.js';
import {loggedElapsed} from './replay-steps.js';

export type Props = {
	readonly store: DashboardStore;
	/** "Replay of run.jsonl · 2x": the line above the dashboard. */
	readonly title: string;
	/** Pause, quit and interrupt: the session's. */
	readonly onAction: (action: KeyAction) => void;
};

const noWeights = 'a log holds no weights or test images: digits, network and canvas are for live runs';

/**
 * The replay's Ink root: a line saying what is replayed (on the key hints'
 * line when the terminal has no row to spare), then the live run's
 * dashboard drawn from the same store, its clock the logged time.
 */
export function ReplayApp({store, title, onAction}: Props) {
	const {ascii, glyphs} = useRenderSettings();
	const state = useSyncExternalStore(store.subscribe, store.getSnapshot);
	const {columns, rows} = useTerminalSize();
	const help = useHelp();
	const [notice, setNotice] = useState<string | null>(null);
	const {isRawModeSupported} = useStdin();
	const keysOn = isRawModeSupported === true;
	const finished = state.phase === 'done' || state.phase === 'failed';
	useInput(
		(input, key) => {
			help.press(input, key);
			for (const action of actionsFor(typedInput(input, key), replayKeys)) {
				if (action === 'toggleHelp') help.toggle();
				else if (action === 'showNetwork') setNotice(noWeights);
				else {
					setNotice(null);
					onAction(action);
				}
			}
		},
		{isActive: keysOn},
	);
	// once the logged run has ended there is nothing left to pause
	const helpKeys = finished ? replayKeys.filter(binding => !runActions.has(binding.action)) : replayKeys;
	// the title takes a line of its own when the dashboard can spare it, else it leads the key hints (80x24 keeps the full dashboard)
	const titleLine = rows - 1 >= minimumSize.rows;
	const dashboardRows = titleLine ? rows - 1 : rows;
	const body = overlaySize(columns, dashboardRows);
	const keys = keysOn ? keyHint({paused: state.paused, finished, next: null, ascii, width: columns}) : 'keys off: stdin is not a terminal';
	// the keys always show whole: the title gives way
	const hint = titleLine
		? keys
		: `${truncate(notice ?? title, columns - keys.length - glyphs.separator.length, glyphs.ellipsis)}${glyphs.separator}${keys}`;
	const dashboard = (
		<Dashboard
			state={state}
			columns={columns}
			rows={dashboardRows}
			now={loggedElapsed(state) * 1000}
			startedAt={0}
			keyHint={hint}
			{...(help.shown && body
				? {
						overlay: (
							<HelpOverlay width={body.width} height={body.height} bindings={helpKeys} words={glossaryFor('dashboard')} help={help} />
						),
					}
				: {})}
		/>
	);
	if (!titleLine) return dashboard;
	return (
		<Box flexDirection="column">
			<Text bold wrap="truncate">
				{truncate(notice ?? title, columns, glyphs.ellipsis)}
			</Text>
			{dashboard}
		</Box>
	);
}
