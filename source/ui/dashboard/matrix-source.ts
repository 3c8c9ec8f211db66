import {count} from '../../text/format.js';
import type {DashboardState} from './dashboard-state.js';

/**
 * How the matrix's title names its source: a full pass by its epoch, with the latest probe's
 * accuracy beside it while the next epoch trains; a probe's estimate by when it was taken.
 */
export function matrixSource(state: DashboardState): {
	source: string | null;
	when: string | null;
	estimate: boolean;
	probeAccuracy: number | null;
} {
	const {probe} = state;
	if (state.confusionEstimate)
		return {
			source: state.confusionSource,
			when: probe && `epoch ${probe.epoch}, batch ${count(probe.batch)}`,
			estimate: true,
			probeAccuracy: null,
		};
	const live = state.phase !== 'done' && state.phase !== 'failed' && probe !== null && state.confusion !== null;
	return {source: state.confusionSource, when: null, estimate: false, probeAccuracy: live ? probe.accuracy : null};
}
