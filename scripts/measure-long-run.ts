/**
 * `tsx scripts/measure-long-run.ts [--epochs 1000] [--every 100] [--hidden 8] [--limit 500] [--test-limit 200]`
 *
 * Memory over a long run, through the same path as the dashboard: the
 * training worker posts its events, the dashboard store folds them into the
 * state, and the dashboard is rendered from the store (ink-testing-library,
 * 120x40) as a terminal would show it. Prints the resident set size, the
 * JavaScript heap and the peak RSS every `--every` epochs, and the sizes of
 * the state's histories, so growth shows up as a rising column.
 */
import {EventEmitter} from 'node:events';
import {PassThrough} from 'node:stream';
import {parseArgs} from 'node:util';
import type {TrainConfig} from '../source/train/config.js';
import {startTrainingWorker} from '../source/train/worker/worker-host.js';
import {createDashboardStore} from '../source/ui/dashboard/dashboard-store.js';

// as the program does: production React (the development build keeps far more per render), loaded after this
process.env.NODE_ENV ??= 'production';
const {render} = await import('ink');
const {createElement} = await import('react');
const {App} = await import('../source/ui/app.js');
const {values} = parseArgs({
	options: {
		epochs: {type: 'string', default: '1000'},
		every: {type: 'string', default: '100'},
		hidden: {type: 'string', default: '8'},
		limit: {type: 'string', default: '500'},
		'test-limit': {type: 'string', default: '200'},
		'no-render': {type: 'boolean', default: false},
	},
});
const epochs = Number(values.epochs),
	every = Number(values.every);
const config: TrainConfig = {
	hidden: [Number(values.hidden)],
	epochs,
	batchSize: 64,
	learningRate: 0.05,
	optimizer: 'momentum',
	seed: 1,
	backend: 'auto',
	classes: 'digits',
	sources: {},
	limit: Number(values.limit),
	testLimit: Number(values['test-limit']),
};

/** A 120x40 terminal that keeps only the count of frames written to it. */
class Screen extends EventEmitter {
	readonly columns = 120;
	readonly rows = 40;
	frames = 0;
	write(): boolean {
		this.frames++;
		return true;
	}
}

const store = createDashboardStore();
const screen = new Screen();
if (!values['no-render'])
	render(createElement(App, {store, onAction: () => {}, startedAt: Date.now()}), {
		stdout: screen as unknown as NodeJS.WriteStream,
		stdin: new PassThrough() as unknown as NodeJS.ReadStream,
		patchConsole: false,
		exitOnCtrlC: false,
		maxFps: 30,
	});
const mb = (bytes: number) => (bytes / 1048576).toFixed(1).padStart(7);
console.log(`${epochs} epochs of 784-${values.hidden}-10 on ${values.limit} training / ${values['test-limit']} test images`);
console.log(' epoch   rss MB  heap MB  peak rss MB  history points  step-loss points');
const started = performance.now();
await new Promise<void>(resolve => {
	startTrainingWorker(
		config,
		{
			onEvent(event) {
				store.dispatch(event);
				if (event.type !== 'epoch' || (event.epoch % every !== 0 && event.epoch !== 1)) return;
				const state = store.getSnapshot();
				(globalThis as {gc?: () => void}).gc?.();
				const {rss, heapUsed} = process.memoryUsage();
				const peak = process.resourceUsage().maxRSS * 1024;
				console.log(
					`${String(event.epoch).padStart(6)} ${mb(rss)}  ${mb(heapUsed)}      ${mb(peak)}  ${String(state.history.length).padStart(14)}  ${String(state.stepLosses.length).padStart(16)}`,
				);
			},
			onError(error) {
				console.error(error);
				resolve();
			},
			onExit: resolve,
		},
		{probe: {images: 200, everyMs: 1500}},
	);
});
console.log(
	`done in ${((performance.now() - started) / 1000).toFixed(1)} s, ${screen.frames} frames drawn; peak RSS ${mb(process.resourceUsage().maxRSS * 1024).trim()} MB`,
);
process.exit(0);
