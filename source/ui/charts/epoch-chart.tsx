import {memo, useMemo} from 'react';
import type {EpochSummary} from '../../train/events.js';
import {useRenderSettings} from '../shared/render-context.js';
import {ChartBox} from './chart-box.js';
import {type EpochChartKind, epochChart} from './epoch-chart-text.js';

export type Props = {
	readonly history: readonly EpochSummary[];
	readonly kind: EpochChartKind;
	readonly width: number;
	/** Rows including the title line. */
	readonly height: number;
};

/** Train (solid, cyan) against test (dashed, yellow) loss or accuracy, one point per epoch; drawn again only when an epoch (or the size) changes it. */
export const EpochChart = memo(function EpochChart({history, kind, width, height}: Props) {
	const {ascii} = useRenderSettings();
	const chart = useMemo(() => epochChart(history, kind, width, height, ascii), [history, kind, width, height, ascii]);
	return <ChartBox chart={chart} width={width} height={height} />;
});
