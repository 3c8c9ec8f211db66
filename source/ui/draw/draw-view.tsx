import {Box, Text} from 'ink';
import {useMemo} from 'react';
import {frameLikeMnist} from '../../data/mnist-framing.js';
import type {Inspector} from '../../nn/inspector.js';
import {truncate} from '../../text/glyphs.js';
import {probabilityText} from '../browser/probability-bars.js';
import {ProbabilityList} from '../browser/probability-list.js';
import {cellLine} from '../shared/cell-lines.js';
import {DigitView} from '../shared/digit-view.js';
import {useRenderSettings} from '../shared/render-context.js';
import {TooSmall} from '../shared/too-small.js';
import {canvasCells} from './canvas-art.js';
import {type CanvasState, isBlank} from './canvas-state.js';
import {type DrawLayout, drawLayout} from './draw-layout.js';
import {DrawingMaps} from './drawing-maps.js';

export type Props = {
	readonly canvas: CanvasState;
	/** The network that reads the drawing (the latest weights); null before there are any. */
	readonly inspector: Inspector | null;
	readonly classes: readonly string[];
	/** What the network is at: "epoch 3 of 10, training", "saved model". */
	readonly status: string;
	readonly keyHint: string;
	/** The whole screen: the frame is at most `width` wide and `height` high. */
	readonly width: number;
	readonly height: number;
};

/**
 * Draw a digit for the network to read: the canvas (mouse or keyboard), what
 * the network sees once the drawing is framed like MNIST, and its answer,
 * renewed with every stroke and, while training, with every new set of
 * weights; a convolutional network's first maps of it where there is room below.
 */
export function DrawView({canvas, inspector, classes, status, keyHint, width, height}: Props) {
	const {ascii, color, glyphs} = useRenderSettings();
	const plain = ascii || !color;
	const layout = drawLayout(width, height);
	const framed = useMemo(() => frameLikeMnist(canvas.image), [canvas.image]);
	const blank = isBlank(canvas.image);
	const reading = useMemo(() => (inspector && !blank ? inspector.read(framed) : null), [inspector, framed, blank]);
	const lines = useMemo(() => canvasCells(canvas, layout.size, plain).map(cellLine), [canvas, layout.size, plain]);
	const fit = (text: string, room = width) => truncate(text, room, glyphs.ellipsis);
	if (layout.kind === 'too-small') return <TooSmall columns={width} rows={height + 1} status={`Draw${glyphs.separator}${status}`} />;
	return (
		<Box flexDirection="column" width={width} height={height}>
			<Text bold wrap="truncate">
				{fit(['Draw', answerText(reading, classes, glyphs.separator), status].join(glyphs.separator))}
			</Text>
			<Box>
				<Box borderStyle={ascii ? 'classic' : 'single'} borderDimColor flexDirection="column" flexShrink={0} alignSelf="flex-start">
					{lines.map((line, index) => (
						<Text key={index}>{line}</Text>
					))}
				</Box>
				<Box flexDirection="column" marginLeft={layout.sideLeft - layout.canvasColumns - 2} width={layout.sideWidth} flexShrink={0}>
					<Side canvas={canvas} framed={framed} reading={reading} classes={classes} layout={layout} inspector={inspector !== null} />
				</Box>
			</Box>
			{reading?.maps[0] && <DrawingMaps maps={reading.maps[0]} width={width} lines={layout.belowLines} />}
			<Box flexGrow={1} />
			<Text dimColor wrap="truncate">
				{fit(keyHint)}
			</Text>
		</Box>
	);
}

type SideProps = {
	readonly canvas: CanvasState;
	readonly framed: Float32Array;
	readonly reading: ReturnType<Inspector['read']> | null;
	readonly classes: readonly string[];
	readonly layout: DrawLayout;
	readonly inspector: boolean;
};

/** What the network sees, its answer as ten bars, and the state of the pen. */
function Side({canvas, framed, reading, classes, layout, inspector}: SideProps) {
	const {glyphs} = useRenderSettings();
	const width = layout.sideWidth;
	const fit = (text: string) => truncate(text, width, glyphs.ellipsis);
	const pixels = useMemo(() => Uint8Array.from(framed, value => Math.round(value * 255)), [framed]);
	const predicted = reading ? argmax(reading.probabilities) : null;
	const pen = canvas.erasing
		? 'eraser: e for the pen'
		: canvas.penDown
			? 'pen down: the cursor draws (space lifts it)'
			: 'pen up: space puts it down';
	return (
		<>
			<Text dimColor wrap="truncate">
				{fit('What the network sees (framed like MNIST)')}
			</Text>
			<DigitView pixels={pixels} scale={layout.seenScale} />
			{!layout.compactSide && <Text> </Text>}
			{reading && predicted !== null ? (
				<>
					<Text bold wrap="truncate">
						{fit(`pred ${classes[predicted]}${glyphs.separator}${probabilityText(reading.probabilities[predicted]!)}`)}
					</Text>
					<ProbabilityList probabilities={reading.probabilities} classes={classes} predicted={predicted} actual={null} width={width} />
				</>
			) : (
				<Text color="yellow" wrap="truncate">
					{fit(inspector ? 'Draw a digit: the answer follows every stroke.' : 'The network reads drawings once training has started.')}
				</Text>
			)}
			{!layout.compactSide && <Text> </Text>}
			<Text wrap="truncate">{fit(pen)}</Text>
			{!layout.compactSide && (
				<Text dimColor wrap="truncate">
					{fit('mouse: left button draws, right button erases')}
				</Text>
			)}
		</>
	);
}

function answerText(reading: ReturnType<Inspector['read']> | null, classes: readonly string[], separator: string): string {
	if (!reading) return 'nothing drawn yet';
	const predicted = argmax(reading.probabilities);
	return `pred ${classes[predicted]}${separator}${probabilityText(reading.probabilities[predicted]!)}`;
}

const argmax = (values: ArrayLike<number>): number => {
	let best = 0;
	for (let i = 1; i < values.length; i++) if (values[i]! > values[best]!) best = i;
	return best;
};
