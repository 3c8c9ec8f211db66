import {render} from 'ink';
import {BrowseApp} from '../browse-app.js';
import type {BrowserData} from './browser-data.js';
import {enterDashboardScreen} from './terminal.js';

/**
 * `browse --model`: the browser in the alternate screen until q, Ctrl-C or a
 * signal; the terminal is restored before the promise settles.
 */
export function browse(data: BrowserData, title: string, ascii: boolean): {closed: Promise<void>; close: () => void} {
	const terminal = enterDashboardScreen(process.stdout, process.stdin);
	let close = () => {};
	const closed = new Promise<void>(resolve => {
		let closing = false;
		close = () => {
			if (closing) return;
			closing = true;
			ink.unmount();
			void ink.waitUntilExit().catch(() => {}).then(() => new Promise(done => setImmediate(done))).then(() => {
				terminal.restore();
				resolve();
			});
		};
	});
	const color = process.env.FORCE_COLOR !== '0';
	const ink = render(<BrowseApp data={data} title={title} ascii={ascii} color={color} onQuit={() => close()} />, {exitOnCtrlC: false, patchConsole: false, maxFps: 30});
	return {closed, close};
}
