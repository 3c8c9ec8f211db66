import {renderToString} from 'ink';
import {classSets, type TrainConfig} from '../../train/config.js';
import {confusionMatrix} from '../../train/metrics.js';
import {RenderProvider} from '../shared/render-context.js';
import type {RenderSettings} from '../shared/render-settings.js';
import {Dashboard} from './dashboard.js';
import {type DashboardAction, type DashboardState, dashboardReducer, initialDashboard} from './dashboard-state.js';

/** The made-up run: test images enough to fill every row of the confusion matrix, and batches of its epochs. */
const testCount = 200;
const batches = 400;
const batchSize = 128;
const stepsAMessage = 100;

/**
 * The training dashboard of a made-up run, `epochs` epochs in, drawn to a
 * string that nobody sees. Drawn a few times while the files load, it has
 * V8 compile the code that draws the dashboard (React's, Ink's and yoga's,
 * the charts', the confusion matrix's) then: otherwise V8's threads compile
 * it in the first second of training, and take the cores from the training
 * threads (on two cores a 2-epoch run's dashboard cost 14–18% of `--json`'s
 * throughput without it, 3–8% with it).
 */
export function warmFrame(config: TrainConfig, columns: number, rows: number, settings: RenderSettings, epochs: number): string {
	const now = Date.now();
	return renderToString(
		<RenderProvider settings={settings}>
			<Dashboard state={madeUpRun(config, epochs)} columns={columns} rows={rows} now={now} startedAt={now - 5_000} keyHint="" />
		</RenderProvider>,
		{columns},
	);
}

/** A run of the configuration's dense network, `epochs` epochs of falling losses and a test set of `testCount` images in: nothing of it is real. */
function madeUpRun(config: TrainConfig, epochs: number): DashboardState {
	const classes = classSets.digits;
	const labels = Uint8Array.from({length: testCount}, (_, index) => index % classes.length);
	const actions: DashboardAction[] = [
		{type: 'loading'},
		{
			type: 'start',
			config,
			layers: [784, ...(config.hidden ?? []), classes.length],
			classes,
			backend: 'wasm',
			threads: 1,
			trainCount: batches * batchSize,
			testCount,
			trainSource: '',
			testSource: '',
			test: {images: new Uint8Array(testCount * 784), labels, count: testCount},
		},
	];
	for (let epoch = 1; epoch <= epochs; epoch++) {
		for (let batch = stepsAMessage; batch <= batches; batch += stepsAMessage) {
			const losses = Float32Array.from({length: stepsAMessage}, (_, step) => 2 / (1 + (epoch - 1) * batches + batch + step));
			const images = batch * batchSize;
			actions.push({type: 'progress', epoch, epochs: 10, batch, batches, images, loss: losses.at(-1)!, seconds: batch / 1000, losses});
		}
		// one image in `epoch + 5` taken for the next digit
		const predictions = labels.map((label, index) => (index % (epoch + 5) === 0 ? (label + 1) % classes.length : label));
		const confusion = confusionMatrix(labels, predictions, classes.length);
		const accuracy = 1 - 1 / (epoch + 5);
		const testLoss = 1 / (epoch + 2);
		actions.push({
			type: 'epoch',
			epoch,
			epochs: 10,
			trainLoss: 1 / (epoch + 1),
			trainAccuracy: accuracy,
			testLoss,
			testAccuracy: accuracy,
			seconds: 1,
			samplesPerSecond: 50_000,
			test: {
				loss: testLoss,
				accuracy,
				confusion,
				predictions,
				probabilities: new Float32Array(testCount * classes.length),
				meanActivations: [],
			},
		});
	}
	return actions.reduce(dashboardReducer, initialDashboard);
}
