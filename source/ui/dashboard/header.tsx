import {Box, Text} from 'ink';
import Spinner from 'ink-spinner';
import type {Glyphs} from '../../text/glyphs.js';
import {useRenderSettings} from '../shared/render-context.js';
import {FittedLines} from '../shared/styled-lines.js';
import {styled} from '../shared/styled-text.js';
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
	// the configuration line follows the scheduled learning rate while training (its peak once done), so it is built for each frame
	const config = state.start
		? configLine(state.start, width, ascii, state.controls, state.phase === 'done' ? null : runProgress(state))
		: '';
	const facts = headerFacts(state, now, startedAt, Math.max(0, width - leadWidth - 2), ascii);
	// while loading the spinner turns by its own timer; from the start of training it turns with each progress update
	const lines = state.phase === 'loading' ? null : [leadText(status, glyphs, state) + (facts && `  ${facts}`), dim(config)];
	return (
		<Box flexDirection="column" width={width} height={2}>
			{lines ? (
				<FittedLines lines={lines} width={width} />
			) : (
				<>
					<Text wrap="truncate">
						<Text color="cyan">
							<Spinner type={glyphs.spinner.name} /> {status.text}
						</Text>
						{facts && `  ${facts}`}
					</Text>
					<Text dimColor wrap="truncate">
						{config}
					</Text>
				</>
			)}
		</Box>
	);
}

const dim = (text: string) => styled(text, {dimColor: true});

/** The spinner and what is running, or a word for why nothing is, as pre-coloured text. */
function leadText(status: HeaderStatus, {spinner}: Glyphs, state: DashboardState): string {
	switch (status.kind) {
		case 'working':
			// while training, the spinner turns with each progress update: its own timer would redraw the
			// whole frame 12 times a second beside the worker, and until the first update reaches the
			// screen (up to the frame interval after the start) it stands still
			return styled(`${spinner.frames[state.progressUpdates % spinner.frames.length]} ${status.text}`, {color: 'cyan'});
		case 'paused':
			return styled(` ${status.text} `, {color: 'yellow', bold: true, inverse: true});
		case 'done':
			return styled(status.text, {color: 'green', bold: true});
		case 'stopped':
			return styled(status.text, {color: 'yellow', bold: true});
		case 'failed':
			return styled(status.text, {color: 'red', bold: true});
	}
}
