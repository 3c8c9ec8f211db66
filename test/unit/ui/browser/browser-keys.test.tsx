import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {Text} from 'ink';
import {render} from 'ink-testing-library';
import {browserActionsFor, browserKeyHint, browserKeys} from '../../../../source/ui/browser/browser-keys.js';
import {type BrowserAction, browserReducer, initialBrowserState} from '../../../../source/ui/browser/browser-state.js';
import {useBrowserKeys} from '../../../../source/ui/browser/use-browser-keys.js';

const next: BrowserAction = {type: 'step', by: 1};
const previous: BrowserAction = {type: 'step', by: -1};

/** Reads the browser's keys and hands each action on. */
function KeyProbe({onAction}: {readonly onAction: (action: BrowserAction) => void}) {
	useBrowserKeys(onAction, true);
	return <Text>keys</Text>;
}

describe('browser keys', () => {
	test('letters and digits as typed, batched keys one by one', () => {
		assert.deepEqual(browserActionsFor('lll'), [next, next, next]);
		assert.deepEqual(browserActionsFor('hm4sc'), [
			previous,
			{type: 'mistakes'},
			{type: 'digit', digit: 4},
			{type: 'order'},
			{type: 'matrix'},
		]);
		assert.deepEqual(browserActionsFor('g12\r'), [{type: 'goTo'}, {type: 'digit', digit: 1}, {type: 'digit', digit: 2}, {type: 'enter'}]);
		assert.deepEqual(browserActionsFor('kj'), [
			{type: 'vertical', by: -1},
			{type: 'vertical', by: 1},
		]);
	});

	test("Ink's key flags: arrows, PgUp/PgDn, Home/End, Enter, Esc, Backspace", () => {
		const flags: [string, BrowserAction][] = [
			['leftArrow', previous],
			['rightArrow', next],
			['upArrow', {type: 'vertical', by: -1}],
			['downArrow', {type: 'vertical', by: 1}],
			['pageUp', {type: 'step', by: -10}],
			['pageDown', {type: 'step', by: 10}],
			['home', {type: 'first'}],
			['end', {type: 'last'}],
			['escape', {type: 'escape'}],
			['backspace', {type: 'backspace'}],
			['delete', {type: 'backspace'}],
		];
		for (const [flag, action] of flags) assert.deepEqual(browserActionsFor('', {[flag]: true}), [action], flag);
		assert.deepEqual(browserActionsFor('\r', {return: true}), [{type: 'enter'}], 'one Enter, not two');
		assert.deepEqual(browserActionsFor('', {escape: true, meta: true}), [{type: 'escape'}]);
	});

	test('raw escape codes in the input, with or without the ESC Ink strips', () => {
		assert.deepEqual(browserActionsFor('\u001B[C'), [next]);
		assert.deepEqual(browserActionsFor('[C'), [next]);
		assert.deepEqual(browserActionsFor('\u001B[D\u001B[D'), [previous, previous]);
		assert.deepEqual(browserActionsFor('\u001BOA\u001BOB'), [
			{type: 'vertical', by: -1},
			{type: 'vertical', by: 1},
		]);
		assert.deepEqual(browserActionsFor('\u001B[5~\u001B[6~'), [
			{type: 'step', by: -10},
			{type: 'step', by: 10},
		]);
		assert.deepEqual(browserActionsFor('\u001B[H\u001B[F\u001B[1~\u001B[4~\u001BOH'), [
			{type: 'first'},
			{type: 'last'},
			{type: 'first'},
			{type: 'last'},
			{type: 'first'},
		]);
		assert.deepEqual(browserActionsFor('\u001B'), [{type: 'escape'}]);
		assert.deepEqual(browserActionsFor('l\u001B[Cl'), [next, next, next]);
	});

	test("the app's keys and modified keys are left alone", () => {
		for (const input of ['q', '?', 'p', ' ', 'w', 'd', 'M', '\u0003'])
			assert.deepEqual(browserActionsFor(input), [], JSON.stringify(input));
		assert.deepEqual(browserActionsFor('\t', {tab: true}), []);
		assert.deepEqual(browserActionsFor('c', {ctrl: true}), []);
		assert.deepEqual(browserActionsFor('l', {meta: true}), []);
	});

	test('the table: each key once, each with help', () => {
		const inputs = browserKeys.flatMap(binding => binding.inputs);
		const keys = browserKeys.flatMap(binding => binding.keys);
		assert.equal(new Set(inputs).size, inputs.length);
		assert.equal(new Set(keys).size, keys.length);
		assert.ok(browserKeys.every(binding => binding.label && binding.help));
		assert.deepEqual(
			browserKeys.map(binding => binding.label),
			['← h', '→ l', 'PgUp', 'PgDn', 'Home', 'End', 'm', '0-9', 's', 'g', 'c', 'x', '↑ k', '↓ j', 'Enter', 'Esc', 'Backspace'],
		);
	});

	test('the hint line follows the mode', () => {
		const state = initialBrowserState();
		assert.equal(browserKeyHint(state, false), '←/→ digit · m mistakes · x why · c matrix · s order · 0-9 label · g go to');
		assert.equal(browserKeyHint(state, true), '<-/-> digit - m mistakes - x why - c matrix - s order - 0-9 label - g go to');
		assert.equal(browserKeyHint(browserReducer(state, {type: 'goTo'}), false), 'type the number · Enter go · Esc cancel');
	});

	test('through Ink: escape codes on stdin become actions', async () => {
		const actions: BrowserAction[] = [];
		const {stdin, unmount} = render(<KeyProbe onAction={action => actions.push(action)} />);
		const settle = () => new Promise(resolve => setTimeout(resolve, 20));
		await settle();
		for (const typed of [
			'\u001B[C',
			'\u001B[D',
			'\u001B[6~',
			'\u001B[5~',
			'\u001B[H',
			'\u001B[F',
			'lll',
			'g',
			'1',
			'2',
			'\r',
			'\u001B',
			'\u007F',
			'q',
		]) {
			stdin.write(typed);
			await settle();
		}
		unmount();
		assert.deepEqual(actions, [
			next,
			previous,
			{type: 'step', by: 10},
			{type: 'step', by: -10},
			{type: 'first'},
			{type: 'last'},
			next,
			next,
			next,
			{type: 'goTo'},
			{type: 'digit', digit: 1},
			{type: 'digit', digit: 2},
			{type: 'enter'},
			{type: 'escape'},
			{type: 'backspace'},
		]);
	});
});
