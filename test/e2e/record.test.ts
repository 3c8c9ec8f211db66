import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, test} from 'node:test';
import {runCli} from '../helpers/cli.js';
import {temporaryFolder} from '../helpers/paths.js';
import {runInTerminal} from './pseudo-terminal.js';

const tiny = ['--limit', '2000', '--test-limit', '500', '--hidden', '16', '--seed', '1'];

interface Cast {
	readonly header: Record<string, unknown>;
	readonly events: readonly [number, string, string][];
	/** The output events' data, joined. */
	readonly output: string;
}

/** Reads an asciicast v2 file, failing on anything that is not one. */
function readCast(path: string): Cast {
	const text = readFileSync(path, 'utf8');
	assert.ok(text.endsWith('\n'), 'every line is complete');
	const [first, ...rest] = text.slice(0, -1).split('\n');
	const header = JSON.parse(first!) as Record<string, unknown>;
	const events = rest.map(line => JSON.parse(line) as [number, string, string]);
	for (const event of events) {
		assert.equal(event.length, 3, JSON.stringify(event));
		assert.equal(typeof event[0], 'number');
		assert.ok(event[1] === 'o' || event[1] === 'r', JSON.stringify(event));
		assert.equal(typeof event[2], 'string');
	}
	return {
		header,
		events,
		output: events
			.filter(event => event[1] === 'o')
			.map(event => event[2])
			.join(''),
	};
}

function assertValidHeader(cast: Cast, width: number, height: number, title: string): void {
	const {header} = cast;
	assert.equal(header.version, 2);
	assert.equal(header.width, width);
	assert.equal(header.height, height);
	assert.ok(
		Number.isInteger(header.timestamp) && Math.abs((header.timestamp as number) - Date.now() / 1000) < 600,
		String(header.timestamp),
	);
	assert.equal(header.title, title);
	const times = cast.events.map(event => event[0]);
	assert.ok(
		times.every((time, index) => time >= 0 && (index === 0 || time >= times[index - 1]!)),
		'times start at 0 and never go back',
	);
}

describe('--record', () => {
	test('records exactly what the dashboard drew, from entering the alternate screen to the summary', async () => {
		const file = join(temporaryFolder(), 'run.cast');
		const terminal = runInTerminal([...tiny, '--epochs', '2', '--record', file], {columns: 100, rows: 30});
		await terminal.waitFor(/training done/);
		terminal.write('q');
		const ended = await terminal.ended;
		assert.equal(ended.code, 0);
		const cast = readCast(file);
		assertValidHeader(cast, 100, 30, `mnist-tui ${tiny.join(' ')} --epochs 2`);
		assert.equal(cast.output, ended.output, 'the recording is what the terminal showed');
		assert.ok(cast.output.startsWith('\u001B[?1049h'), 'it starts by entering the alternate screen');
		for (const words of ['Epoch 2/2', 'Confusion', 'training done', '\u001B[?1049l', 'test accuracy'])
			assert.ok(cast.output.includes(words), words);
		assert.ok(
			cast.output.indexOf('\u001B[?1049l') < cast.output.indexOf('mnist-tui: trained'),
			'the summary comes after leaving the alternate screen',
		);
	});

	test("a Ctrl-C'd run leaves a complete recording and exit code 130", async () => {
		const file = join(temporaryFolder(), 'stopped.cast');
		const terminal = runInTerminal([...tiny, '--epochs', '1000', '--record', file], {columns: 100, rows: 30});
		await terminal.waitFor(/Epoch \d+\/1000/);
		terminal.write('\u0003');
		const ended = await terminal.ended;
		assert.equal(ended.code, 130);
		const cast = readCast(file);
		assertValidHeader(cast, 100, 30, `mnist-tui ${tiny.join(' ')} --epochs 1000`);
		assert.equal(cast.output, ended.output);
		assert.ok(cast.output.includes('\u001B[?1049l'), 'the alternate screen is left, and that is recorded');
	});

	test('browse records too', async () => {
		const folder = temporaryFolder();
		const model = join(folder, 'model.json');
		assert.equal((await runCli([...tiny, '--epochs', '1', '--json', '--save', model])).code, 0);
		const file = join(folder, 'browse.cast');
		const terminal = runInTerminal(['browse', '--model', model, '--test-limit', '500', '--record', file], {columns: 90, rows: 26});
		await terminal.waitFor(/#1 of 500/);
		terminal.write('l');
		await terminal.waitFor(/#2 of 500/);
		terminal.write('q');
		const ended = await terminal.ended;
		assert.equal(ended.code, 0);
		const cast = readCast(file);
		assertValidHeader(cast, 90, 26, `mnist-tui browse --model ${model} --test-limit 500`);
		assert.equal(cast.output, ended.output);
	});

	test('a file that cannot be created is a usage error before anything starts', async () => {
		const missing = join(temporaryFolder(), 'missing');
		const run = await runCli([...tiny, '--epochs', '1', '--json', '--record', join(missing, 'run.cast')]);
		assert.equal(run.code, 2);
		assert.equal(run.stdout, '');
		assert.equal(run.stderr, `mnist-tui: --record ${missing}/run.cast: the folder ${missing} does not exist\n`);
	});
});
