import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {defaultPace, TeamPace} from '../../../../../source/nn/backend/wasm/team-pace.js';

/**
 * The pace on a made-up clock: a training step is six calls of 0.1 ms alone
 * (or `aloneMs`), each after 0.02 ms of the caller's own work;
 * `sharedMs(partners)` is what a call takes with that many partners (the
 * work between calls is unchanged).
 */
class Machine {
	now = 1000;
	readonly history: number[] = [];
	private calls = 0;
	/** Calls run alone while the pace rested, untimed. */
	restingCalls = 0;
	/** The calls are known by keyBase + 0…5: a new base is a new network, or a test pass. */
	keyBase = 0;
	/** The cores other processes leave now (of 2), and the time so far that they left (ms): idle, or the team's threads'. */
	spareCores = 2;
	spareMs = 0;
	constructor(
		public pace: TeamPace,
		public sharedMs: (partners: number) => number,
		public aloneMs = 0.1,
	) {}

	/** Runs `calls` calls; returns how many partners each had. */
	run(calls: number): number[] {
		const partners: number[] = [];
		for (let call = 0; call < calls; call++) {
			this.pass(0.02);
			// as the team does: a resting pace is not asked, and its calls are not timed
			if (this.now < this.pace.restingUntil) {
				this.restingCalls++;
				this.pass(this.aloneMs);
				partners.push(0);
				continue;
			}
			const working = this.pace.partnersAt(this.now);
			const ms = working === 0 ? this.aloneMs : this.sharedMs(working);
			this.pace.record(this.keyBase + (this.calls++ % 6), this.now, this.now + ms, working);
			this.pass(ms);
			partners.push(working);
		}
		this.history.push(...partners);
		return partners;
	}

	private pass(ms: number): void {
		this.now += ms;
		this.spareMs += ms * this.spareCores;
	}

	/** Runs calls for `ms` of the clock. */
	runFor(ms: number): number[] {
		const until = this.now + ms;
		const partners: number[] = [];
		while (this.now < until) partners.push(...this.run(1));
		return partners;
	}
}

/** The lengths of the stretches of calls run alone. */
function aloneStretches(partners: readonly number[]): number[] {
	const stretches: number[] = [];
	let length = 0;
	for (const count of [...partners, 1]) {
		if (count === 0) length++;
		else if (length > 0) {
			stretches.push(length);
			length = 0;
		}
	}
	return stretches;
}

const quiet = (partners: number) => 0.1 / (1 + 0.8 * partners);
/** A partner that lost its core: the caller waits about a millisecond for its part. */
const busy = () => 1.2;
const windowCalls = defaultPace.windowCalls;

/** A window alone, then the first try with calls of `sharedMs`, its window and 10 calls after: how many partners each of those had. */
function firstTry(sharedMs: (partners: number) => number): number[] {
	const machine = new Machine(new TeamPace(1), sharedMs);
	machine.run(windowCalls);
	return machine.run(defaultPace.settleCalls + windowCalls + 10);
}

/**
 * A pace made at `madeAt` (ms) beside a busy process, which leaves one core of two: the machine's first call
 * comes at 1000, and `spare` is its clock of the spare time, for the paces that follow.
 */
function besideBusyProcess(madeAt: number): {machine: Machine; spare: () => number} {
	let machine: Machine | undefined;
	const spare = () => machine?.spareMs ?? 0;
	machine = new Machine(new TeamPace(1, defaultPace, spare, madeAt), busy);
	machine.spareCores = 1;
	return {machine, spare};
}

describe('the pace of a team of one partner', () => {
	test('starts alone, learns the calls, then hands out parts and keeps doing so on a quiet machine', () => {
		const machine = new Machine(new TeamPace(1), quiet);
		const first = machine.run(windowCalls);
		assert.ok(
			first.every(partners => partners === 0),
			'the first window alone',
		);
		const after = machine.run(20 * windowCalls);
		assert.equal(after[0], 1, 'then with the partner');
		assert.ok(
			after.every(partners => partners === 1),
			'and with it from then on',
		);
	});

	test('a partner whose parts come back late is left out at once, and tried again after pauses that double', () => {
		const machine = new Machine(new TeamPace(1), quiet);
		// a window alone, then a try (its first calls settling) that is kept: the next window starts here
		machine.run(2 * windowCalls + defaultPace.settleCalls);
		machine.sharedMs = busy;
		const lateCalls = machine.run(12);
		// each call 1.1 ms late, none held up as much as a hiccup on its own: a window twice 5 ms behind running alone ends on that call
		assert.deepEqual(lateCalls.slice(0, 11), [...Array<number>(10).fill(1), 0], 'ten late calls, then alone');
		// the tries: each a late call after a pause twice the last
		const tries: number[] = [];
		let last = machine.now,
			before = 0;
		for (const until = machine.now + 5000; machine.now < until; ) {
			const [partners] = machine.run(1);
			if (partners === 1 && before === 0) {
				tries.push(machine.now - last);
				last = machine.now;
			}
			before = partners!;
		}
		const pauses = tries.map(ms => Math.round(ms / 10) * 10);
		assert.ok(pauses.length >= 6 && pauses.length <= 12, `tries: ${pauses.join(', ')}`);
		for (let i = 1; pauses[i]! < defaultPace.longestPauseMs; i++)
			assert.ok(pauses[i]! >= 1.7 * pauses[i - 1]!, `pauses double: ${pauses.join(', ')}`);
		assert.ok(
			pauses.slice(-2).every(ms => ms >= 900 && ms <= 1200),
			`at most ${defaultPace.longestPauseMs} ms: ${pauses.join(', ')}`,
		);
		// on a busy machine the tries cost a few calls in a second's thousands
		const shared = machine.history.slice(-5000).filter(partners => partners > 0).length;
		assert.ok(shared <= 12, `${shared} calls shared in the last 5,000`);
	});

	test('a try waits for a free core: on a machine whose cores are all taken the partner is tried once, not again while they stay taken', () => {
		const machine: Machine = new Machine(new TeamPace(1, defaultPace, () => machine.spareMs), busy);
		machine.spareCores = 1;
		machine.run(windowCalls);
		const first = machine.run(20);
		assert.ok(first.includes(1), 'the first try: too soon after the start to tell from the spare time');
		assert.equal(first.at(-1), 0, 'and it fails');
		const after = machine.runFor(5000);
		assert.ok(!after.includes(1), `${after.filter(partners => partners > 0).length} calls shared in 5 s`);
		// a core free again: the next look finds it spare, within a pause or two
		machine.spareCores = 2;
		machine.sharedMs = quiet;
		const back = machine.runFor(250);
		assert.ok(back.indexOf(1) >= 0 && back.indexOf(1) < back.length / 2, 'the partner is back');
		assert.equal(back.at(-1), 1, 'and stays');
	});

	test('alone between tries, the pace rests: beside a busy process its calls go untimed but for the window before each try', () => {
		const machine: Machine = new Machine(new TeamPace(1, defaultPace, () => machine.spareMs), busy);
		machine.spareCores = 1;
		machine.run(windowCalls);
		machine.run(20);
		const before = machine.restingCalls;
		const calls = machine.runFor(5000).length;
		const rested = machine.restingCalls - before;
		assert.ok(rested >= calls - 2 * windowCalls, `${rested} of ${calls} calls untimed`);
	});

	test('after a rest the calls alone are measured afresh, and the try is judged against what they cost now', () => {
		const machine = new Machine(new TeamPace(1), quiet);
		machine.run(windowCalls);
		machine.sharedMs = busy;
		// the try, late, and a window alone after it
		machine.run(20 + windowCalls);
		assert.ok(machine.pace.restingUntil > machine.now, 'the try failed: resting until the next');
		// while it rests the caller turns slower alone (another process on its core), and a partner slower than it was alone would help
		machine.aloneMs = 0.3;
		machine.sharedMs = () => 0.12;
		const partners = machine.runFor(500);
		assert.ok(partners.includes(1), 'a try after the rest');
		assert.equal(partners.at(-1), 1, 'kept: 0.12 ms shared against 0.3 alone, not against the 0.1 measured before the rest');
	});

	test('made while every core was taken (the files loading beside another process), the team tries no partner while they stay so', () => {
		// made 200 ms before the first call, with no spare time since
		const {machine} = besideBusyProcess(800);
		const partners = machine.runFor(3000);
		assert.ok(!partners.includes(1), `${partners.filter(count => count > 0).length} calls shared`);
		machine.spareCores = 2;
		machine.sharedMs = quiet;
		assert.equal(machine.runFor(250).at(-1), 1, 'a partner once a core is free');
	});

	test("a pace that follows another (the run's, after the warm-up's) counts the spare time from the other's: beside a busy process, no try", () => {
		const {machine, spare: clock} = besideBusyProcess(900);
		const warmUp = machine.pace;
		machine.runFor(150);
		// the last look of the warm-up's pace found no core: the run's pace counts from there, and waits until that can tell
		const mark = warmUp.spareMark!;
		assert.ok(mark.at > 1000, 'the warm-up looked for a core');
		machine.pace = new TeamPace(1, defaultPace, clock, mark);
		const partners = machine.runFor(3000);
		assert.ok(!partners.includes(1), `${partners.filter(count => count > 0).length} calls shared`);
		// counted from its own start instead, its first window alone is too short to tell, and it tries
		machine.pace = new TeamPace(1, defaultPace, clock, machine.now);
		assert.ok(machine.run(windowCalls + 20).includes(1), 'a try');
	});

	test('a pace that never looked for a core (a warm-up cut short) passes on where it counted from: the run beside a busy process does not try', () => {
		// made 100 ms before the first call; a few calls, too few to measure them alone
		const {machine, spare: clock} = besideBusyProcess(900);
		const warmUp = machine.pace;
		machine.run(windowCalls / 4);
		const mark = warmUp.spareMark;
		assert.equal(mark?.at, 900, 'the mark of its making');
		// the run's pace, made as forgetCalls makes it
		machine.pace = new TeamPace(1, defaultPace, clock, mark ?? machine.now);
		const partners = machine.runFor(3000);
		assert.ok(!partners.includes(1), `${partners.filter(count => count > 0).length} calls shared`);
	});

	test('a pace alone after a try that failed, its look having found a core, gives no mark: the pace after it counts from its own start', () => {
		let machine: Machine | undefined;
		// made as the calls start, on a machine whose cores look free: its first try comes, and its partner is late
		machine = new Machine(new TeamPace(1, defaultPace, () => machine?.spareMs ?? 0, 1000), busy);
		machine.run(windowCalls);
		const partners = machine.run(20);
		assert.ok(partners.includes(1) && partners.at(-1) === 0, 'a try, and it failed');
		assert.equal(machine.pace.spareMark, undefined);
	});

	test('a core busy a fifth of the time is free enough for a try', () => {
		const machine: Machine = new Machine(new TeamPace(1, defaultPace, () => machine.spareMs), busy);
		machine.spareCores = 1.8;
		machine.run(windowCalls);
		machine.run(20);
		let tries = 0,
			before = 0;
		for (const until = machine.now + 5000; machine.now < until; ) {
			const [partners] = machine.run(1);
			if (partners === 1 && before === 0) tries++;
			before = partners!;
		}
		assert.ok(tries >= 6, `${tries} tries in 5 s, as without the spare time`);
	});

	test('when the machine turns quiet again, the partner is back within the longest pause, and stays', () => {
		const machine = new Machine(new TeamPace(1), quiet);
		machine.run(2 * windowCalls);
		machine.sharedMs = busy;
		machine.runFor(5000);
		machine.sharedMs = quiet;
		const after = machine.runFor(defaultPace.longestPauseMs + 200);
		const back = after.indexOf(1);
		assert.ok(back >= 0, 'the partner is back');
		// but for a window alone now and then, to measure the calls alone afresh
		const stretches = aloneStretches(after.slice(back));
		assert.ok(
			stretches.every(length => length === windowCalls),
			`and stays: alone ${stretches.join(', ')}`,
		);
	});

	test('a team that pays measures the calls alone once a second, and leaves the partner out when they have become faster alone', () => {
		// the first calls alone were slow (the machine was busy then): the partner seems to help a lot
		const pace = new TeamPace(1);
		let now = 0;
		const partners: number[] = [];
		for (let call = 0; now < 3000; call++) {
			const working = pace.partnersAt(now);
			const alone = now < 100 ? 0.5 : 0.1;
			// sharing makes every call 50% slower than alone now
			const ms = working === 0 ? alone : 0.15;
			pace.record(call % 6, now, now + ms, working);
			now += ms + 0.02;
			if (now > 2000) partners.push(working);
		}
		const shared = partners.filter(count => count > 0).length;
		assert.ok(shared < partners.length / 20, `${shared} of ${partners.length} calls shared in the last second`);
	});

	test("calls of milliseconds (a convolutional network's): a call held up once, by a frame drawn on the other core, does not end the sharing", () => {
		let heldUp = false;
		const machine = new Machine(new TeamPace(1), () => (heldUp ? 14 : 3), 5);
		machine.run(2 * windowCalls);
		assert.equal(machine.run(1)[0], 1, 'sharing');
		heldUp = true;
		machine.run(1);
		heldUp = false;
		assert.deepEqual(machine.run(windowCalls), Array<number>(windowCalls).fill(1), 'still sharing after the call held up 9 ms');
		// on calls of 0.1 ms, one call held up 9 ms is a hiccup too; a second is a partner that lost its core
		const short = new Machine(new TeamPace(1), () => (heldUp ? 9.06 : 0.06));
		short.run(2 * windowCalls);
		heldUp = true;
		short.run(1);
		heldUp = false;
		assert.equal(short.run(1)[0], 1, 'calls of 0.1 ms: one held up, still sharing');
		heldUp = true;
		short.run(1);
		heldUp = false;
		assert.equal(short.run(1)[0], 1, 'a second one held up: one window late, still sharing');
		// late again in the next window: a partner that lost its core
		for (let held = 0; held < 2; held++) {
			heldUp = true;
			short.run(1);
			heldUp = false;
		}
		assert.equal(short.run(1)[0], 0, 'late in a second window in a row: alone again');
	});

	test('a team kept stays through one call held up 3 ms (a frame drawn on the other core), as its windows are longer than a try', () => {
		let heldUp = false;
		const machine = new Machine(new TeamPace(1), partners => (heldUp ? 3 : quiet(partners)));
		machine.run(2 * windowCalls + defaultPace.settleCalls);
		machine.run(windowCalls);
		heldUp = true;
		machine.run(1);
		heldUp = false;
		const after = machine.run(defaultPace.keptWindowCalls);
		assert.ok(
			after.every(partners => partners === 1),
			'still sharing',
		);
	});

	test('a team kept stays through one window late while its calls typically gain (a frame drawn on the other core), and is left at a second late in a row', () => {
		let held = new Set<number>();
		let shared = 0;
		const machine = new Machine(new TeamPace(1), () => (held.has(shared++) ? 10 : quiet(1)));
		machine.run(3 * windowCalls);
		assert.equal(machine.history.at(-1), 1, 'kept');
		// two calls held up 10 ms: the window is late at the second
		held = new Set([shared + 5, shared + 6]);
		assert.ok(
			machine.run(300).every(partners => partners === 1),
			'stays',
		);
		// and again in the next window
		held = new Set([shared + 5, shared + 6, shared + 60, shared + 61]);
		assert.ok(machine.run(300).includes(0), 'left');
	});

	test('a team kept, back from its window alone, stays through a call held up at once (a frame drawn on the other core)', () => {
		let armed = false,
			hold = false,
			held = 0;
		const machine = new Machine(new TeamPace(1), partners => {
			if (!hold) return quiet(partners);
			hold = armed = false;
			held++;
			return 12;
		});
		machine.run(3 * windowCalls);
		assert.equal(machine.history.at(-1), 1, 'kept');
		armed = true;
		const partners: number[] = [];
		// past the window alone that a team kept runs once a second; its first shared call after it is held up 12 ms
		const until = machine.now + 1500;
		while (machine.now < until) {
			const [working] = machine.run(1);
			partners.push(working!);
			if (working === 0) hold = armed;
		}
		assert.equal(held, 1, 'one call held up');
		const stretches = aloneStretches(partners);
		assert.ok(stretches.length >= 1, 'a window alone');
		assert.ok(
			stretches.every(length => length <= windowCalls + 1),
			`alone only to measure the calls: stretches of ${stretches.join(', ')} calls`,
		);
	});

	test('a try held up once by a hiccup of 6 ms (a partner woken late) is judged by its typical calls, and kept', () => {
		let shared = 0;
		assert.ok(
			firstTry(partners => (++shared === defaultPace.settleCalls + 3 ? 6 : quiet(partners))).every(partners => partners === 1),
			'the try is kept',
		);
	});

	test("a try's first calls, slow while the arrays move into the partner's cache, do not count against it", () => {
		let shared = 0;
		// six calls of 0.5 ms, then 0.085 ms: the calls gain 14% once settled
		assert.ok(
			firstTry(() => (++shared <= 6 ? 0.5 : 0.085)).every(partners => partners === 1),
			'the try is kept',
		);
	});

	test('a pause amid the calls alone (the event loop loading files) does not make them look long: a late partner still ends its try at once', () => {
		const machine = new Machine(new TeamPace(1), busy);
		machine.run(windowCalls / 2);
		machine.now += 1000;
		machine.run(windowCalls / 2);
		const tried = machine.run(12);
		assert.deepEqual(tried.slice(0, 11), [...Array<number>(10).fill(1), 0], 'ten late calls, then alone');
	});

	test('calls of milliseconds are measured alone less often: at most 3% of the time', () => {
		const machine = new Machine(new TeamPace(1), () => 3, 5);
		machine.run(windowCalls);
		const partners = machine.runFor(30_000);
		const alone = partners.filter(count => count === 0).length;
		assert.ok(alone * 5 < 0.03 * 30_000, `${alone} calls of 5 ms alone in 30 s`);
		assert.ok(alone > 0, 'but measured again');
	});

	test('on a machine that turns busy and quiet again every 50 ms, the tries space out to the longest pause', () => {
		const machine = new Machine(new TeamPace(1), quiet);
		machine.run(3 * windowCalls);
		let tries = 0,
			before = 1;
		for (const until = machine.now + 5000; machine.now < until; ) {
			machine.sharedMs = Math.floor(machine.now / 50) % 2 ? busy : quiet;
			const [partners] = machine.run(1);
			if (partners === 1 && before === 0) tries++;
			before = partners!;
		}
		assert.ok(tries <= 12, `${tries} tries in 5 s`);
	});

	test('a team kept stays while it gains anything, below the gain a try needs', () => {
		const machine = new Machine(new TeamPace(1), quiet);
		machine.run(3 * windowCalls);
		// 3% faster than alone: not enough for a try, enough to stay
		machine.sharedMs = () => 0.1 / 1.03 - 0.02 * 0.03;
		const partners = machine.runFor(500);
		assert.ok(partners.filter(count => count > 0).length > 0.9 * partners.length, 'mostly shared');
	});

	test('a try no faster in its first window, but not late (a partner without a core for a few steps as a run starts), is judged again and kept when the next window pays', () => {
		const machine = new Machine(new TeamPace(1), () => 0.1);
		machine.run(windowCalls);
		const first = machine.run(defaultPace.settleCalls + windowCalls);
		machine.sharedMs = quiet;
		const second = machine.run(windowCalls + 10);
		assert.ok(
			[...first, ...second].every(partners => partners === 1),
			'shared throughout',
		);
	});

	test('sharing that gains less than the minimum is not kept', () => {
		// the partner takes parts, but the calls come back only 3% faster than alone
		const machine = new Machine(new TeamPace(1), () => 0.1 / 1.03 - 0.02 * 0.03);
		const partners = machine.runFor(2000);
		assert.ok(partners.filter(count => count > 0).length < partners.length / 20, 'mostly alone');
	});

	test('the work between calls counts: partners that slow the caller down between calls are left out', () => {
		// the calls are faster shared, but the caller's own work between them three times slower
		const pace = new TeamPace(1);
		let now = 0,
			shared = 0;
		for (let call = 0; call < 5000; call++) {
			const working = pace.partnersAt(now);
			now += working ? 0.06 : 0.02;
			const ms = working ? 0.07 : 0.1;
			pace.record(call % 6, now, now + ms, working);
			now += ms;
			shared += working;
		}
		assert.ok(shared < 500, `${shared} of 5,000 calls shared`);
	});

	test('calls never measured alone are measured alone first, then judged', () => {
		const machine = new Machine(new TeamPace(1), quiet);
		machine.run(3 * windowCalls);
		// other calls, and the partner late for them
		machine.keyBase = 10;
		machine.sharedMs = busy;
		machine.runFor(100);
		const late = machine.run(1000);
		const tried = late.filter(partners => partners > 0).length;
		assert.ok(tried < 50, `left out for them: ${tried} of 1,000 calls shared`);
		// and on time for still others
		machine.keyBase = 20;
		machine.sharedMs = quiet;
		machine.runFor(1100);
		assert.ok(
			machine.run(1000).every(partners => partners === 1),
			'taken back for those',
		);
	});

	test('a pause between calls (between epochs, or paused by a key) is not held against the partner', () => {
		const machine = new Machine(new TeamPace(1), quiet);
		machine.run(3 * windowCalls);
		machine.now += 500;
		assert.ok(
			machine.run(3 * windowCalls).every(partners => partners === 1),
			'still shared',
		);
	});

	test('calls alone count at their average: on a machine busier than its cores, where the caller alone loses its core too, a team that gets more of it pays', () => {
		const pace = new TeamPace(1);
		let now = 0,
			shared = 0;
		for (let call = 0; call < 5000; call++) {
			const working = pace.partnersAt(now);
			// alone, every third call waits 1 ms for the core; shared, every call takes 0.25 ms
			const ms = working === 0 ? (call % 3 === 0 ? 1.1 : 0.1) : 0.25;
			pace.record(call % 6, now, now + ms, working);
			now += ms + 0.02;
			if (call >= 4000) shared += working;
		}
		assert.ok(shared > 900, `${shared} of the last 1,000 calls shared`);
	});

	test('a call alone held up once for seconds counts as no more than 20 times its usual', () => {
		const pace = new TeamPace(1);
		let now = 0;
		for (let call = 0; call < windowCalls; call++) {
			pace.partnersAt(now);
			const ms = call === 12 ? 2000 : 0.1;
			pace.record(call % 6, now, now + ms, 0);
			now += ms + 0.02;
		}
		// shared calls twice as slow as alone: with the 2 s call at full weight they would seem hundreds of times faster
		let shared = 0;
		for (let call = 0; call < 4 * windowCalls; call++) {
			const working = pace.partnersAt(now);
			pace.record(call % 6, now, now + 0.2, working);
			now += 0.22;
			shared += working;
		}
		// no more than one try: its settling calls and its two windows
		assert.ok(shared <= defaultPace.settleCalls + 2 * windowCalls, `${shared} calls shared`);
	});
});

describe('the pace of a team of three partners', () => {
	test('adds one partner at a time while each adds to the gain, and stops where one more does not', () => {
		// two partners are as fast as three: the third's share is lost to waiting
		const machine = new Machine(new TeamPace(3), partners => quiet(Math.min(partners, 2)));
		machine.runFor(3000);
		const last = machine.history.slice(-2000);
		assert.ok(
			last.filter(partners => partners === 2).length > 1950,
			`mostly two partners: ${[0, 1, 2, 3].map(count => last.filter(partners => partners === count).length)}`,
		);
	});

	test('all three on a quiet machine; one fewer when one of them turns late', () => {
		const machine = new Machine(new TeamPace(3), quiet);
		machine.runFor(500);
		const quietCalls = machine.run(200);
		assert.ok(
			quietCalls.every(partners => partners === 3),
			`${quietCalls}`,
		);
		// the third partner's core is taken: three partners are slower than two
		machine.sharedMs = partners => (partners === 3 ? 1.2 : quiet(partners));
		machine.runFor(3000);
		const last = machine.history.slice(-2000);
		assert.ok(
			last.filter(partners => partners === 2).length > 1950,
			`mostly two partners: ${[0, 1, 2, 3].map(count => last.filter(partners => partners === count).length)}`,
		);
	});
});
