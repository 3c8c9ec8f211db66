import {Box, Text} from 'ink';
import Spinner from 'ink-spinner';
import type {Glyphs} from '../../text/glyphs.js';
import {useRenderSettings} from '../shared/render-context.js';
import type {DashboardState} from './dashboard-state.js';
import {configLine, type HeaderStatus, headerFacts, headerStatus} from './header-text.js';
import {runProgress} from './run-progress.js';

export type Props = {
	readonly state: DashboardState;
	readonly width: number;
	/** The clock, in ms, passed in so a frame depends only on its props. */
	readonly now: number;
	readonly startedAt: number;
};

/** Two lines: what the run is doing and how far it is, then its configuration. */
export function Header({state, width, now, startedAt}: Props) {
	const {ascii, glyphs} = useRenderSettings();
	const status = headerStatus(state, ascii);
	// the spinner, or PAUSED drawn with a space either side, and two spaces before the facts
	const leadWidth = status.kind === 'working' || status.kind === 'paused' ? status.text.length + 2 : status.text.length;
	// the configuration line follows the scheduled learning rate, so it is built for each frame (a few strings)
	const config = state.start ? configLine(state.start, width, ascii, state.controls, runProgress(state)) : '';
	const facts = headerFacts(state, now, startedAt, Math.max(0, width - leadWidth - 2), ascii);
	return (
		<Box flexDirection="column" width={width} height={2}>
			<Text wrap="truncate">
				{lead(status, glyphs, state)}
				{facts && `  ${facts}`}
			</Text>
			<Text dimColor wrap="truncate">
				{config}
			</Text>
		</Box>
	);
}

/** The spinner and what is running, or a word for why nothing is. */
function lead(status: HeaderStatus, {spinner}: Glyphs, state: DashboardState) {
	switch (status.kind) {
		case 'working': {
			// while training, the spinner turns with each progress update: its own
			// timer would redraw the whole frame 12 times a second beside the worker
			const turning =
				state.progressUpdates === 0 ? <Spinner type={spinner.name} /> : spinner.frames[state.progressUpdates % spinner.frames.length];
			return (
				<Text color="cyan">
					{turning} {status.text}
				</Text>
			);
		}
		case 'paused':
			return <Text color="yellow" bold inverse>{` ${status.text} `}</Text>;
		case 'done':
			return (
				<Text color="green" bold>
					{status.text}
				</Text>
			);
		case 'stopped':
			return (
				<Text color="yellow" bold>
					{status.text}
				</Text>
			);
		case 'failed':
			return (
				<Text color="red" bold>
					{status.text}
				</Text>
			);
	}
}
