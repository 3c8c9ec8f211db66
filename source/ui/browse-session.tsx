import {render} from 'ink';
import {BrowseApp} from './browse-app.js';
import type {BrowserData} from './browser/browser-data.js';
import {closeInk, colorOn, enterDashboardScreen, inkOptions} from './shared/terminal.js';

/**
 * `browse --model`: the browser in the alternate screen until q, Ctrl-C or a
 * signal; the terminal is restored before the promise settles.
 */
export function browse(data: BrowserData, title: string, ascii: boolean): {closed: Promise<void>; close: () => void} {
	const terminal = enterDashboardScreen(process.stdout, process.stdin);
	let settle = () => {};
	const closed = new Promise<void>(resolve => (settle = resolve));
	let closing = false;
	const close = () => {
		if (closing) return;
		closing = true;
		void closeInk(ink, terminal).then(settle);
	};
	const ink = render(<BrowseApp data={data} title={title} ascii={ascii} color={colorOn()} onQuit={close} />, inkOptions);
	terminal.drawnBy(ink);
	return {closed, close};
}
