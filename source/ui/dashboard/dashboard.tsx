import {Box} from 'ink';
import {type ReactNode, useMemo} from 'react';
import {truncate} from '../../text/glyphs.js';
import {classSets} from '../../train/config.js';
import {EpochChart} from '../charts/epoch-chart.js';
import {LossChart} from '../charts/loss-chart.js';
import {ConfusionMatrix} from '../confusion/confusion-matrix.js';
import {naturalWidth, readableWidth} from '../confusion/confusion-table.js';
import {useRenderSettings} from '../shared/render-context.js';
import {FittedLines} from '../shared/styled-lines.js';
import {styled} from '../shared/styled-text.js';
import {TooSmall} from '../shared/too-small.js';
import {dashboardLayout, gutter, type Panel} from './dashboard-layout.js';
import {type DashboardState, epochPoints} from './dashboard-state.js';
import {EventLine} from './event-line.js';
import {Header} from './header.js';
import {headerFacts, headerStatus} from './header-text.js';
import {matrixSource} from './matrix-source.js';
import {ProgressBars} from './progress-bars.js';

export type Props = {
	readonly state: DashboardState;
	/** The terminal's size; the frame is at most columns wide and rows - 1 high. */
	readonly columns: number;
	readonly rows: number;
	/** The clock in ms, and when the run started, so a frame depends only on its props. */
	readonly now: number;
	readonly startedAt: number;
	/** The last line, e.g. "p pause · ? help · q quit". */
	readonly keyHint: string;
	/** Drawn instead of the body (between the header and the key hints), clipped to it. */
	readonly overlay?: ReactNode;
};

/** The whole training screen, laid out for the terminal's size. */
export function Dashboard({state, columns, rows, now, startedAt, keyHint, overlay}: Props) {
	const {ascii, glyphs} = useRenderSettings();
	const classes = state.start?.classes ?? classSets.digits;
	const confusionWidth = useMemo(() => naturalWidth(state.confusion, classes), [state.confusion, classes]);
	const readable = useMemo(() => readableWidth(state.confusion, classes), [state.confusion, classes]);
	const {history, pendingEpochs, epochsPerPoint} = state;
	const points = useMemo(() => epochPoints({history, pendingEpochs, epochsPerPoint}), [history, pendingEpochs, epochsPerPoint]);
	const layout = dashboardLayout(columns, rows, {width: confusionWidth, classes: classes.length, readableWidth: readable});
	if (layout.kind === 'too-small') {
		const lead = headerStatus(state, ascii).text;
		const status = `${lead}  ${headerFacts(state, now, startedAt, columns - lead.length - 2, ascii)}`;
		return <TooSmall columns={columns} rows={rows} status={status} />;
	}
	const panel = (item: Panel) => {
		switch (item.kind) {
			case 'bars':
				return <ProgressBars state={state} width={item.width} lines={item.height} />;
			case 'loss-chart':
				return (
					<LossChart
						stepLosses={state.stepLosses}
						stepsPerPoint={state.stepsPerPoint}
						pendingLosses={state.pendingLosses}
						width={item.width}
						height={item.height}
					/>
				);
			case 'confusion':
				return (
					<ConfusionMatrix
						confusion={state.confusion}
						{...matrixSource(state)}
						classes={classes}
						width={item.width}
						height={item.height}
						compact={item.compact}
					/>
				);
			case 'epoch-chart':
				return <EpochChart history={points} kind={item.chart} width={item.width} height={item.height} />;
			case 'events':
				return <EventLine state={state} width={item.width} />;
		}
	};
	return (
		<Box flexDirection="column" width={layout.width} height={layout.height}>
			<Header state={state} width={layout.width} now={now} startedAt={startedAt} />
			{/* only the overlay, whose size is not known here, is clipped: clipping costs Ink a slice of every line */}
			{overlay ? (
				<Box flexDirection="column" width={layout.body.width} height={layout.body.height} overflow="hidden">
					{overlay}
				</Box>
			) : (
				<Box flexDirection="column" width={layout.body.width} height={layout.body.height}>
					{layout.sections.map((section, index) => (
						<Box key={index} marginTop={section.marginTop} height={section.height} width={layout.width} columnGap={gutter} flexShrink={0}>
							{section.panels.map((item, column) => (
								<Box key={column} width={item.width} height={item.height} flexShrink={0}>
									{panel(item)}
								</Box>
							))}
						</Box>
					))}
				</Box>
			)}
			<FittedLines lines={[styled(truncate(keyHint, layout.width, glyphs.ellipsis), {dimColor: true})]} width={layout.width} />
		</Box>
	);
}
