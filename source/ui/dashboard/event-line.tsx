import {useRenderSettings} from '../shared/render-context.js';
import {FittedLines} from '../shared/styled-lines.js';
import {styled} from '../shared/styled-text.js';
import {toneStyle} from '../shared/tones.js';
import type {DashboardState} from './dashboard-state.js';
import {eventParts, fitEventParts} from './event-parts.js';

export type Props = {
	readonly state: DashboardState;
	readonly width: number;
};

/** One line of news: done or stopped, the test loss rising, the best test accuracy, where the model was saved. */
export function EventLine({state, width}: Props) {
	const {ascii} = useRenderSettings();
	const parts = fitEventParts(eventParts(state, ascii), width, ascii);
	return <FittedLines lines={[parts.map(part => styled(part.text, toneStyle[part.tone])).join('')]} width={width} />;
}
