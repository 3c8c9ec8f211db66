import {Box, Text, useInput, useStdin} from 'ink';
import {useReducer, useState} from 'react';
import {truncate} from '../text/glyphs.js';
import {Browser} from './browser/browser.js';
import type {BrowserData} from './browser/browser-data.js';
import {browserKeyHint, browserKeys} from './browser/browser-keys.js';
import {browserReducer, initialBrowserState} from './browser/browser-state.js';
import {useBrowserKeys} from './browser/use-browser-keys.js';
import {HelpOverlay} from './shared/help-overlay.js';
import {actionsFor, dashboardKeys, typedInput} from './shared/keys.js';
import {minimumSize} from './shared/minimum-size.js';
import {useRenderSettings} from './shared/render-context.js';
import {TooSmall} from './shared/too-small.js';
import {useTerminalSize} from './shared/use-terminal-size.js';

export type Props = {
	readonly data: BrowserData;
	/** The first line: which model, on which images, how well. */
	readonly title: string;
	readonly onQuit: () => void;
};

/** Only the keys that mean something without training. */
const browseKeys = dashboardKeys.filter(binding => binding.action === 'toggleHelp' || binding.action === 'quit');

/** `browse --model`: the test digits of a saved model, no training. */
export function BrowseApp({data, title, onQuit}: Props) {
	const {ascii, glyphs} = useRenderSettings();
	const {columns, rows} = useTerminalSize();
	const [browser, dispatch] = useReducer(browserReducer, data, initialBrowserState);
	const [help, setHelp] = useState(false);
	const {isRawModeSupported} = useStdin();
	const keysOn = isRawModeSupported === true;
	const typing = browser.mode.kind === 'goTo';
	useBrowserKeys(dispatch, keysOn && !help);
	useInput(
		(input, key) => {
			for (const action of actionsFor(typedInput(input, key))) {
				if (action === 'interrupt' || (action === 'quit' && !typing)) onQuit();
				else if (action === 'toggleHelp' && !typing) setHelp(shown => !shown);
			}
		},
		{isActive: keysOn},
	);

	if (columns < minimumSize.columns || rows < minimumSize.rows) {
		return <TooSmall columns={columns} rows={rows} status={title} />;
	}
	// a title line, the browser, the hint line, and one spare row so a frame never fills the terminal
	const height = rows - 3;
	const {separator, ellipsis} = glyphs;
	const hint = keysOn ? [browserKeyHint(browser, ascii), '? help', 'q quit'].join(separator) : 'keys off: stdin is not a terminal';
	return (
		<Box flexDirection="column" width={columns}>
			<Text bold wrap="truncate">
				{truncate(title, columns, ellipsis)}
			</Text>
			{help ? (
				<Box height={height}>
					<HelpOverlay width={columns} bindings={[...browseKeys, ...browserKeys]} />
				</Box>
			) : (
				<Browser state={browser} width={columns} height={height} />
			)}
			<Text dimColor wrap="truncate">
				{truncate(hint, columns, ellipsis)}
			</Text>
		</Box>
	);
}
