import {render} from 'ink';
import {BrowseApp, type Props} from './browse-app.js';
import type {BrowserData} from './browser/browser-data.js';
import {RenderProvider} from './shared/render-context.js';
import type {RenderSettings} from './shared/render-settings.js';
import {closeInk, enterDashboardScreen, inkOptions} from './shared/terminal.js';

/**
 * `browse --model`: the browser in the alternate screen until q, Ctrl-C or a
 * signal; the terminal is restored before the promise settles.
 */
export function browse(
	data: BrowserData,
	network: Props['network'],
	title: string,
	settings: RenderSettings,
): {closed: Promise<void>; close: () => void} {
	const terminal = enterDashboardScreen(process.stdout, process.stdin);
	let settle = () => {};
	const closed = new Promise<void>(resolve => (settle = resolve));
	let closing = false;
	const close = () => {
		if (closing) return;
		closing = true;
		void closeInk(ink, terminal).then(settle);
	};
	const ink = render(
		<RenderProvider settings={settings}>
			<BrowseApp data={data} network={network} title={title} onQuit={close} mouse={terminal.mouse} />
		</RenderProvider>,
		inkOptions,
	);
	terminal.drawnBy(ink);
	return {closed, close};
}
