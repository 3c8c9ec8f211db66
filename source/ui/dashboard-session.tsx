import {render} from 'ink';
import type {TrainConfig} from '../train/config.js';
import type {ControlRequest} from '../train/controls.js';
import type {EarlyWorker} from '../train/worker/early-worker.js';
import type {FromWorker} from '../train/worker/protocol.js';
import {startTrainingWorker, type TrainingWorker, type WorkerListener} from '../train/worker/worker-host.js';
import {App} from './app.js';
import type {DashboardState} from './dashboard/dashboard-state.js';
import {createDashboardStore} from './dashboard/dashboard-store.js';
import {dashboardAsks} from './dashboard/screen-asks.js';
import {warmFrame} from './dashboard/warm-frames.js';
import {convDemoScript, demoScript} from './demo/demo-script.js';
import type {KeyAction} from './shared/keys.js';
import {RenderProvider} from './shared/render-context.js';
import type {RenderSettings} from './shared/render-settings.js';
import {closeInk, inkOptions, type TerminalSession} from './shared/terminal.js';

const controlRequests: readonly string[] = [
	'raiseLearningRate',
	'lowerLearningRate',
	'raiseMomentum',
	'lowerMomentum',
] satisfies ControlRequest[];
const isControlRequest = (action: KeyAction): action is ControlRequest => controlRequests.includes(action);

export type Ending = 'finished' | 'quit' | 'interrupted' | 'failed';

export interface DashboardOutcome {
	readonly ending: Ending;
	/** The run's failure, when it failed. */
	readonly error: Error | null;
	readonly state: DashboardState;
	readonly seconds: number;
}

export interface DashboardSession {
	readonly outcome: Promise<DashboardOutcome>;
	/** A signal: stop, save, close; a second one closes at once. */
	interrupt(): void;
}

export interface DashboardOptions {
	/** ASCII or Unicode, colour or not. */
	readonly settings: RenderSettings;
	/** Every event from the worker, for --log. */
	readonly onEvent?: (event: Exclude<FromWorker, {type: 'failure'}>) => void;
	/** --demo: play the captioned tour, which ends by quitting. */
	readonly demo?: boolean;
	/** The run, made with dashboardAsks while the screens loaded (and started once the first frame is drawn); otherwise the session starts it. */
	readonly worker?: EarlyWorker;
}

/**
 * While training, the run's news is drawn at most this often (a burst of events, an epoch's end just after a
 * progress message, is one frame): the worker's progress comes as often, so the screen moves 2.5 times a second.
 * A frame takes the main thread from the training threads, which share the cores with it.
 */
const liveFrameMs = 400;

/** How long a stopping run may take to save and finish before it is ended. */
const stopTimeoutMs = 10_000;
/** Frames of a made-up run drawn while the files load (see warmFrame), one a turn of the event loop 20 ms apart. */
const warmFrames = 4;

/** The run's answers to a key (a change or why not, the step the run stopped at or took while paused), its start and its end: drawn at once. */
const drawnAtOnce = (event: Exclude<FromWorker, {type: 'failure'}>, state: DashboardState): boolean =>
	event.type === 'start' ||
	event.type === 'done' ||
	event.type === 'control' ||
	event.type === 'control-refused' ||
	(event.type === 'progress' && state.paused);

/**
 * The interactive run in the alternate screen the caller entered: the Ink
 * app, the training worker and the way out. The terminal is restored before
 * the outcome settles, so the caller can print the summary on the normal screen.
 */
export function startDashboard(config: TrainConfig, terminal: TerminalSession, options: DashboardOptions): DashboardSession {
	const startedAt = Date.now();
	const store = createDashboardStore(liveFrameMs);
	let ending: Ending | undefined;
	let failure: Error | null = null;
	let stopping: Exclude<Ending, 'finished'> | undefined;
	let settle: (outcome: DashboardOutcome) => void = () => {};
	const outcome = new Promise<DashboardOutcome>(resolve => (settle = resolve));

	const close = (how: Ending) => {
		if (ending) return;
		ending = how;
		const seconds = (Date.now() - startedAt) / 1000;
		void worker.terminate();
		void closeInk(ink, terminal).then(() => settle({ending: how, error: failure, state: store.getSnapshot(), seconds}));
	};
	// without a keyboard nobody can press q: a finished run closes by itself (a demo quits when its tour ends)
	const keysOff = !process.stdin.isTTY && !options.demo;

	let startToShow = false;
	const start = options.worker?.attach ?? ((listener: WorkerListener) => startTrainingWorker(config, listener, dashboardAsks));
	const worker: TrainingWorker = start({
		onEvent(event) {
			try {
				options.onEvent?.(event);
			} catch (error) {
				fail(error);
			}
			store.dispatch(event.type === 'progress' ? {...event, at: Date.now()} : event, drawnAtOnce(event, store.getSnapshot()));
			// the run waits for its start to be on the screen: the next frame Ink writes (see onRender)
			if (event.type === 'start') startToShow = true;
			if (event.type === 'done' && stopping) close(stopping);
			else if (event.type === 'done' && keysOff) close('finished');
		},
		onError(error) {
			failure = error;
			store.dispatch({type: 'failed', message: error.message});
			close('failed');
		},
	});

	const stop = (how: Exclude<Ending, 'finished'>) => {
		const {phase} = store.getSnapshot();
		// while loading there is nothing to save yet (and the data may be slow to come): close at once
		if (phase === 'done' || phase === 'failed' || phase === 'loading' || stopping) {
			close(phase === 'done' && how === 'quit' ? 'finished' : how);
			return;
		}
		stopping = how;
		worker.stop();
		setTimeout(() => close(how), stopTimeoutMs).unref();
	};

	// a failure on this side (the screen, the --log file): the run stops and saves, then the session fails
	const fail = (error: unknown) => {
		if (failure) return;
		failure = error instanceof Error ? error : new Error(String(error));
		stop('failed');
	};

	const onAction = (action: KeyAction) => {
		const state = store.getSnapshot();
		if (action === 'quit') return stop('quit');
		if (action === 'interrupt') return stop('interrupted');
		if (action === 'togglePause' && state.phase !== 'done' && state.phase !== 'failed') {
			if (state.paused) worker.resume();
			else worker.pause();
			store.dispatch({type: 'paused', paused: !state.paused, at: Date.now()}, true);
		}
		// the run answers a change with a control event (or why not), shown on the event line
		if (isControlRequest(action) && state.phase === 'training') worker.control(action);
		if (action === 'stepOnce' && state.phase === 'training') {
			if (state.paused) worker.step();
			else store.dispatch({type: 'control-refused', reason: 'n trains one batch while paused: press p first'}, true);
		}
	};

	const demo = options.demo ? {demo: {script: config.arch === 'cnn' ? convDemoScript : demoScript}} : {};
	const app = <App store={store} onAction={onAction} startedAt={startedAt} mouse={terminal.mouse} {...demo} />;
	const onRender = () => {
		if (!startToShow) return;
		startToShow = false;
		worker.shown();
	};
	const ink = render(<RenderProvider settings={options.settings}>{app}</RenderProvider>, {...inkOptions, onRender});
	terminal.drawnBy(ink);
	ink.waitUntilExit().catch(fail);
	warmWhileLoading(() => store.getSnapshot().phase === 'loading' && !ending, config, options.settings);

	return {outcome, interrupt: () => stop('interrupted')};
}

/**
 * Draws the dashboard of a made-up run a few times, to nothing, while
 * `loading` says the files are loading: V8 then compiles the drawing code
 * before training rather than during its first second. A frame that fails
 * to draw ends the warming; the run's own frames would show the same fault.
 */
function warmWhileLoading(loading: () => boolean, config: TrainConfig, settings: RenderSettings): void {
	let drawn = 0;
	const warm = () => {
		if (!loading() || drawn === warmFrames) return;
		try {
			warmFrame(config, process.stdout.columns || 120, process.stdout.rows || 40, settings, 2 + drawn++);
		} catch {
			return;
		}
		setTimeout(warm, 20).unref();
	};
	setTimeout(warm, 20).unref();
}
