import {Text} from 'ink';
import type {DashboardState} from './dashboard-state.js';
import {eventParts, fitEventParts, type EventTone} from './event-parts.js';

export type Props = {
	readonly state: DashboardState;
	readonly width: number;
	readonly ascii: boolean;
};

const toneStyle: Record<EventTone, {color?: string; dimColor?: boolean}> = {
	plain: {}, good: {color: 'green'}, warn: {color: 'yellow'}, bad: {color: 'red'}, dim: {dimColor: true},
};

/** One line of news: done or stopped, the test loss rising, the best test accuracy, where the model was saved. */
export function EventLine({state, width, ascii}: Props) {
	const parts = fitEventParts(eventParts(state), width, ascii);
	return (
		<Text wrap="truncate">
			{parts.map((part, index) => <Text key={index} {...toneStyle[part.tone]}>{part.text}</Text>)}
		</Text>
	);
}
