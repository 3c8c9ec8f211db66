import {useMemo} from 'react';
import {useRenderSettings} from '../shared/render-context.js';
import {ChartBox} from './chart-box.js';
import {type StepLosses, stepLossChart} from './step-loss-text.js';

export type Props = StepLosses & {
	readonly width: number;
	/** Rows including the title line. */
	readonly height: number;
};

/** The training loss of every step so far, smoothed, one point per column. */
export function LossChart({stepLosses, stepsPerPoint, pendingLosses, width, height}: Props) {
	const {ascii} = useRenderSettings();
	const chart = useMemo(
		() => stepLossChart({stepLosses, stepsPerPoint, pendingLosses}, width, height, ascii),
		[stepLosses, stepsPerPoint, pendingLosses, width, height, ascii],
	);
	return <ChartBox chart={chart} width={width} height={height} />;
}
