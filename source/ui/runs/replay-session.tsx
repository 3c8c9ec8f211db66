import {render} from 'ink';
import type {LoggedRun} from '../../runs/run-log.js';
import {createDashboardStore} from '../dashboard/dashboard-store.js';
import type {KeyAction} from '../shared/keys.js';
import {RenderProvider} from '../shared/render-context.js';
import type {RenderSettings} from '../shared/render-settings.js';
import {closeInk, inkOptions, type TerminalSession} from '../shared/terminal.js';
import {ReplayApp} from './replay-app.js';
import {replaySteps} from './replay-steps.js';

export interface ReplaySession {
	/** How it ended, once the terminal is restored. */
	readonly closed: Promise<'quit' | 'interrupted'>;
	interrupt(): void;
}

export interface ReplayOptions {
	readonly settings: RenderSettings;
	/** The logged pace times this; 0: each step as soon as the one before is folded in. */
	readonly speed: number;
	readonly title: string;
}

/** The replay in the alternate screen the caller entered: the log's steps fed to the dashboard's store on a timer, p pausing it. */
export function startReplay(run: LoggedRun, terminal: TerminalSession, {settings, speed, title}: ReplayOptions): ReplaySession {
	const store = createDashboardStore();
	const steps = replaySteps(run);
	let next = 0;
	let timer: NodeJS.Timeout | undefined;
	let ending: 'quit' | 'interrupted' | undefined;
	let settle: (how: 'quit' | 'interrupted') => void = () => {};
	const closed = new Promise<'quit' | 'interrupted'>(resolve => (settle = resolve));
	// without a keyboard nobody can press q: the replay closes by itself at the end
	const keysOff = !process.stdin.isTTY;

	const play = () => {
		timer = undefined;
		const step = steps[next];
		if (!step) {
			if (keysOff) close('quit');
			return;
		}
		store.dispatch(step.action);
		next++;
		const following = steps[next];
		const wait = following === undefined ? 0 : speed === 0 ? 0 : (following.wait * 1000) / speed;
		timer = setTimeout(play, wait);
	};
	const close = (how: 'quit' | 'interrupted') => {
		if (ending) return;
		ending = how;
		clearTimeout(timer);
		void closeInk(ink, terminal).then(() => settle(how));
	};
	const onAction = (action: KeyAction) => {
		if (action === 'quit') return close('quit');
		if (action === 'interrupt') return close('interrupted');
		const {phase, paused} = store.getSnapshot();
		if (action !== 'togglePause' || phase === 'done') return;
		if (paused) timer ??= setTimeout(play, 0);
		else {
			clearTimeout(timer);
			timer = undefined;
		}
		store.dispatch({type: 'paused', paused: !paused}, true);
	};

	// the start is folded in before the first frame: a log has no loading to show (the first step never closes the replay)
	play();
	const ink = render(
		<RenderProvider settings={settings}>
			<ReplayApp store={store} title={title} onAction={onAction} />
		</RenderProvider>,
		inkOptions,
	);
	terminal.drawnBy(ink);
	ink.waitUntilExit().catch(() => close('quit'));
	return {closed, interrupt: () => close('interrupted')};
}
