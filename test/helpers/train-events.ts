import type {TrainConfig} from '../../source/train/config.js';
import type {RunDone, RunEvent} from '../../source/train/events.js';
import {runTraining} from '../../source/train/run.js';

/** Runs to the end, or stops after `stopAfterSteps` optimizer steps; returns every event. */
export async function trainEvents(config: TrainConfig, stopAfterSteps = Infinity): Promise<RunEvent[]> {
	const events: RunEvent[] = [];
	let steps = 0;
	for await (const event of runTraining(config, {stopRequested: () => steps >= stopAfterSteps})) {
		events.push(event);
		if (event.type === 'batch') steps++;
	}
	return events;
}

/** A run's last event, its done. */
export const doneOf = (events: readonly RunEvent[]): RunDone => events.at(-1) as RunDone;

/** A run's epochs, without their times (which no two runs share). */
export const withoutSeconds = (done: RunDone) => done.history.map(({seconds: _s, ...epoch}) => epoch);
