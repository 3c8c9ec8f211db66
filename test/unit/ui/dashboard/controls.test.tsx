import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import type {ControlChange, RunStart} from '../../../../source/train/events.js';
import {type DashboardAction, dashboardReducer} from '../../../../source/ui/dashboard/dashboard-state.js';
import {createDashboardStore} from '../../../../source/ui/dashboard/dashboard-store.js';
import {EventLine} from '../../../../source/ui/dashboard/event-line.js';
import {Header} from '../../../../source/ui/dashboard/header.js';
import {summaryLines} from '../../../../source/ui/dashboard/summary.js';
import {HelpOverlay} from '../../../../source/ui/shared/help-overlay.js';
import {actionsFor, dashboardKeys, keyHint} from '../../../../source/ui/shared/keys.js';
import {paused, reduce, training} from '../fixtures.js';
import {frameOf, withSettings} from '../frame.js';

const change = (setting: ControlChange['setting'], from: number, to: number, momentum: number | null = 0.9): ControlChange => ({
	type: 'control',
	epoch: 4,
	step: 413,
	setting,
	from,
	to,
	values: setting === 'learningRate' ? {learningRate: to, momentum} : {learningRate: 0.05, momentum: to},
});

const configLine = (state = training, width = 120, options: {ascii?: boolean; color?: boolean} = {}) =>
	frameOf(withSettings(<Header state={state} width={width} now={1_062_000} startedAt={1_000_000} />, options)).lines[1];
const eventLine = (state = training, width = 100, ascii = false) =>
	frameOf(withSettings(<EventLine state={state} width={width} />, {ascii})).frame;

describe('steering keys', () => {
	test('+ and = double, - halves the learning rate; ] and [ move the momentum; n steps once', () => {
		assert.deepEqual(actionsFor('+=-][n'), [
			'raiseLearningRate',
			'raiseLearningRate',
			'lowerLearningRate',
			'raiseMomentum',
			'lowerMomentum',
			'stepOnce',
		]);
	});

	test('the help lists them, from the key table', () => {
		const {lines} = frameOf(withSettings(<HelpOverlay width={80} height={40} bindings={dashboardKeys} words={[]} />));
		for (const line of [
			'n         while paused: train one batch, then pause again',
			'+         double the learning rate, from the next batch',
			'-         halve the learning rate, from the next batch',
			"]         momentum (Adam's beta1) up 0.05, at most 0.99",
			"[         momentum (Adam's beta1) down 0.05, at least 0",
		]) {
			assert.ok(lines.includes(line), `${line}\n${lines.join('\n')}`);
		}
	});

	test('the hints name them, and n step while paused', () => {
		const view = ['w network', 'd draw', '+/- lr', '[/] momentum'];
		assert.equal(
			keyHint({paused: true, finished: false, next: 'digits', view}),
			'w network · d draw · +/- lr · [/] momentum · p resume · n step · tab digits · ? help · q quit',
		);
		assert.equal(
			keyHint({paused: false, finished: false, next: 'digits', view, ascii: true, width: 80}),
			'w network - d draw - +/- lr - p pause - tab digits - ? help - q quit',
		);
	});
});

describe('the dashboard state under steering', () => {
	test('a run starts with --lr and its momentum in force, nothing changed yet', () => {
		assert.deepEqual(training.controls, {learningRate: 0.05, momentum: 0.9});
		assert.equal(training.control, null);
		assert.match(configLine()!, /^784-512-10 · momentum lr 0\.05 μ 0\.9 · batch 64 · /);
	});

	test('a learning rate change: in force, marked in the header, told on the event line', () => {
		const state = dashboardReducer(training, change('learningRate', 0.05, 0.025));
		assert.deepEqual(state.controls, {learningRate: 0.025, momentum: 0.9});
		assert.match(configLine(state)!, /^784-512-10 · momentum lr 0\.025\* μ 0\.9 · batch 64 · /);
		assert.equal(eventLine(state), 'lr 0.05 → 0.025 from epoch 4, batch 413 · best test accuracy 97.98% (epoch 3)');
	});

	test('a momentum change, in ASCII and without colour: the mark and the arrow still say it', () => {
		const state = dashboardReducer(training, change('momentum', 0.9, 0.95));
		assert.deepEqual(state.controls, {learningRate: 0.05, momentum: 0.95});
		assert.match(configLine(state, 120, {ascii: true, color: false})!, /^784-512-10 - momentum lr 0\.05 mu 0\.95\* - batch 64 - /);
		assert.equal(eventLine(state, 100, true), 'momentum 0.9 -> 0.95 from epoch 4, batch 413 - best test accuracy 97.98% (epoch 3)');
		assert.equal(eventLine(state, 30), 'momentum 0.9 → 0.95', 'said shorter when narrow');
	});

	test("Adam's momentum is its β1; gd shows no momentum", () => {
		const adamStart = {
			...(training.start as RunStart),
			config: {...training.start!.config, optimizer: 'adam' as const, learningRate: 0.001},
		};
		const adam = reduce([{type: 'loading'}, adamStart, {...change('momentum', 0.9, 0.85), values: {learningRate: 0.001, momentum: 0.85}}]);
		assert.match(configLine(adam)!, / · adam lr 0\.001 β1 0\.85\* · /);
		assert.equal(eventLine(adam), 'β1 0.9 → 0.85 from epoch 4, batch 413');
		assert.match(configLine(adam, 120, {ascii: true})!, / - adam lr 0\.001 beta1 0\.85\* - /);
		const gd = reduce([{type: 'loading'}, {...adamStart, config: {...adamStart.config, optimizer: 'gd', learningRate: 0.5}}]);
		assert.match(configLine(gd)!, / · gd lr 0\.5 · batch 64/);
	});

	test('a refusal is told on the event line, and changes nothing', () => {
		const refused: DashboardAction = {type: 'control-refused', setting: 'momentum', reason: 'gd has no momentum'};
		const state = dashboardReducer(paused, refused);
		assert.deepEqual(state.controls, paused.controls);
		assert.equal(eventLine(state), 'gd has no momentum · best test accuracy 97.98% (epoch 3)');
		const local = dashboardReducer(training, {type: 'control-refused', reason: 'n trains one batch while paused: press p first'});
		assert.match(eventLine(local), /^n trains one batch while paused: press p first · /);
	});

	test('a resumed run shows the values in force when it stopped, marked as changed from its --lr', () => {
		const resumedStart = {...(training.start as RunStart), controls: {learningRate: 0.1, momentum: 0.9}};
		const state = reduce([{type: 'loading'}, resumedStart]);
		assert.match(configLine(state)!, / · momentum lr 0\.1\* μ 0\.9 · /);
	});

	test('the store takes the changes in as they come', () => {
		const store = createDashboardStore(1, training);
		store.dispatch(change('learningRate', 0.05, 0.1), true);
		store.dispatch({...change('learningRate', 0.1, 0.2), step: 414}, true);
		assert.deepEqual(store.getSnapshot().controls, {learningRate: 0.2, momentum: 0.9});
		assert.match(eventLine(store.getSnapshot()), /^lr 0\.1 → 0\.2 from epoch 4, batch 414/);
	});
});

describe('the summary of a steered run', () => {
	test('names the values in force at the end, and what they were at the start', () => {
		const lr = dashboardReducer(training, change('learningRate', 0.05, 0.025));
		const both = dashboardReducer(lr, {...change('momentum', 0.9, 0.95), values: {learningRate: 0.025, momentum: 0.95}});
		const lines = summaryLines(dashboardReducer(both, {type: 'saved', path: 'model.json', epoch: 3}), 62);
		assert.deepEqual(lines.slice(-2), ['  steered to lr 0.025 (from 0.05), momentum 0.95 (from 0.9)', '  model saved to model.json']);
		assert.ok(!summaryLines(training, 62).some(line => line.includes('steered')), 'an unsteered run has no such line');
	});
});
