import {Box, Text, useInput, useStdin} from 'ink';
import {useRef} from 'react';
import type {FeatureWeights} from '../nn/feature-weights.js';
import type {LayerWeights} from '../nn/network.js';
import {truncate} from '../text/glyphs.js';
import {Browser} from './browser/browser.js';
import type {BrowserData} from './browser/browser-data.js';
import {DrawView} from './draw/draw-view.js';
import {NetworkView} from './network/network-view.js';
import {HelpOverlay, useHelp} from './shared/help-overlay.js';
import {dashboardKeys, type KeyAction, keyHint, runActions} from './shared/keys.js';
import {minimumSize} from './shared/minimum-size.js';
import {useRenderSettings} from './shared/render-context.js';
import {TooSmall} from './shared/too-small.js';
import {useTerminalSize} from './shared/use-terminal-size.js';
import {browseCycle} from './shared/views.js';
import {useScreens} from './use-screens.js';

export type Props = {
	readonly data: BrowserData;
	/** The saved model's weights (a convolutional model's image layers too), and each hidden unit's mean activation on the test set. */
	readonly network: {
		readonly weights: readonly LayerWeights[];
		readonly features?: readonly FeatureWeights[];
		readonly activity: readonly Float32Array[];
	};
	/** The first line: which model, on which images, how well. */
	readonly title: string;
	readonly onQuit: () => void;
	/** Turns the terminal's mouse reporting on (while the canvas is shown) and off. */
	readonly mouse?: (on: boolean) => void;
};

/** Help for the keys that say something else without a run: no dashboard to go to, no --save to honour. */
const browseHelp: Partial<Record<KeyAction, string>> = {
	switchView: 'the next view: test digits, network',
	quit: 'quit',
	interrupt: 'quit, as q does',
};

/** The keys that mean something without training. */
const browseKeys = dashboardKeys
	.filter(binding => !runActions.has(binding.action))
	.map(binding => ({...binding, help: browseHelp[binding.action] ?? binding.help}));

/** `browse --model`: the test digits of a saved model, inside it, and a canvas for it to read; no training. */
export function BrowseApp({data, network, title, onQuit, mouse}: Props) {
	const {ascii, glyphs} = useRenderSettings();
	const {columns, rows} = useTerminalSize();
	const help = useHelp();
	const {isRawModeSupported} = useStdin();
	const keysOn = isRawModeSupported === true;
	// a title line, the view, the hint line, and one spare row so a frame never fills the terminal
	const height = rows - 3;
	const sizes = useRef({body: {width: columns, height}, screen: {width: columns, height: rows - 1}});
	sizes.current = {body: {width: columns, height}, screen: {width: columns, height: rows - 1}};
	const screens = useScreens({
		cycle: browseCycle,
		rootKeys: browseKeys,
		browserData: data,
		weights: network.weights,
		weightsSource: 'saved model',
		predictionWeights: network.weights,
		features: network.features ?? null,
		predictionFeatures: network.features ?? null,
		activity: network.activity,
		sizes: () => sizes.current,
		...(mouse ? {mouse} : {}),
	});
	useInput(
		(input, key) => {
			help.press(input, key);
			for (const action of screens.press(input, key, help.isShown())) {
				if (action === 'interrupt' || action === 'quit') onQuit();
				else if (action === 'toggleHelp') help.toggle();
			}
		},
		{isActive: keysOn},
	);

	if (columns < minimumSize.columns || rows < minimumSize.rows) {
		return <TooSmall columns={columns} rows={rows} status={title} />;
	}
	const {ellipsis} = glyphs;
	const {view: viewHint, next} = screens.hint(ascii);
	const hint = keysOn
		? keyHint({paused: false, finished: true, next, view: viewHint, ascii, width: columns})
		: 'keys off: stdin is not a terminal';
	if (screens.view === 'draw' && !help.shown) {
		return (
			<DrawView
				canvas={screens.canvas}
				inspector={screens.drawingReader}
				classes={data.classes}
				status="saved model"
				keyHint={hint}
				width={columns}
				height={rows - 1}
			/>
		);
	}
	return (
		<Box flexDirection="column" width={columns}>
			<Text bold wrap="truncate">
				{truncate(title, columns, ellipsis)}
			</Text>
			{help.shown ? (
				<Box height={height}>
					<HelpOverlay width={columns} height={height} bindings={screens.helpKeys(false)} words={screens.words} help={help} />
				</Box>
			) : screens.view === 'network' ? (
				<NetworkView data={screens.networkData} state={screens.network} selected={screens.selected} width={columns} height={height} />
			) : (
				<Browser state={screens.browser} width={columns} height={height} reader={screens.digitReader} />
			)}
			<Text dimColor wrap="truncate">
				{truncate(hint, columns, ellipsis)}
			</Text>
		</Box>
	);
}
