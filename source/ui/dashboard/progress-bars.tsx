import {Box} from 'ink';
import {useRenderSettings} from '../shared/render-context.js';
import {FittedLines} from '../shared/styled-lines.js';
import {styled} from '../shared/styled-text.js';
import type {DashboardState} from './dashboard-state.js';
import {progressBars} from './progress-text.js';
import {runProgress} from './run-progress.js';

export type Props = {
	readonly state: DashboardState;
	readonly width: number;
	/** Two lines (epoch above run) or both bars on one line. */
	readonly lines: 1 | 2;
};

/** Progress of the epoch and of the whole run. */
export function ProgressBars({state, width, lines}: Props) {
	const {ascii} = useRenderSettings();
	const progress = runProgress(state);
	const color = state.phase === 'done' ? (state.done?.interrupted ? 'yellow' : 'green') : state.paused ? 'yellow' : 'cyan';
	const bars = progress && state.start ? progressBars(progress, state.start.trainCount, width, lines, ascii) : [];
	// each line one Text of pre-coloured runs
	const row = (bar: (typeof bars)[number]) =>
		bar.label + styled(bar.bar.filled, {color}) + styled(bar.bar.empty, {dimColor: true}) + bar.after;
	return (
		<Box flexDirection="column" width={width} height={lines}>
			<FittedLines lines={lines === 2 ? bars.map(row) : [bars.map(row).join('')]} width={width} />
		</Box>
	);
}
