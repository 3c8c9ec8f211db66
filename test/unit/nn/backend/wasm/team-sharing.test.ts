import assert from 'node:assert/strict';
import {after, describe, test} from 'node:test';
import wabt from 'wabt';
import {defaultPace} from '../../../../../source/nn/backend/wasm/team-pace.js';
import {type WasmMemory, webAssembly} from '../../../../../source/nn/backend/wasm/wasm-module.js';
import {KernelTeam, type PartKernel} from '../../../../../source/nn/backend/wasm/wasm-team.js';

/**
 * A team whose partners are held back, as a partner that lost its core is:
 * the partner runs `fill` from this module, which waits (memory.atomic.wait32)
 * while the word at `late` is 1, 20 ms on each part it takes; and the
 * module's start waits while the word at `held` is 1, so a partner made
 * then never starts. The caller runs `fill` written in JavaScript, which
 * computes the same numbers and never waits.
 */
const late = 0,
	held = 4,
	out = 64;
const fillWat = `(module
	(import "env" "memory" (memory 1 1 shared))
	(func $hold (drop (memory.atomic.wait32 (i32.const ${held}) (i32.const 1) (i64.const -1))))
	(start $hold)
	(func (export "fill") (param $from i32) (param $to i32) (param $out i32) (param $rounds i32)
		(local $i i32) (local $k i32) (local $v f32)
		(drop (memory.atomic.wait32 (i32.const ${late}) (i32.const 1) (i64.const 20000000)))
		(local.set $i (local.get $from))
		(block $done (loop $each
			(br_if $done (i32.ge_u (local.get $i) (local.get $to)))
			(local.set $v (f32.convert_i32_u (local.get $i)))
			(local.set $k (i32.const 0))
			(block $settled (loop $round
				(br_if $settled (i32.ge_u (local.get $k) (local.get $rounds)))
				(local.set $v (f32.add (f32.mul (local.get $v) (f32.const 0.999)) (f32.const 0.5)))
				(local.set $k (i32.add (local.get $k) (i32.const 1)))
				(br $round)))
			(f32.store (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 2))) (local.get $v))
			(local.set $i (i32.add (local.get $i) (i32.const 1)))
			(br $each)))))`;

const toolkit = await wabt();
const parsed = toolkit.parseWat('fill.wat', fillWat, {threads: true});
const wasm = webAssembly!;
const module = new wasm.Module(parsed.toBinary({}).buffer);
parsed.destroy();

/** The same numbers as the module's fill, in float32 steps. */
function fillIn(memory: WasmMemory): PartKernel {
	const values = new Float32Array(memory.buffer);
	return (from, to, at, rounds) => {
		for (let i = from; i < to; i++) {
			let value = Math.fround(i);
			for (let k = 0; k < rounds!; k++) value = Math.fround(Math.fround(value * Math.fround(0.999)) + 0.5);
			values[at! / 4 + i] = value;
		}
	};
}

const total = 2000,
	rounds = 40;
const expected = new Float32Array(total);
{
	const memory = new wasm.Memory({initial: 1, maximum: 1, shared: true});
	fillIn(memory)(0, total, out, rounds);
	expected.set(new Float32Array(memory.buffer, out, total));
}

const teams: KernelTeam[] = [];
function team(flags: {late?: boolean; held?: boolean}, adaptive: boolean, pace?: ConstructorParameters<typeof KernelTeam>[5]) {
	const memory = new wasm.Memory({initial: 1, maximum: 1, shared: true});
	const words = new Int32Array(memory.buffer);
	words[late / 4] = flags.late ? 1 : 0;
	words[held / 4] = flags.held ? 1 : 0;
	const made = new KernelTeam(module, memory, {fill: fillIn(memory)}, ['fill'], 1, {adaptive, ...pace});
	teams.push(made);
	const values = new Float32Array(memory.buffer, out, total);
	return {
		team: made,
		/** Lets the partner go on: no more waiting. */
		release() {
			Atomics.store(words, late / 4, 0);
			Atomics.store(words, held / 4, 0);
			Atomics.notify(words, late / 4);
			Atomics.notify(words, held / 4);
		},
		/** One call of fill over every value, checked against one thread's. */
		call(what: string) {
			values.fill(Number.NaN);
			made.run('fill', total, 64, [out, rounds]);
			for (let i = 0; i < total; i++)
				if (!Object.is(values[i], expected[i])) assert.fail(`${what}: value ${i} is ${values[i]}, not ${expected[i]}`);
		},
	};
}

after(() => {
	for (const made of teams) made.close();
});

describe('a team with a partner held back', () => {
	test('a partner that never starts: every call finishes on the caller, with the same numbers', () => {
		const {team: made, call, release} = team({held: true}, false);
		for (let run = 0; run < 200; run++) call(`call ${run}`);
		assert.equal(made.partnerParts, 0);
		release();
	});

	test('a partner that takes parts and comes back late: the same numbers, and an adaptive team stops handing it parts', async () => {
		const fixed = team({late: true}, false);
		const adaptive = team({late: true}, true, {
			pace: {
				windowCalls: 8,
				keptWindowCalls: 8,
				settleCalls: 0,
				minimumGain: 0.5,
				keepGain: 0.5,
				undecidedGain: 0.5,
				lateMs: 10,
				lateShare: 0,
				firstPauseMs: 20,
				longestPauseMs: 50,
				measureEveryMs: 1000,
				aloneShare: 1,
				// tries whatever other processes take: the test machine may be busy with other tests
				spareCores: 0,
				spareWindowMs: Number.POSITIVE_INFINITY,
			},
		});
		await Promise.all([fixed.team.ready(), adaptive.team.ready()]);
		// a busy test machine may keep the partner from waking in time for the first calls: more until it takes a part
		for (let run = 0; run < 30 || (fixed.team.partnerParts === 0 && run < 3000); run++) fixed.call(`fixed team, call ${run}`);
		assert.ok(fixed.team.partnerParts > 0, 'the fixed team waited on its late partner');
		for (let run = 0; run < 300; run++) adaptive.call(`adaptive team, call ${run}`);
		// it tries the partner again now and then: one late part each time
		assert.ok(adaptive.team.partnerParts < 30, `the partner took ${adaptive.team.partnerParts} parts of 300 calls`);
		fixed.release();
		// on time again, the partner is taken back
		adaptive.release();
		const taken = adaptive.team.partnerParts;
		for (let run = 0; run < 100_000 && !(adaptive.team.partnerParts > taken + 50 && adaptive.team.workingPartners === 1); run++)
			adaptive.call(`adaptive team after, call ${run}`);
		assert.ok(adaptive.team.partnerParts > taken + 50, 'the partner takes parts again');
	});

	test("an adaptive team's exercise runs every call with its partner, whatever the pace, and leaves the pace as it was", async () => {
		const {team: made, call} = team({}, true);
		await made.ready();
		call('a first call, alone as the pace starts');
		assert.equal(made.workingPartners, 0);
		const taken = made.partnerParts;
		// a partner spinning for the next call takes parts of most of them; a few hundred leave no doubt
		made.exercise('fill', total, 64, [out, rounds], 300);
		assert.ok(made.partnerParts > taken, 'the partner took parts');
		call('the next call');
		assert.equal(made.workingPartners, 0, 'alone again, as the pace has not measured its calls yet');
	});

	test('an adaptive team told to forget its calls (their arrays given back) runs the next ones alone until it has measured them again', async () => {
		const memory = new wasm.Memory({initial: 1, maximum: 1, shared: true});
		const fill = fillIn(memory);
		// a caller slower than its partner: sharing always pays, and the team never leaves the partner out on its own
		const slowFill: PartKernel = (from, to, ...args) => {
			for (const until = performance.now() + 0.2; performance.now() < until; );
			fill(from, to, ...args);
		};
		const pace = {
			...defaultPace,
			windowCalls: 8,
			minimumGain: 1,
			keepGain: 1,
			lateMs: 1e9,
			firstPauseMs: 0,
			measureEveryMs: 1e9,
			aloneShare: 1e-9,
		};
		const made = new KernelTeam(module, memory, {fill: slowFill}, ['fill'], 1, {adaptive: true, pace});
		teams.push(made);
		await made.ready();
		const call = () => made.run('fill', total, 64, [out, rounds]);
		// until a call the partner took parts of
		for (let run = 0, taken = 0; run < 2000 && made.partnerParts === taken; run++) {
			taken = made.partnerParts;
			call();
		}
		assert.equal(made.workingPartners, 1, 'sharing before');
		made.forgetCalls();
		const taken = made.partnerParts;
		for (let run = 0; run < 8; run++) {
			call();
			assert.equal(made.workingPartners, 0, `call ${run} after: alone`);
		}
		assert.equal(made.partnerParts, taken, 'no part handed out');
	});
});
