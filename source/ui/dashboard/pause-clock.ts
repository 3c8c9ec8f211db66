/** The time a run has spent paused, by Date.now(): the header's elapsed time leaves it out. */
export interface PauseClock {
	/** Milliseconds paused before the current pause. */
	readonly pausedMs: number;
	/** When the current pause began; null when not paused, or not known (a replay's clock is its log's). */
	readonly pausedAt: number | null;
}

/** The time paused so far, with a pause begun or ended at `at`. */
export function pauseClock(state: PauseClock, {paused, at}: {paused: boolean; at?: number}): PauseClock {
	if (at === undefined) return {pausedMs: state.pausedMs, pausedAt: null};
	if (paused) return {pausedMs: state.pausedMs, pausedAt: state.pausedAt ?? at};
	return {pausedMs: state.pausedMs + (state.pausedAt === null ? 0 : Math.max(0, at - state.pausedAt)), pausedAt: null};
}

/** Milliseconds of the pause going on at `now` (0 when not paused, or when its start is not known). */
export function pausedNow({pausedAt}: PauseClock, now: number): number {
	return pausedAt === null ? 0 : Math.max(0, now - pausedAt);
}

/** Seconds the run has been going at `now` since `startedAt`, pauses left out: what the header calls elapsed. */
export function runningSeconds(state: PauseClock, now: number, startedAt: number): number {
	return (now - startedAt - state.pausedMs - pausedNow(state, now)) / 1000;
}
