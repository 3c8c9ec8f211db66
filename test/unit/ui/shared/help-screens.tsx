/** The help as the roots show it, at a terminal size: the overlay's lines cut out of the whole frame; see help-overlay.test.tsx. */
import {render} from 'ink-testing-library';
import stripAnsi from 'strip-ansi';
import {App} from '../../../../source/ui/app.js';
import {overlaySize} from '../../../../source/ui/dashboard/dashboard-layout.js';
import type {DashboardState} from '../../../../source/ui/dashboard/dashboard-state.js';
import {createDashboardStore} from '../../../../source/ui/dashboard/dashboard-store.js';
import {eventually, withSettings} from '../frame.js';

const startedAt = Date.parse('2026-01-01T00:00:00Z');
const settle = () => new Promise(resolve => setTimeout(resolve, 30));

export interface HelpScreen {
	/** The overlay's lines, trailing blank lines dropped. */
	readonly help: string;
	/** The whole frame's lines. */
	readonly lines: readonly string[];
	/** Typed input, then the frame once `shows` matches it. */
	press(input: string, shows: RegExp): Promise<void>;
	unmount(): void;
}

/** The app at `columns` x `rows` on `state`, after `before` (tab, d…) and ? (and → for the words page). */
export async function helpScreen(
	state: DashboardState,
	columns: number,
	rows: number,
	before: readonly string[] = [],
): Promise<HelpScreen> {
	const store = createDashboardStore(1, state);
	const rendered = render(withSettings(<App store={store} onAction={() => {}} startedAt={startedAt} clock={() => startedAt + 62_000} />));
	// ink-testing-library's terminal is 100 columns by a getter: this one is `columns` wide
	Object.defineProperty(rendered.stdout, 'columns', {value: columns});
	Object.assign(rendered.stdout, {rows});
	rendered.stdout.emit('resize');
	const frame = () => stripAnsi(rendered.lastFrame() ?? '');
	const body = overlaySize(columns, rows)!;
	await settle();
	for (const input of before) {
		rendered.stdin.write(input);
		await settle();
	}
	const press = async (input: string, shows: RegExp) => {
		// again until it shows: keys are live only once React has run its effects, later on a busy machine
		await eventually(() => {
			if (!shows.test(frame())) rendered.stdin.write(input);
			if (!shows.test(frame())) throw new Error(`no ${shows} after ${JSON.stringify(input)}:\n${frame()}`);
		});
		await settle();
	};
	await press('?', /^Keys · → what the words on this screen mean$/m);
	return {
		get lines() {
			return frame().split('\n');
		},
		get help() {
			return frame()
				.split('\n')
				.slice(2, 2 + body.height)
				.map(line => line.trimEnd())
				.join('\n')
				.trimEnd();
		},
		press,
		unmount: rendered.unmount,
	};
}
