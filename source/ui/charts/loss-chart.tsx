import {memo, useMemo} from 'react';
import {useRenderSettings} from '../shared/render-context.js';
import {ChartBox} from './chart-box.js';
import {type StepLosses, stepLossChart} from './step-loss-text.js';

export type Props = StepLosses & {
	readonly width: number;
	/** Rows including the title line. */
	readonly height: number;
};

/** The training loss of every step so far, smoothed, one point per column; drawn again only when new losses (or the size) change it. */
export const LossChart = memo(function LossChart({stepLosses, stepsPerPoint, pendingLosses, width, height}: Props) {
	const {ascii} = useRenderSettings();
	const chart = useMemo(
		() => stepLossChart({stepLosses, stepsPerPoint, pendingLosses}, width, height, ascii),
		[stepLosses, stepsPerPoint, pendingLosses, width, height, ascii],
	);
	return <ChartBox chart={chart} width={width} height={height} />;
});
