/**
 * `NODE_ENV=production FORCE_COLOR=3 npx tsx bench/dashboard-frames.tsx [--frames N]`
 *
 * The main thread's CPU time for one dashboard frame at 120x40, React and
 * Ink's output stage together: the training fixture moved on by one progress
 * update a frame, drawn by Ink to a stream that takes the place of the
 * terminal, a frame at a time. CPU time, not wall time, so another process
 * on the machine changes it less; run it a few times and take the median.
 */
import {Writable} from 'node:stream';
import {parseArgs} from 'node:util';
import {render} from 'ink';
import {Dashboard} from '../source/ui/dashboard/dashboard.js';
import {type DashboardState, dashboardReducer} from '../source/ui/dashboard/dashboard-state.js';
import {training} from '../test/unit/ui/fixtures.js';
import {withSettings} from '../test/unit/ui/frame.js';

const {values} = parseArgs({options: {frames: {type: 'string', default: '160'}}});
const measured = Number(values.frames);
const warmUp = 80;
let bytes = 0;
const stdout = Object.assign(
	new Writable({
		write(chunk: Buffer, _encoding, done) {
			bytes += chunk.length;
			done();
		},
	}),
	{isTTY: true, columns: 120, rows: 40},
);
const states: DashboardState[] = [];
let state = training;
for (let frame = 0; frame < warmUp + measured; frame++) {
	const batch = 412 + ((frame * 2) % 500);
	const losses = Float32Array.from({length: 2}, (_, i) => 0.1 + 0.05 * Math.sin(frame + i));
	state = dashboardReducer(state, {
		type: 'progress',
		epoch: 4,
		epochs: 10,
		batch,
		batches: 938,
		images: batch * 64,
		loss: losses[1]!,
		seconds: (batch * 64) / 30_000,
		losses,
		at: 1_062_000 + frame * 66,
	});
	states.push(state);
}
const frame = (index: number) =>
	withSettings(
		<Dashboard
			state={states[index]!}
			columns={120}
			rows={40}
			now={1_062_000 + index * 66}
			startedAt={1_000_000}
			keyHint="p pause · ? help · q quit"
		/>,
	);
const ink = render(frame(0), {stdout: stdout as unknown as NodeJS.WriteStream, exitOnCtrlC: false, patchConsole: false, maxFps: 30});
// a frame each 36 ms: past Ink's 30 frames a second, so each update is drawn
const draw = async (from: number, to: number) => {
	for (let index = from; index < to; index++) {
		ink.rerender(frame(index));
		await new Promise(resolve => setTimeout(resolve, 36));
	}
};
await draw(1, warmUp);
const cpu = process.cpuUsage();
const written = bytes;
await draw(warmUp, warmUp + measured);
const used = process.cpuUsage(cpu);
ink.unmount();
console.log(
	`${((used.user + used.system) / 1000 / measured).toFixed(2)} ms CPU a frame, ${((bytes - written) / measured / 1024).toFixed(1)} KiB written a frame`,
);
