/**
 * How many partners a kernel team hands parts to, decided from how fast the
 * calls come back. A partner whose thread lost its core to another process
 * holds the part it took until it runs again, and the caller waits; and
 * while the partners spin for the next call they take CPU time from the
 * caller. On a busy machine that makes sharing slower than running alone.
 *
 * The team starts alone and learns what each call costs alone: the call,
 * and the caller's own work since the call before (a call is known by its
 * kernel, its first array and its size, the same for the same call of every
 * step). Then it hands parts to one more partner for a window of calls and
 * sets what each call typically took (the median of its times) against what
 * it took alone, each as often as it came: that ratio is the gain of
 * sharing, which a call held up now and then does not decide. The first
 * `settleCalls` calls with a new partner count only towards being late, not
 * towards the gain: while they run, the arrays move into the partner's
 * cache (a step or two slower than the ones after). A try is kept when its
 * window's gain reaches `minimumGain` (and beats the gain with one partner
 * fewer). The first try with that many partners is judged over another
 * window, up to four, while its window is about as fast as alone
 * (`undecidedGain`): a run's first try comes in its first tens of ms, while
 * the program's own threads compile its code, and a partner may have no
 * core for a few steps. After that a window whose gain falls below
 * `keepGain` (or that gain with one partner fewer) sends the team back down
 * one partner, the gap between the two keeping a team whose gain wavers
 * around one of them from flapping; a window already `lateMs` behind
 * running alone (or `lateShare` of what a window's calls took alone, for
 * calls that take milliseconds) ends at once, so a try on a busy machine
 * costs little: at once when two of its calls were held up more than a
 * quarter of that, as a partner that lost its core holds them up; at twice
 * that behind otherwise, as one held up alone is a hiccup (a partner woken
 * late, the program's own threads busy as a run starts). A team kept, or a
 * first try, whose calls typically gain is left only at its second late
 * window in a row: one late window is more likely the program's own threads
 * (a frame drawn on the other core, code compiled as a run starts) than
 * another process. A window late before any of its calls counts (the
 * settling ones, as the partner comes back from a window alone) goes by
 * the gain of the team's last window. A team kept is judged over longer windows
 * (`keptWindowCalls`), so that one call held up by a hiccup on the other
 * core does not end sharing that pays. After a failed try the next waits a
 * pause that starts at `firstPauseMs` and doubles with each failure up to
 * `longestPauseMs`: a machine that stays busy is tried less and less often,
 * and one that turns quiet again gets its whole team back within that
 * longest pause. Partners that stop paying after paying only briefly double
 * the pause too (a machine that changes faster than the tries can follow is
 * tried at most once a `longestPauseMs`); after paying for longer than
 * that, the pause starts again from the first. Each stay alone measures the
 * calls alone afresh, and a team that pays runs one window alone every
 * `measureEveryMs`, so what it compares with is never older than that; or
 * less often where a window of calls takes long (a convolutional
 * network's), so that running alone takes at most `aloneShare` of the time.
 * Alone with no partner that pays, once its calls alone are measured, the
 * team rests until its next try: its calls are neither timed nor judged
 * (`restingUntil`), and the try measures a window alone afresh first.
 *
 * A try also waits for a core that other processes leave free: where the
 * system says how long its cores were idle (`SpareClock`: that time and
 * this process's own CPU time), and the team has run as it is for long
 * enough to tell, a machine whose other processes did not leave the team's
 * threads a core each and `spareCores` of one more has no core for one
 * more partner, and the try would only be late. The team then looks again
 * after the first pause, at no cost: a busy machine costs the team at most
 * one try, not one every longest pause. The process's own threads do not
 * count against a try (the screen, the files loading, V8 compiling: they
 * are brief, and the team's own calls wait for them anyway); but while it
 * has more threads busy than the machine has cores, they take a share of
 * a busy process's core too, hence 0.7 of a core and not a fifth. The time
 * counts from when the team was made, if it says, or from where the pace
 * it follows counted it (a run's pace follows the warm-up's, made as the
 * files load, so its first try is judged by what other processes took
 * while they did).
 */
export interface PaceSettings {
	/** Calls measured before deciding (and alone, before the first try). */
	readonly windowCalls: number;
	/** Calls of a window that judges a team already kept: longer, so that one call held up by a hiccup on the other core does not end a team that pays. */
	readonly keptWindowCalls: number;
	/** Calls after the team grows that count only towards being late: while they run, the arrays move into the new partner's cache. */
	readonly settleCalls: number;
	/** A try must make the calls at least this many times faster than running alone. */
	readonly minimumGain: number;
	/** Partners kept stay while their windows are at least this many times faster than alone. */
	readonly keepGain: number;
	/** A first try's window at least this fast against alone, though below `minimumGain`, says little: the try is judged over another. */
	readonly undecidedGain: number;
	/** A window that has lost this much (ms) against running alone fails at once… */
	readonly lateMs: number;
	/** …or this share of a window's calls alone, where that is more: a frame drawn on the other core is no reason to stop sharing calls of 5 ms. */
	readonly lateShare: number;
	readonly firstPauseMs: number;
	readonly longestPauseMs: number;
	/** A team that pays runs a window alone this often (ms), to measure the calls alone afresh… */
	readonly measureEveryMs: number;
	/** …or less often, so that those windows take at most this share of the time. */
	readonly aloneShare: number;
	/** A try waits until other processes left the team's threads their cores and this much of one more, on average since the team last changed… */
	readonly spareCores: number;
	/** …when it has run as it is for at least this long (ms): the system counts idle time in ticks of 10 ms. */
	readonly spareWindowMs: number;
}

/** The time the machine's cores were idle or ran this process so far, summed over them (ms); NaN where the system does not say. */
export type SpareClock = () => number;

/** Where a try's spare time counts from: a time (ms, the calls' clock) and the spare time then. */
export interface SpareMark {
	readonly at: number;
	readonly spare: number;
}

/**
 * A window of 48 calls is 6 to 8 training steps, a few ms. On a quiet
 * machine two threads make the calls 1.5 to 2 times faster than one; with
 * a partner that loses its core they come back slower than alone. A failed
 * try costs up to a part held by a partner that lost its core: 5 to 25 ms
 * on this project's busy 2-core machine, so tries start 100 ms apart. A
 * convolutional network's calls take milliseconds: its window alone is
 * 100–150 ms, so it fails at 10% of that behind and runs alone every 4–5 s.
 * Over 80 ms and more, this 2-core machine read 1.85–2.0 cores spare while
 * quiet, the files loading or training alone; beside a busy loop, 1.0–1.1
 * training alone and 1.2–1.65 while the files loaded on the program's
 * threads (the busy loop then had less than its core).
 */
export const defaultPace: PaceSettings = {
	windowCalls: 48,
	keptWindowCalls: 192,
	settleCalls: 8,
	minimumGain: 1.05,
	keepGain: 1,
	undecidedGain: 0.9,
	lateMs: 5,
	lateShare: 0.1,
	firstPauseMs: 100,
	longestPauseMs: 1000,
	measureEveryMs: 1000,
	aloneShare: 0.03,
	spareCores: 0.7,
	spareWindowMs: 80,
};

/**
 * Zero, for a time or a gain: -0 is a fraction to V8, which then keeps the
 * field as one from the start. A field first seen holding a whole number is
 * laid out as one, and its first fraction (in a run's first epoch) changes
 * the layout of every pace and throws away the code compiled for the old one.
 */
const zeroMs = -0;

/**
 * What a call and the work before it cost alone. The call: the mean of its
 * last eight times, each at most 20 times their median, so the times the
 * caller lost its core count as the cost they are on a machine busier than
 * its cores, and a stray one of seconds does not. The work before it: the
 * median of the last three, as a pause between epochs or for a key falls
 * there and is no one's cost.
 */
class AloneCost {
	private readonly calls: number[] = [];
	private readonly gaps: number[] = [];
	private next = 0;
	/** The costs as last worked out, and whether a call alone came since. */
	private call = zeroMs;
	private gap = zeroMs;
	private stale = false;

	/** Every call alone: only recorded, as a team alone for long (on a busy machine) reads none of it. */
	add(callMs: number, gapMs: number): void {
		this.calls[this.next % 8] = callMs;
		this.gaps[this.next % 3] = gapMs;
		this.next++;
		this.stale = true;
	}

	/** Read for every call shared, worked out again only after calls alone. */
	get callMs(): number {
		this.workOut();
		return this.call;
	}

	get gapMs(): number {
		this.workOut();
		return this.gap;
	}

	/** Three times measured. */
	get known(): boolean {
		return this.next >= 3;
	}

	private workOut(): void {
		if (!this.stale) return;
		this.stale = false;
		const cap = 20 * median(this.calls);
		this.call = this.calls.reduce((sum, ms) => sum + Math.min(ms, cap), 0) / this.calls.length;
		this.gap = median(this.gaps);
	}
}

function median(values: readonly number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[sorted.length >> 1]!;
}

/** Windows a first try is judged over, at most, while they come out about as fast as alone. */
const firstTryWindows = 4;

export class TeamPace {
	/** Partners taking parts now. */
	private working = 0;
	/** The partners known to pay off: where a failed try returns. */
	private settled = 0;
	/** Gain last measured with each number of partners (index 0: alone, 1 by definition). */
	private readonly gains: Float64Array;
	private pauseMs: number;
	private nextTryAt = zeroMs;
	private readonly alone = new Map<number, AloneCost>();
	private aloneCalls = 0;
	private aloneSince = Number.NaN;
	/** What the calls of the last window alone took (ms), without the time between them: a pause for the event loop is not theirs. */
	private aloneWindowMs = zeroMs;
	private aloneCallsMs = zeroMs;
	private paidSince = zeroMs;
	private lastEnd = Number.NaN;
	private calls = 0;
	private unknownCalls = 0;
	/** How far the window's calls, settling ones too, are behind running alone (ms). */
	private lagMs = zeroMs;
	/** Calls of the window held up more than a quarter of `lateMs` against alone. */
	private heldUp = 0;
	/** Each counted call's times shared (its call and the work before it), by key. */
	private readonly sharedTimes = new Map<number, number[]>();
	/** Calls left before the window's gain counts them. */
	private settling = 0;
	/** Windows the first try has been judged over again. */
	private triedWindows = 0;
	/** Whether the last window (of a team kept, or of a first try) was late while its calls typically gained. */
	private lateBefore = false;
	/** Whether the try on now is the first with that many partners. */
	private firstTry = false;
	/** Whether the last look for a core found none. */
	private coreTaken = false;
	/** Whether the team, alone, rests until its next try (see `restingUntil`). */
	private resting = false;
	/** The numbers of partners tried so far. */
	private readonly tried = new Set<number>();
	/** When the working partners last changed (or a try last waited for a free core), and the spare time then. */
	private changedAt = Number.NaN;
	private spareThen = Number.NaN;

	/**
	 * @param spare the time the machine's cores were idle or ran this process, which a try waits on; tries without it go by the calls' times alone
	 * @param since when the team was made (ms, the calls' clock): the spare time from then counts for the first try;
	 *   or the spare mark of the pace this one follows (`spareMark`)
	 */
	constructor(
		private readonly partners: number,
		private readonly settings: PaceSettings = defaultPace,
		private readonly spare: SpareClock = () => Number.NaN,
		since: number | SpareMark = Number.NaN,
	) {
		this.gains = new Float64Array(partners + 1);
		this.gains[0] = 1;
		this.pauseMs = settings.firstPauseMs;
		if (typeof since !== 'number') {
			// following a pace: no try before the spare time since the mark can tell
			this.changedAt = since.at;
			this.spareThen = since.spare;
			this.nextTryAt = since.at + settings.spareWindowMs;
		} else if (!Number.isNaN(since)) this.markSpare(since);
	}

	/**
	 * Where the spare time counts from, for a pace that follows this one (a run's, after the warm-up's): while
	 * alone after a look that found no core, from that look, so that the first try of a run whose files loaded
	 * beside a busy process is judged by the spare time while they did; and from where this one counted, if it
	 * never looked (a warm-up cut short by files that came quickly: its calls never measured, it passes on the
	 * time since it was made, or since the pace it followed counted). Otherwise none, after a look that found a
	 * core or a try: from the new one's start, whose first try then comes at once (on a quiet machine, waiting
	 * for the look to tell cost the first epoch a few %).
	 */
	get spareMark(): SpareMark | undefined {
		const neverLooked = this.tried.size === 0 && !Number.isNaN(this.changedAt);
		return this.working === 0 && (this.coreTaken || neverLooked) ? {at: this.changedAt, spare: this.spareThen} : undefined;
	}

	/**
	 * Until when (ms, the calls' clock) the calls need not be timed, nor the
	 * pace asked: a team alone, with no partner that paid, whose calls alone
	 * are measured, rests until its next try and runs them alone. At its end
	 * the pace looks for a free core first, at no cost, and rests again
	 * without one; with one, it measures a window of calls alone afresh, then
	 * tries. Alone between tries is how a team spends most of its time on a
	 * busy machine: beside a busy loop, 14 interleaved runs of 784-128-10
	 * were 4.5% behind one thread while every call was timed, 2.1% resting.
	 */
	get restingUntil(): number {
		return this.resting ? this.nextTryAt : Number.NEGATIVE_INFINITY;
	}

	/** How many partners should take parts of a call starting at `now` (ms). */
	partnersAt(now: number): number {
		if (Number.isNaN(this.aloneSince)) this.aloneSince = now;
		if (this.resting) {
			if (now < this.nextTryAt) return 0;
			if (!this.coreFree(now)) {
				this.lookAgain(now);
				return 0;
			}
			// a window alone afresh, the work before its first call unknown
			this.resting = false;
			this.aloneCalls = 0;
			this.aloneCallsMs = 0;
			this.lastEnd = Number.NaN;
		}
		const measured = this.aloneCalls >= this.settings.windowCalls;
		if (this.working < this.settled) {
			// back from measuring the calls alone
			if (measured) {
				this.setWorking(this.settled, now);
				this.restartWindow(this.settings.settleCalls);
			}
		} else if (this.working === this.settled && this.settled < this.partners && (this.settled > 0 || measured) && now >= this.nextTryAt) {
			if (this.coreFree(now)) {
				this.coreTaken = false;
				this.setWorking(this.settled + 1, now);
				this.firstTry = !this.tried.has(this.working);
				this.tried.add(this.working);
				this.triedWindows = 0;
				this.restartWindow(this.settings.settleCalls);
			} else this.lookAgain(now);
		}
		if (this.settled === 0 && this.working === 0 && measured && now < this.nextTryAt) this.resting = true;
		return this.working;
	}

	/** No core to spare: a look again after the first pause, over the spare time from now. */
	private lookAgain(now: number): void {
		this.markSpare(now);
		this.nextTryAt = now + this.settings.firstPauseMs;
		this.coreTaken = true;
	}

	/** Whether the machine had a core to spare since the team last changed: yes where that cannot be told. */
	private coreFree(now: number): boolean {
		const ms = now - this.changedAt;
		if (!(ms >= this.settings.spareWindowMs)) return true;
		const spareCores = (this.spare() - this.spareThen) / ms;
		return !(spareCores < 1 + this.working + this.settings.spareCores);
	}

	private setWorking(working: number, now: number): void {
		if (working === this.working) return;
		this.working = working;
		this.markSpare(now);
	}

	/** The spare time that `coreFree` counts from. */
	private markSpare(now: number): void {
		this.changedAt = now;
		this.spareThen = this.spare();
	}

	/** Records call `key`, run from `start` to `end` (ms) with `partnersAt`'s partners; a call while resting is not timed. */
	record(key: number, start: number, end: number, partners: number): void {
		if (this.resting) return;
		const callMs = end - start;
		// the caller's own work since the call before; nothing for the first call
		const gapMs = Math.max(0, start - this.lastEnd) || 0;
		this.lastEnd = end;
		const alone = this.alone.get(key);
		if (partners === 0) {
			this.aloneCallsMs += callMs;
			if (++this.aloneCalls === this.settings.windowCalls) this.aloneWindowMs = this.aloneCallsMs;
			// the first time is the least typical: the code still cold, the files just loaded
			if (alone) alone.add(callMs, gapMs);
			else this.alone.set(key, new AloneCost());
			return;
		}
		if (!alone?.known) {
			// a call not yet measured alone (the run's first, a test pass's) says nothing: a window alone learns them
			if (++this.unknownCalls >= this.settings.windowCalls) this.measureAlone(end);
			return;
		}
		const aloneMs = alone.callMs + alone.gapMs;
		// the work between calls counts up to a few times its alone cost: a pause between epochs is no one's
		const sharedMs = callMs + Math.min(gapMs, 4 * alone.gapMs + 0.05);
		this.lagMs += sharedMs - aloneMs;
		if (sharedMs - aloneMs > this.settings.lateMs / 4) this.heldUp++;
		if (this.settling > 0) this.settling--;
		else {
			this.calls++;
			const times = this.sharedTimes.get(key);
			if (times) times.push(sharedMs);
			else this.sharedTimes.set(key, [sharedMs]);
		}
		// behind by one call held up (a partner woken late, the program's own threads busy) is a hiccup; by two, or by twice as much, late
		const behind = Math.max(this.settings.lateMs, this.settings.lateShare * this.aloneWindowMs);
		const late = this.lagMs > behind && (this.heldUp >= 2 || this.lagMs > 2 * behind);
		const windowCalls = this.working > this.settled ? this.settings.windowCalls : this.settings.keptWindowCalls;
		if (late || this.calls >= windowCalls) this.decide(end, late);
	}

	private decide(now: number, late: boolean): void {
		const gain = this.typicalGain();
		const working = this.working;
		const needed = working > this.settled ? this.settings.minimumGain : this.settings.keepGain;
		// a window late before its first call that counts (the settling ones after a window alone: a frame drawn on the other
		// core as the partner came back) has no gain of its own; a team kept goes by the gain its last window had
		const paying =
			this.calls === 0 ? working === this.settled && this.gains[working]! >= needed : gain >= needed && gain > this.gains[working - 1]!;
		const lateBefore = this.lateBefore;
		this.lateBefore = false;
		if (!late && paying) {
			this.gains[working] = gain;
			if (working > this.settled) {
				// a try that paid: one more partner is worth a try soon
				this.settled = working;
				this.paidSince = now;
				this.nextTryAt = now + this.settings.firstPauseMs;
			} else if (now - this.aloneSince >= Math.max(this.settings.measureEveryMs, this.aloneWindowMs / this.settings.aloneShare)) {
				// the costs alone were measured a while ago, on a machine that may have changed since: a window alone again
				this.measureAlone(now);
				return;
			}
		} else if (late && paying && !lateBefore && (working === this.settled || this.firstTry)) {
			// late once while its calls typically gain: the program's own threads held up a part (a frame drawn on the
			// other core, code compiled as a run starts) more likely than another process took the core; late again, left
			this.lateBefore = true;
		} else if (
			working > this.settled &&
			this.firstTry &&
			!late &&
			gain >= this.settings.undecidedGain &&
			++this.triedWindows < firstTryWindows
		) {
			// the first try with that many partners, about as fast as alone: judged again over a window of its own, up to
			// four, as a run's first try comes while the program's own threads compile its code, and a partner without a
			// core for a few steps would stop sharing that pays
		} else if (working > this.settled) {
			// a try that failed: back, and wait longer before the next
			this.setWorking(this.settled, now);
			this.pause(now);
		} else {
			// the partners that paid off no longer do: after a long while, news; after a short one, a machine that changes fast, so wait longer
			this.settled = working - 1;
			this.setWorking(working - 1, now);
			if (now - this.paidSince >= this.settings.longestPauseMs) this.pauseMs = this.settings.firstPauseMs;
			this.pause(now);
		}
		if (this.working === 0) this.measureAlone(now);
		else this.restartWindow();
	}

	/** No try for the pause, which doubles for the next one. */
	private pause(now: number): void {
		this.nextTryAt = now + this.pauseMs;
		this.pauseMs = Math.min(this.pauseMs * 2, this.settings.longestPauseMs);
	}

	/** A window alone, then back to the partners that pay (a try that was on comes again at once). */
	private measureAlone(now: number): void {
		this.setWorking(0, now);
		this.aloneCalls = 0;
		this.aloneCallsMs = 0;
		this.aloneSince = now;
		this.restartWindow();
	}

	/**
	 * The window's gain from each call's typical time: the median of its
	 * times shared, against its cost alone, each weighted by how often it
	 * came. A call held up now and then does not decide; a partner that
	 * makes most of them slower does.
	 */
	private typicalGain(): number {
		let alone = 0,
			shared = 0;
		for (const [key, times] of this.sharedTimes) {
			const cost = this.alone.get(key)!;
			alone += times.length * (cost.callMs + cost.gapMs);
			shared += times.length * median(times);
		}
		return alone / shared;
	}

	private restartWindow(settling = 0): void {
		this.heldUp = 0;
		this.sharedTimes.clear();
		this.settling = settling;
		this.lagMs = 0;
		this.unknownCalls = 0;
		this.calls = 0;
	}
}
