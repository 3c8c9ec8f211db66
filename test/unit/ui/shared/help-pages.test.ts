import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {glyphsFor} from '../../../../source/text/glyphs.js';
import {type HelpView, helpActionsFor, helpReducer} from '../../../../source/ui/shared/help-keys.js';
import {helpFooter, keyLines, wordLines, wrapWords} from '../../../../source/ui/shared/help-pages.js';

const unicode = glyphsFor(false);
const ascii = glyphsFor(true);

describe('the help pages as text', () => {
	test('words wrap at spaces; a word wider than the line gets a line of its own, cut', () => {
		assert.deepEqual(wrapWords('the share the network got right', 12), ['the share', 'the network', 'got right']);
		assert.deepEqual(wrapWords('a 784-512-10 net', 5), ['a', '784-5', 'net']);
		assert.deepEqual(wrapWords('', 10), ['']);
	});

	test('a long key help wraps under itself, beside its key', () => {
		assert.deepEqual(keyLines([{label: '← h', help: 'previous digit (in the matrix: cursor left)'}], 30, ascii), [
			{lead: '<- h  ', text: 'previous digit (in the'},
			{lead: '      ', text: 'matrix: cursor left)'},
		]);
	});

	test('a word, then its text, wrapped two columns in', () => {
		assert.deepEqual(
			wordLines([{term: 'accuracy', text: 'The share of test images whose most probable class is the true one.'}], 40).map(
				line => line.lead + line.text,
			),
			['accuracy: The share of test images whose', '  most probable class is the true one.'],
		);
	});

	test('the last line: how much is left and how to scroll, shorter where narrow, never without ? closes', () => {
		assert.equal(helpFooter({top: 0, shown: 10, total: 10}, 80, unicode), '← → keys or words · Press ? again to close this help.');
		assert.equal(
			helpFooter({top: 0, shown: 18, total: 30}, 80, unicode),
			'↓ 12 more lines below · ↑ ↓ j k scroll · ← → keys or words · ? closes the help',
		);
		assert.equal(
			helpFooter({top: 12, shown: 18, total: 30}, 80, unicode),
			'↑ more above · ↑ ↓ j k scroll · ← → keys or words · ? closes the help',
		);
		assert.equal(helpFooter({top: 0, shown: 18, total: 19}, 60, unicode), '↓ 1 more line below · ↑ ↓ j k scroll · ← → pages · ? closes');
		assert.equal(
			helpFooter({top: 0, shown: 18, total: 30}, 80, ascii),
			'down 12 more lines below - up down j k scroll - <- -> pages - ? closes',
		);
		assert.equal(helpFooter({top: 0, shown: 18, total: 30}, 20, unicode), '? closes');
	});
});

describe('the help keys', () => {
	const bounds = () => ({lines: 30, room: 18});
	const after = (input: string, from: HelpView = {page: 'keys', top: 0}) =>
		helpActionsFor(input).reduce((view, action) => helpReducer(view, action, bounds), from);

	test('j k and the arrows scroll a line, within the page; PgDn a page less a line; End the last full page', () => {
		assert.deepEqual(after('jjj'), {page: 'keys', top: 3});
		assert.deepEqual(after('\u001B[B\u001B[B\u001B[A'), {page: 'keys', top: 1});
		assert.deepEqual(after('k'), {page: 'keys', top: 0});
		assert.deepEqual(after('\u001B[6~'), {page: 'keys', top: 12}, 'at most 30 - 18');
		assert.deepEqual(after('\u001B[F'), {page: 'keys', top: 12});
		assert.deepEqual(after('\u001B[H', {page: 'keys', top: 7}), {page: 'keys', top: 0});
	});

	test('l or → turns to the words, h or ← back, each from its top', () => {
		assert.deepEqual(after('jl'), {page: 'words', top: 0});
		assert.deepEqual(after('\u001B[C\u001B[D'), {page: 'keys', top: 0});
		assert.deepEqual(after('j', {page: 'words', top: 2}), {page: 'words', top: 3});
	});
});
