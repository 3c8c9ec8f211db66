/**
 * Seeded mutations of real input files for the fuzz tests: each takes the
 * bytes (or text) of a valid file and returns a damaged copy and a name that
 * says what was done, so a failing case can be read and replayed.
 */
import type {Rng} from '../../source/nn/rng.js';

export interface Mutant<T> {
	readonly what: string;
	readonly content: T;
}

const pick = <T>(rng: Rng, items: readonly T[]): T => items[rng.int(items.length)]!;

/** Numbers a corrupt header field or a hostile cell might hold. */
const hostileUint32 = [
	0, 1, 2, 3, 9, 10, 27, 28, 29, 255, 256, 784, 1000, 60_000, 1_000_000, 1_000_001, 0x7fff_ffff, 0x8000_0000, 0xffff_ffff,
];

/** Damage to the bytes of an IDX file: truncations, flipped bytes, header fields rewritten, junk appended. */
export function mutateIdx(rng: Rng, bytes: Uint8Array, headerSize: number): Mutant<Uint8Array> {
	const copy = () => bytes.slice();
	switch (rng.int(7)) {
		case 0: {
			const length = rng.next() < 0.5 ? rng.int(headerSize + 4) : rng.int(bytes.length);
			return {what: `truncated to ${length} bytes`, content: bytes.slice(0, length)};
		}
		case 1: {
			const result = copy();
			const flips = 1 + rng.int(8);
			for (let i = 0; i < flips; i++) {
				const at = rng.int(result.length);
				result[at] = result[at]! ^ (1 << rng.int(8));
			}
			return {what: `${flips} bits flipped`, content: result};
		}
		case 2: {
			const result = copy();
			const at = rng.int(headerSize);
			result[at] = rng.int(256);
			return {what: `header byte ${at} set to ${result[at]}`, content: result};
		}
		case 3: {
			// count (4), or rows/columns (8, 12) for images
			const field = pick(rng, headerSize === 16 ? [4, 8, 12] : [4]);
			const value = pick(rng, hostileUint32);
			const result = copy();
			new DataView(result.buffer).setUint32(field, value);
			return {what: `header field at ${field} set to ${value}`, content: result};
		}
		case 4: {
			const extra = 1 + rng.int(2000);
			const result = new Uint8Array(bytes.length + extra);
			result.set(bytes);
			for (let i = bytes.length; i < result.length; i++) result[i] = rng.int(256);
			return {what: `${extra} junk bytes appended`, content: result};
		}
		case 5: {
			const result = copy();
			new DataView(result.buffer).setUint32(0, pick(rng, [0x801, 0x803, 0x802, 0x1f8b0800, 0x30313233, 0]));
			return {what: `magic ${new DataView(result.buffer).getUint32(0).toString(16)}`, content: result};
		}
		default: {
			// labels outside 0-9 or pixels rewritten in the data
			const result = copy();
			const changes = 1 + rng.int(4);
			for (let i = 0; i < changes; i++) result[headerSize + rng.int(Math.max(1, result.length - headerSize))] = rng.int(256);
			return {what: `${changes} data bytes rewritten`, content: result};
		}
	}
}

/** Damage to gzip bytes: truncated, flipped, or cut into the trailer. */
export function mutateGzip(rng: Rng, bytes: Uint8Array): Mutant<Uint8Array> {
	if (rng.next() < 0.5) {
		const length = rng.int(bytes.length);
		return {what: `gzip truncated to ${length} bytes`, content: bytes.slice(0, length)};
	}
	const result = bytes.slice();
	const flips = 1 + rng.int(4);
	// past the 10-byte gzip header, so the data itself is damaged
	for (let i = 0; i < flips; i++) {
		const at = 10 + rng.int(result.length - 10);
		result[at] = result[at]! ^ (1 << rng.int(8));
	}
	return {what: `gzip with ${flips} bits flipped`, content: result};
}

/** Text no path or name should carry to the terminal raw. */
const hostileText = ['\u001b[2J\u001b[H', 'a\nb', '\u0007', 'x\u202egpj.json', '\u0000', '', 'y'.repeat(5000), '__proto__', 'constructor'];

const hostileCells = [
	'',
	' ',
	'-1',
	'256',
	'1e3',
	'0x10',
	'NaN',
	'Infinity',
	' 7 ',
	'3.5',
	'99999999999999999999',
	'"5"',
	'"',
	'\u0000',
	'٣',
	'+1',
	'0b1',
	'1_0',
	'null',
	'-0',
	'\u001b[31m7',
	'\u001b]0;title\u0007',
	'5\u202e',
];

/** Damage to an MNIST CSV: cells, lines, quotes, line ends, very long lines, truncations. */
export function mutateCsv(rng: Rng, text: string): Mutant<string> {
	const lines = text.split('\n');
	const line = rng.int(Math.max(1, lines.length - 1));
	const cells = lines[line]!.split(',');
	switch (rng.int(8)) {
		case 0: {
			const cut = rng.int(text.length);
			return {what: `truncated to ${cut} characters`, content: text.slice(0, cut)};
		}
		case 1: {
			const cell = rng.int(cells.length);
			const value = pick(rng, hostileCells);
			cells[cell] = value;
			lines[line] = cells.join(',');
			return {what: `line ${line + 1} cell ${cell + 1} set to ${JSON.stringify(value)}`, content: lines.join('\n')};
		}
		case 2: {
			const remove = rng.next() < 0.5;
			if (remove) cells.splice(rng.int(cells.length), 1);
			else cells.splice(rng.int(cells.length), 0, String(rng.int(256)));
			lines[line] = cells.join(',');
			return {what: `line ${line + 1} with a cell ${remove ? 'removed' : 'added'}`, content: lines.join('\n')};
		}
		case 3: {
			const at = rng.int(text.length);
			const character = pick(rng, ['"', '\r', '\u0000', ',', '\n', '\uFEFF', ';', '\t', '#', '\u2028']);
			return {what: `${JSON.stringify(character)} put at ${at}`, content: text.slice(0, at) + character + text.slice(at + 1)};
		}
		case 4: {
			const long = rng.next() < 0.5 ? '0,'.repeat(20_000 + rng.int(60_000)) : ','.repeat(70_000 + rng.int(2_000_000));
			lines.splice(line, 0, long);
			return {what: `a ${long.length}-character line before line ${line + 1}`, content: lines.join('\n')};
		}
		case 5: {
			const header = pick(rng, [
				'label',
				`label,${'x,'.repeat(783)}x`,
				`\uFEFFlabel,${Array.from({length: 784}, (_, i) => `pixel${i}`).join(',')}`,
				',,,,',
				'__proto__,constructor',
			]);
			return {what: `header ${JSON.stringify(header.slice(0, 20))}…`, content: `${header}\n${text}`};
		}
		case 6:
			return {what: 'CRLF line ends and a blank last line', content: `${text.replaceAll('\n', '\r\n')}\r\n\r\n`};
		default: {
			const keep = 1 + rng.int(3);
			return {what: `only the first ${keep} lines`, content: lines.slice(0, keep).join('\n')};
		}
	}
}

/** Damage to a model file's JSON text: shapes, numbers, forbidden keys, truncations, nesting. */
export function mutateModel(rng: Rng, text: string): Mutant<string> {
	const model = JSON.parse(text) as {
		layers: {inputs: unknown; outputs: unknown; weights: unknown[]; biases: unknown[]; activation: unknown}[];
		classes: unknown;
		version: unknown;
	};
	const layer = model.layers[rng.int(model.layers.length)]!;
	const edit = (what: string, change: () => void): Mutant<string> => {
		change();
		return {what, content: JSON.stringify(model)};
	};
	switch (rng.int(14)) {
		case 0: {
			const cut = rng.int(text.length);
			return {what: `truncated to ${cut} characters`, content: text.slice(0, cut)};
		}
		case 12: {
			const at = rng.int(10);
			const name = pick(rng, [...hostileText, 'constructor', 'toString', '🙂'.repeat(40), '🙂'.repeat(41), String((at + 1) % 10)]);
			return edit(`class ${at + 1} set to ${JSON.stringify(name).slice(0, 40)}`, () => ((model.classes as unknown[])[at] = name));
		}
		case 13:
			return sizeBomb(rng, text);
		// two harmless changes: the model must still load
		case 10:
			return {what: 'pretty-printed', content: JSON.stringify(model, null, '\t')};
		case 11:
			return edit('extra keys', () => Object.assign(model, {notes: 'x'.repeat(rng.int(100_000)), history: [{epoch: 1}]}));
		case 1: {
			const at = rng.int(text.length);
			const character = pick(rng, ['{', '}', '[', ']', '"', ',', ':', '-', 'e', '9', '\u0000', ' ']);
			return {what: `${JSON.stringify(character)} put at ${at}`, content: text.slice(0, at) + character + text.slice(at + 1)};
		}
		case 2: {
			const key = pick(rng, ['inputs', 'outputs'] as const);
			const value = pick(rng, [0, -1, 1.5, 65_536, 65_537, 1e9, 2 ** 53, '8', null, 7, 9, 11]);
			return edit(`layer ${key} set to ${JSON.stringify(value)}`, () => (layer[key] = value));
		}
		case 3: {
			const drop = 1 + rng.int(3);
			return edit(`${drop} weights removed`, () => layer.weights.splice(rng.int(layer.weights.length), drop));
		}
		case 4: {
			const value = pick(rng, [1e39, -1e39, '0.5', null, true, [], {}, 1e308]);
			return edit(`a weight set to ${JSON.stringify(value)}`, () => (layer.weights[rng.int(layer.weights.length)] = value));
		}
		case 5: {
			const key = pick(rng, ['__proto__', 'constructor', 'prototype']);
			// written into the text: JSON.stringify would not keep a __proto__ key
			const anchor = pick(rng, ['{"format"', '{"type":"dense"', '"training":{']);
			const found = text.indexOf(anchor);
			const position = found < 0 ? 1 : text.indexOf('{', found) + 1;
			const insert = `"${key}":{"polluted":true},`;
			return {what: `key ${key} inserted at ${position}`, content: text.slice(0, position) + insert + text.slice(position)};
		}
		case 6:
			return edit('classes cut to 9', () => (model.classes = (model.classes as string[]).slice(0, 9)));
		case 7: {
			const depth = 1000 + rng.int(200_000);
			return {what: `nested ${depth} deep`, content: `${text.slice(0, -2)},"deep":${'['.repeat(depth)}${']'.repeat(depth)}}`};
		}
		case 8:
			return edit('a layer duplicated', () => model.layers.splice(0, 0, model.layers[0]!));
		default:
			return edit(`biases set to ${layer.biases.length + 1} numbers`, () => layer.biases.push(0));
	}
}

/** A checkpoint as saved: the model file with "training" and "history". */
interface CheckpointFile {
	training: Record<string, unknown> & {
		config: Record<string, unknown> & {sources: Record<string, unknown>};
		optimizerState: Record<string, unknown>;
	};
	history: Record<string, unknown>[];
	classes: unknown[];
}

/** Values that are wrong in some way for most fields: negative, fractional, huge, of another type. */
const hostileValues = [-1, 0, 0.5, 1.5, 2, 1e9, 2 ** 53, -1e-9, '3', null, true, [], {}];

/**
 * Damage to a checkpoint's meaning rather than its JSON: counts, epochs,
 * accuracies, losses, image order, rng, optimizer state (Adam's second
 * moments made negative), settings and data paths.
 */
export function mutateCheckpoint(rng: Rng, text: string): Mutant<string> {
	const file = JSON.parse(text) as CheckpointFile;
	const {training} = file;
	const edit = (what: string, change: () => void): Mutant<string> => {
		change();
		return {what, content: JSON.stringify(file)};
	};
	const value = pick(rng, hostileValues);
	switch (rng.int(10)) {
		case 0: {
			const key = pick(rng, ['epochs', 'batch']);
			return edit(`training.${key} set to ${JSON.stringify(value)}`, () => (training[key] = value));
		}
		case 1: {
			const key = pick(rng, ['loss', 'correct', 'seconds']);
			return edit(
				`training.epochSoFar.${key} set to ${JSON.stringify(value)}`,
				() => ((training.epochSoFar as Record<string, unknown>)[key] = value),
			);
		}
		case 2: {
			const entry = file.history[rng.int(file.history.length)];
			const key = pick(rng, ['epoch', 'trainLoss', 'trainAccuracy', 'testLoss', 'testAccuracy', 'seconds']);
			if (!entry) return edit('history emptied', () => file.history.push({epoch: 1}));
			return edit(`history ${key} set to ${JSON.stringify(value)}`, () => (entry[key] = value));
		}
		case 3: {
			const order = training.order as unknown[];
			const at = rng.int(order.length);
			const replacement = pick(rng, [order[(at + 1) % order.length], order.length, -1, 0.5, null]);
			return edit(`training.order[${at}] set to ${JSON.stringify(replacement)}`, () => (order[at] = replacement));
		}
		case 4: {
			const replacement = pick(rng, [[0, 0, 0, 0], [1, 2, 3], [2 ** 32, 1, 1, 1], [-1, 1, 1, 1], 'seed']);
			return edit(`training.rng set to ${JSON.stringify(replacement)}`, () => (training.rng = replacement));
		}
		case 5: {
			const state = training.optimizerState;
			const key = pick(rng, Object.keys(state));
			const arrays = state[key];
			if (!Array.isArray(arrays)) return edit(`optimizerState.${key} set to ${JSON.stringify(value)}`, () => (state[key] = value));
			const index = rng.int(arrays.length);
			const numbers = new Float32Array(new Uint8Array(Buffer.from(arrays[index] as string, 'base64')).buffer);
			const how = pick(rng, ['negated', 'cut', 'NaN']);
			if (how === 'negated') for (let i = 0; i < numbers.length; i++) numbers[i] = -Math.abs(numbers[i]!) - 1e-3;
			if (how === 'NaN') numbers[rng.int(numbers.length)] = Number.NaN;
			const bytes = Buffer.from(how === 'cut' ? numbers.buffer.slice(0, numbers.byteLength - 4) : numbers.buffer);
			return edit(`optimizerState.${key} ${index + 1} ${how}`, () => (arrays[index] = bytes.toString('base64')));
		}
		case 6: {
			const key = pick(rng, ['epochs', 'batchSize', 'learningRate', 'seed', 'limit', 'testLimit', 'optimizer', 'classes']);
			const replacement = pick(rng, [...hostileValues, 'constructor', '__proto__', 1e10, 1e300]);
			return edit(`training.config.${key} set to ${JSON.stringify(replacement)}`, () => (training.config[key] = replacement));
		}
		case 7: {
			const replacement = pick(rng, [
				[784, 10],
				[784, 0, 10],
				[784, 65_536, 65_536, 10],
				[784, 8, 1000],
				[784, 8, 10, 10],
				'big',
				[784, 8.5, 10],
			]);
			return edit(`training.config.layers set to ${JSON.stringify(replacement)}`, () => (training.config.layers = replacement));
		}
		case 8: {
			const key = pick(rng, ['data', 'train', 'test']);
			const replacement = pick(rng, [...hostileText, 42, null]);
			return edit(
				`training.config.sources.${key} set to ${JSON.stringify(replacement).slice(0, 40)}`,
				() => (training.config.sources[key] = replacement),
			);
		}
		default: {
			const at = rng.int(file.classes.length);
			const replacement = pick(rng, [...hostileText, file.classes[(at + 1) % file.classes.length], 7]);
			return edit(`class ${at + 1} set to ${JSON.stringify(replacement).slice(0, 40)}`, () => (file.classes[at] = replacement));
		}
	}
}

/** JSON far larger in some count than any model file, hidden in an extra key: each must be refused before it is parsed. */
function sizeBomb(rng: Rng, text: string): Mutant<string> {
	const count = 20_000 + rng.int(200_000);
	const [what, value] = pick(rng, [
		['nested lists', '['.repeat(count) + ']'.repeat(count)],
		['strings', `[${'"s",'.repeat(count)}"s"]`],
		['keys in one object', `{${Array.from({length: 2000 + rng.int(5000)}, (_, i) => `"k${i}":0`).join(',')}}`],
		['empty lists', `[${'[],'.repeat(count * 2)}[]]`],
		['an unclosed list', '['.repeat(count)],
	] as const);
	return {what: `${what} (${count})`, content: `${text.trimEnd().slice(0, -1)},"bomb":${value}}`};
}
