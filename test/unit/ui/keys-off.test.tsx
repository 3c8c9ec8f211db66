import assert from 'node:assert/strict';
import {EventEmitter} from 'node:events';
import {PassThrough} from 'node:stream';
import {test} from 'node:test';
import {render} from 'ink';
import stripAnsi from 'strip-ansi';
import {App} from '../../../source/ui/app.js';
import {createDashboardStore} from '../../../source/ui/dashboard/dashboard-store.js';
import type {KeyAction} from '../../../source/ui/shared/keys.js';
import {training} from './fixtures.js';
import {eventually} from './frame.js';

/** A terminal of a given size that keeps the frames Ink writes (debug mode: each frame whole). */
class Screen extends EventEmitter {
	frames: string[] = [];
	constructor(
		readonly columns: number,
		readonly rows: number,
	) {
		super();
	}

	write(frame: string): boolean {
		this.frames.push(frame);
		return true;
	}
}

const startedAt = Date.parse('2026-01-01T00:00:00Z');

test('with stdin not a terminal the dashboard is drawn, keys are off and the last line says so', async () => {
	const screen = new Screen(80, 24);
	// a pipe, not a TTY: no raw mode, so Ink cannot read keys
	const stdin = new PassThrough();
	const actions: KeyAction[] = [];
	const ink = render(
		<App
			store={createDashboardStore(1, training)}
			onAction={action => actions.push(action)}
			startedAt={startedAt}
			clock={() => startedAt + 62_000}
		/>,
		{
			stdout: screen as unknown as NodeJS.WriteStream,
			stdin: stdin as unknown as NodeJS.ReadStream,
			debug: true,
			patchConsole: false,
			exitOnCtrlC: false,
		},
	);
	try {
		const lines = () => stripAnsi(screen.frames.at(-1) ?? '').split('\n');
		await eventually(() => assert.equal(lines().at(-1), 'keys off: stdin is not a terminal'));
		assert.match(lines()[0]!, /^. Training {2}Epoch 4\/10/);
		assert.ok(
			lines().some(line => line.startsWith('Confusion')),
			'the dashboard itself is drawn',
		);
		stdin.write('q');
		stdin.write('p');
		await new Promise(resolve => setTimeout(resolve, 50));
		assert.deepEqual(actions, [], 'typed characters are not keys');
	} finally {
		ink.unmount();
	}
});
