import assert from 'node:assert/strict';
import {test} from 'node:test';
import {Chalk} from 'chalk';
import Output from '../../../../node_modules/ink/build/output.js';
import {frameOf, inkFrameOf} from '../../../../source/ui/shared/ink-output.js';

const chalk = new Chalk({level: 3});
type Write = {x: number; y: number; text: string; transformers?: ((line: string, index: number) => string)[]};

/** The frame both ways, from the same writes. */
function bothWays(width: number, height: number, writes: readonly Write[]): {kept: string; ink: string} {
	const output = new Output({width, height});
	for (const {x, y, text, transformers = []} of writes) output.write(x, y, text, {transformers});
	return {kept: frameOf(output).output, ink: inkFrameOf(output).output};
}

function assertSame(width: number, height: number, writes: readonly Write[]): void {
	const {kept, ink} = bothWays(width, height, writes);
	assert.equal(JSON.stringify(kept), JSON.stringify(ink));
}

test('plain, styled, overlapping and wide text gives Ink’s frame to the byte', () => {
	const writes: Write[] = [
		{x: 0, y: 0, text: 'plain line\nsecond line'},
		{x: 4, y: 1, text: chalk.red('red') + chalk.bold.dim(' both ') + chalk.inverse.yellow('inv')},
		{x: 2, y: 2, text: `${chalk.cyan('⠦ Training')}  Epoch 5/10  ${chalk.dim('█████▌░░░')}`},
		{x: 0, y: 3, text: '漢字 and 👍 wide, e\u0301 combined'},
		{x: 3, y: 3, text: chalk.green('over')},
		{x: 1, y: 4, text: chalk.bgBlue.white(' bg ') + chalk.hex('#ff8800')('true colour') + chalk.ansi256(200)(' 256')},
		{x: 10, y: 5, text: 'runs past the edge of the grid'},
		{x: 0, y: 6, text: 'below\nthe\nbottom'},
		{x: 0, y: -1, text: 'above the top'},
		{x: 0, y: 5, text: 'x'.repeat(5), transformers: [(line, index) => chalk.magenta(`${line}${index}`)]},
	];
	assertSame(24, 8, writes);
	// the same frame again (cells and rows kept from the frame before), then one that differs in a few rows
	assertSame(24, 8, writes);
	assertSame(24, 8, [...writes, {x: 6, y: 2, text: chalk.blue('changed')}]);
	assertSame(30, 8, writes);
	assertSame(12, 5, writes);
	assertSame(24, 8, [{x: -2, y: 1, text: 'starts left of the grid'}, ...writes]);
});

test('escape codes and characters at the edges of what a line may hold give Ink’s frame', () => {
	const lines = [
		'\u001B[1;31mcompound\u001B[m reset',
		'\u001B[2Jnot a colour',
		'\u001B]8;;https://example.org\u0007link\u001B]8;;\u0007',
		'nbsp\u00A0 and soft\u00ADhyphen',
		`${chalk.red('m')}\u0301 a mark after a code`,
		'a\u0301 a mark after a letter',
		'‼ ↔ ⣿ ▌ ╳ · … ✓',
		'\u009B31mC1 code',
		'tab\tand\rreturn',
	];
	assertSame(
		40,
		lines.length,
		lines.map((text, y) => ({x: 1, y, text})),
	);
});

test('a frame with a clip is Ink’s own', () => {
	const output = new Output({width: 10, height: 3});
	output.clip({x1: 2, x2: 6, y1: 0, y2: 2});
	output.write(0, 0, chalk.red('clipped text\nmore'), {transformers: []});
	output.unclip();
	assert.equal(frameOf(output).output, inkFrameOf(output).output);
});

test('random styled frames, each from the one before with a few lines changed, give Ink’s frames', () => {
	let seed = 7;
	const random = () => {
		seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
		return seed / 2 ** 31;
	};
	const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
	const styles = [(s: string) => s, chalk.red, chalk.dim, chalk.bold, chalk.inverse, chalk.cyan.bold, chalk.dim.yellow, chalk.bgGreen];
	const words = ['loss', '0.1234', '│', '╭─╮', '·', ' ', '97.8%', '█▌', '漢', 'ok'];
	const line = () => Array.from({length: 1 + Math.floor(random() * 6)}, () => pick(styles)(pick(words))).join(pick(['', ' ']));
	let writes: Write[] = Array.from({length: 12}, () => ({x: Math.floor(random() * 30), y: Math.floor(random() * 10), text: line()}));
	for (let frame = 0; frame < 60; frame++) {
		assertSame(40, 10, writes);
		writes = writes.map(write => (random() < 0.2 ? {...write, text: line()} : write));
	}
});

test('more colours than the output stage keeps styles for still give Ink’s frames', () => {
	// 24-bit colours, 1,500 of them over three frames: the kept styles (1,024 at most) are dropped and made again
	for (let frame = 0; frame < 3; frame++) {
		const writes: Write[] = Array.from({length: 10}, (_, y) => ({
			x: 0,
			y,
			text: Array.from({length: 50}, (_, x) => chalk.rgb(frame * 97 + y, x * 5, 50)(String.fromCharCode(97 + ((x + y) % 26)))).join(''),
		}));
		assertSame(60, 10, writes);
		assertSame(60, 10, writes);
	}
});
