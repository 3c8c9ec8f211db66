import {Box, Text} from 'ink';
import {useMemo} from 'react';
import {type Inspector, scaledPixels} from '../../nn/inspector.js';
import {count} from '../../text/format.js';
import {truncate} from '../../text/glyphs.js';
import type {Cell} from '../../train/metrics.js';
import {ConfusionMatrix} from '../confusion/confusion-matrix.js';
import {cellLine} from '../shared/cell-lines.js';
import {DigitView} from '../shared/digit-view.js';
import {enlargedCells} from '../shared/enlarged-cells.js';
import {useRenderSettings} from '../shared/render-context.js';
import {type BrowserData, imagePixelsOf} from './browser-data.js';
import {type BrowserLayout, browserLayout, digitSize, infoGap, largeDigitSize, smallDigit, stripGap} from './browser-layout.js';
import {confusionOf} from './browser-list.js';
import {type BrowserState, currentList} from './browser-state.js';
import {cellName, emptyText, headerText} from './browser-text.js';
import {DigitFacts} from './digit-facts.js';
import {explainedCells} from './explained-art.js';
import {NeighbourDigit} from './neighbour-digit.js';

export type Props = {
	/** The browser's state, its data (null before the first epoch ends) included. */
	readonly state: BrowserState;
	/** The room it gets: the frame is exactly this size. */
	readonly width: number;
	readonly height: number;
	/** Reads a digit with the weights of its prediction: for `x`, why this prediction. */
	readonly reader?: Inspector | null;
};

/**
 * The prediction browser: a header with the filters and the order, the
 * selected test digit drawn big with neighbours beside it when there is room,
 * its labels and class probabilities, the confusion matrix when there is room
 * or its cursor is on, and a line for prompts and notices at the bottom.
 */
export function Browser({state, width, height, reader = null}: Props) {
	const {ascii, glyphs} = useRenderSettings();
	const layout = browserLayout(width, height);
	const {data} = state;
	return (
		<Box flexDirection="column" width={layout.width} height={layout.height} overflow="hidden">
			<Text bold wrap="truncate">
				{headerText(state, layout.width, ascii)}
			</Text>
			<Text> </Text>
			{data === null ? (
				<Text dimColor wrap="truncate">
					{truncate('predictions appear when the first epoch ends', layout.width, glyphs.ellipsis)}
				</Text>
			) : (
				<Body state={{...state, data}} layout={layout} reader={reader} />
			)}
			<Box flexGrow={1} />
			<Footer state={state} width={layout.width} />
		</Box>
	);
}

type BodyProps = {
	readonly state: BrowserState & {readonly data: BrowserData};
	readonly layout: BrowserLayout;
	readonly reader: Inspector | null;
};

/** The matrix alone in cursor mode when both do not fit; else the digit row (or why there is none) and the matrix below when there is room. */
function Body({state, layout, reader}: BodyProps) {
	const {ascii} = useRenderSettings();
	const {data, mode} = state;
	const confusion = confusionOf(data);
	const source = data.epoch === null ? 'saved model' : `epoch ${data.epoch}`;
	const matrix = (marked: Cell | null, height: number) =>
		confusion && (
			<ConfusionMatrix
				confusion={confusion}
				classes={data.classes}
				source={source}
				marked={marked}
				cursor={mode.kind === 'matrix'}
				width={layout.width}
				height={height}
			/>
		);
	if (mode.kind === 'matrix' && layout.matrixBelow === 0) return matrix(mode.cursor, layout.height - 3);

	const list = currentList(state);
	const index = list[state.position];
	const selectedCell =
		index === undefined || data.labels === null ? null : {actual: data.labels[index]!, predicted: data.predictions[index]!};
	return (
		<>
			{index === undefined ? (
				<Box flexDirection="column" height={layout.mainHeight}>
					<Text color="yellow" wrap="truncate">
						{emptyText(state, ascii)}
					</Text>
					<Text dimColor wrap="truncate">
						Esc clears the filters
					</Text>
				</Box>
			) : (
				<DigitRow state={state} list={list} index={index} layout={layout} reader={reader} />
			)}
			{layout.stripBelow > 0 && <NextDigits state={state} list={list} layout={layout} />}
			{layout.matrixBelow > 0 && confusion && (
				<Box marginTop={1}>{matrix(mode.kind === 'matrix' ? mode.cursor : selectedCell, layout.matrixBelow - 1)}</Box>
			)}
		</>
	);
}

type DigitRowProps = BodyProps & {
	readonly list: Int32Array;
	/** The selected test image, at `state.position` in `list`. */
	readonly index: number;
};

/** The selected digit, its neighbours in the list on either side, and its facts. */
function DigitRow({state, list, index, layout, reader}: DigitRowProps) {
	const {data, position} = state;
	const explained = explainedClass(state, index);
	const neighbour = (offset: number) => {
		const other = list[position + offset];
		return (
			<Box
				key={offset}
				width={smallDigit.width}
				marginTop={layout.neighbourTop}
				flexShrink={0}
				{...(offset < 0 ? {marginRight: stripGap} : {marginLeft: stripGap})}
			>
				{other !== undefined && <NeighbourDigit data={data} index={other} />}
			</Box>
		);
	};
	const offsets = Array.from({length: layout.neighbours}, (_, k) => k + 1);
	const digit = layout.zoom === 2 ? largeDigitSize : digitSize;
	return (
		<Box height={layout.mainHeight} width={layout.width}>
			{[...offsets].reverse().map(offset => neighbour(-offset))}
			<Box flexDirection="column" width={digit.width} height={digit.height} flexShrink={0}>
				{explained !== null && reader ? (
					<ExplainedDigit pixels={imagePixelsOf(data, index)} reader={reader} cls={explained} zoom={layout.zoom} />
				) : (
					<DigitView pixels={imagePixelsOf(data, index)} zoom={layout.zoom} />
				)}
			</Box>
			{offsets.map(offset => neighbour(offset))}
			<Box marginLeft={infoGap} flexShrink={0}>
				<DigitFacts state={state} index={index} listLength={list.length} width={layout.infoWidth} height={layout.mainHeight} />
			</Box>
		</Box>
	);
}

/** Under the large digit: the digits that come after it and its neighbours in the list, small, in a row. */
function NextDigits({state, list, layout}: Omit<DigitRowProps, 'index' | 'reader'>) {
	const first = state.position + layout.neighbours + 1;
	const next = Array.from(list.subarray(first, first + layout.stripBelow));
	return (
		<Box marginTop={1} height={smallDigit.height} width={layout.width} columnGap={stripGap}>
			{next.map(index => (
				<Box key={index} width={smallDigit.width} flexShrink={0}>
					<NeighbourDigit data={state.data} index={index} />
				</Box>
			))}
		</Box>
	);
}

/** The bottom line: the number being typed after `g`, the cell under the matrix cursor, or a notice. */
function Footer({state, width}: {readonly state: BrowserState; readonly width: number}) {
	const {
		ascii,
		color,
		glyphs: {ellipsis, separator},
	} = useRenderSettings();
	const fit = (text: string) => truncate(text, width, ellipsis);
	const {mode, data} = state;
	if (mode.kind === 'goTo') {
		const total = data ? ` (#1 to #${count(data.predictions.length)})` : '';
		return (
			<Text color="cyan" wrap="truncate">
				{fit(`go to #${mode.typed}_${total}${separator}Enter go${separator}Esc cancel`)}
			</Text>
		);
	}
	if (mode.kind === 'matrix' && data) {
		const {actual, predicted} = mode.cursor;
		const images = confusionOf(data)?.[actual]?.[predicted] ?? 0;
		const [trueClass, predictedClass] = [data.classes[actual], data.classes[predicted]];
		const what =
			actual === predicted
				? `${images === 0 ? 'none' : count(images)} right`
				: images === 0
					? `no true ${trueClass} taken for ${predictedClass}`
					: `${count(images)} of true ${trueClass} taken for ${predictedClass}`;
		// an empty cell has nothing to show
		const enter = images === 0 ? '' : `${separator}Enter shows them`;
		return (
			<Text color="cyan" wrap="truncate">
				{fit(`cell ${cellName(actual, predicted, data.classes, ascii)}: ${what}${enter}${separator}Esc leaves`)}
			</Text>
		);
	}
	const index = data ? currentList(state)[state.position] : undefined;
	const explained = index === undefined ? null : explainedClass(state, index);
	if (!state.notice && data && explained !== null) {
		const what = `${explained === data.predictions[index!] ? 'pred' : 'true'} ${data.classes[explained]}`;
		// without colour the overlay is drawn with the signed ramp, as under --ascii
		const colours = ascii || !color ? '.+# pushed it up, -=% pushed it down' : 'blue pushed it up, red pushed it down';
		return (
			<Text color="cyan" wrap="truncate">
				{fit(
					`why ${what}: each pixel's part in its score${separator}${colours}${separator}x: ${state.explain === 'predicted' && data.labels?.[index!] !== data.predictions[index!] ? 'the true class' : 'off'}`,
				)}
			</Text>
		);
	}
	return (
		<Text color="yellow" wrap="truncate">
			{state.notice ? fit(state.notice) : ' '}
		</Text>
	);
}

/** The class `x` explains for the selected digit: the predicted one, or the true one of a mistake; null when off. */
function explainedClass(state: BrowserState, index: number): number | null {
	const {data, explain} = state;
	if (!data || explain === 'off') return null;
	const label = data.labels?.[index];
	return explain === 'true' && label !== undefined ? label : data.predictions[index]!;
}

type ExplainedProps = {
	readonly pixels: Uint8Array;
	readonly reader: Inspector;
	readonly cls: number;
	readonly zoom: 1 | 2;
};

/** The digit with each pixel's contribution to class `cls` drawn over it. */
function ExplainedDigit({pixels, reader, cls, zoom}: ExplainedProps) {
	const {ascii, color} = useRenderSettings();
	const lines = useMemo(() => {
		const cells = explainedCells(pixels, reader.contributions(scaledPixels(pixels), cls), ascii || !color);
		return (zoom === 2 ? enlargedCells(cells, {solid: true}) : cells).map(cellLine);
	}, [pixels, reader, cls, ascii, color, zoom]);
	return (
		<>
			{lines.map((line, index) => (
				<Text key={index} wrap="truncate">
					{line}
				</Text>
			))}
		</>
	);
}
