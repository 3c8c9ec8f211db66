import {Worker} from 'node:worker_threads';
import {machineSpareMs} from './machine-spare.js';
import {defaultPace, type PaceSettings, type SpareMark, TeamPace} from './team-pace.js';

/**
 * Partner threads that share the calls of the wasm kernels with the thread
 * that owns a network. Every kernel that can be shared computes only a part
 * [from, to) of its result (see scripts/wasm/kernels-wat.ts), so a call is cut into
 * parts and each thread takes the next free part until none is left: the
 * caller never waits for a partner to wake up, only for a part a partner has
 * already taken, and a descheduled partner just leaves more parts to the
 * caller. Parts start at multiples of 8, where the kernels' results do not
 * depend on the split, so any number of threads computes the same numbers.
 *
 * The caller takes its parts from the front, the partners from the back, so
 * that from one step to the next each thread works on the same rows of the
 * same arrays, still in its cache: a line one core last wrote or read costs
 * the other one a trip between their caches (on this project's 2-core
 * machine taking parts from one end had 784-128-10's step at 630 µs; from
 * both ends, 600 µs, clearing the gradients 28 → 14 µs).
 *
 * The threads meet in one small shared Int32Array:
 *   job      the number of the current call (the partners wait on it)
 *   claim    (job << 18) | (back << 9) | front: the parts [front, back) are
 *            free, taken with compare-and-swap, so a partner that read an
 *            older call's fields can never take a part of a newer one
 *   done     parts finished
 * plus the kernel's index, the part count, the part size, the total and the
 * arguments (numbers, in a Float64Array beside it), two counts (partners
 * ready, parts the partners have done), a flag a failing partner raises
 * (it still counts its part done, so nobody waits for it forever) and how
 * many partners take parts (the others sleep until that changes).
 *
 * A partner whose thread loses its core to another process in the middle of
 * a part holds up the call until it runs again. An adaptive team (see
 * team-pace.ts) watches how the parts come back and hands them to fewer
 * partners, or none, while that costs more than it gains, and tries one
 * more only when the machine's other processes have left a core for it.
 */
const slot = {
	job: 0,
	claim: 1,
	done: 2,
	kernel: 3,
	parts: 4,
	grain: 5,
	total: 6,
	argc: 7,
	stop: 8,
	ready: 9,
	partnerParts: 10,
	failed: 11,
	active: 12,
} as const;
const controlInts = 16;
const maximumArgs = 16;
/** Parts per call at most: the claim keeps the front and the back in 9 bits each. */
const maximumParts = 256;
const partBits = 9;
const partMask = (1 << partBits) - 1;
const jobMask = (1 << (31 - 2 * partBits)) - 1;

/**
 * How long an idle partner keeps checking for the next call before it
 * sleeps: while training, calls come every few µs and a batch's JavaScript
 * between them takes tens of µs. Longer would steal the CPU from the caller
 * on a busy machine.
 */
const spinMs = 0.2;
/** How long the caller checks for the partners' last parts before it sleeps until they finish, leaving them the CPU. */
const waitSpinMs = 0.03;

/**
 * The partner's whole program, run as an eval'd CommonJS worker: nothing to
 * resolve on disk, the same from source (tsx) and from dist.
 */
const partnerSource = `
const {workerData} = require('node:worker_threads');
const {module, memory, control: buffer, names, slot, partBits, partMask, jobMask, spinMs, index} = workerData;
const kernels = new WebAssembly.Instance(module, {env: {memory}}).exports;
// by index, as the caller names them: a lookup by name would be compiled for the names seen so far, and dropped at the next
const table = names.map(name => kernels[name]);
// the kernels that need working space take this thread's slot of it (the caller's is slot 0)
if (kernels.set_thread) kernels.set_thread(index + 1);
const control = new Int32Array(buffer, 0, ${controlInts});
const args = new Float64Array(buffer, ${controlInts * 4}, ${maximumArgs});
function serve() {
	let seen = 0;
	// one array for every call's arguments: a partner that made garbage would stop now and then to collect it, holding up the call
	const values = [];
	Atomics.add(control, slot.ready, 1);
	Atomics.notify(control, slot.ready);
	for (;;) {
		let job = Atomics.load(control, slot.job);
		// 0 first: both comparisons are made at every look, so V8 compiles the loop having seen both
		if (job === 0 || job === seen) {
			const until = performance.now() + spinMs;
			let spins = 0;
			while ((job = Atomics.load(control, slot.job)) === 0 || job === seen) {
				if ((++spins & 1023) === 0 && performance.now() > until) Atomics.wait(control, slot.job, job);
			}
		}
		if (Atomics.load(control, slot.stop)) return;
		let active;
		while (index >= (active = Atomics.load(control, slot.active))) {
			Atomics.wait(control, slot.active, active);
			if (Atomics.load(control, slot.stop)) return;
		}
		const kernel = table[control[slot.kernel]];
		const parts = control[slot.parts], grain = control[slot.grain], total = control[slot.total];
		const argc = control[slot.argc];
		values.length = 0;
		for (let i = 0; i < argc; i++) values.push(args[i]);
		// a call the caller finished alone may be rewritten for the next one while it is read here (the job is
		// then 0 or the next one): its kernel, parts and arguments hold only if the job is still the same
		if (Atomics.load(control, slot.job) !== job) continue;
		seen = job;
		const tag = (job & jobMask) << (2 * partBits);
		for (;;) {
			// parts [front, back) are free: partners take them from the back, the caller from the front
			const claim = Atomics.load(control, slot.claim);
			const front = claim & partMask, back = (claim >> partBits) & partMask;
			if (claim - (claim & ((1 << (2 * partBits)) - 1)) !== tag || front >= back) break;
			if (Atomics.compareExchange(control, slot.claim, claim, claim - (1 << partBits)) !== claim) continue;
			const part = back - 1;
			const from = part * grain;
			try {
				kernel(from, Math.min(from + grain, total), ...values);
			} catch {
				Atomics.store(control, slot.failed, 1);
			}
			Atomics.add(control, slot.partnerParts, 1);
			Atomics.add(control, slot.done, 1);
			Atomics.notify(control, slot.done);
		}
	}
}
serve();
`;

/** A kernel that computes part [from, to) of its result: (from, to, ...args). */
export type PartKernel = (from: number, to: number, ...args: number[]) => void;

/** How a team shares: every partner on every call, or as many as pay off (see team-pace.ts). */
export interface TeamOptions {
	readonly adaptive?: boolean;
	readonly pace?: PaceSettings;
}

export class KernelTeam {
	private readonly control: Int32Array;
	private readonly args: Float64Array;
	private readonly partners: Worker[];
	private readonly names: readonly string[];
	/** The caller's kernels in the order of `names`: looked up by index, as the partners do. */
	private readonly table: readonly PartKernel[];
	private pace: TeamPace | null;
	/** The calls the pace has met, each a number: by kernel and first array, then by size. */
	private readonly callKeys = new Map<number, Map<number, number>>();
	private callCount = 0;
	private readonly paceSettings: PaceSettings;
	private job = 0;

	/**
	 * @param module, memory what the partners instantiate: the same kernels on the same memory
	 * @param kernels the caller's instance of them, by export name
	 * @param names the exports the team may be asked to run
	 * @param partners how many threads besides the caller
	 */
	constructor(
		module: object,
		memory: object,
		kernels: Record<string, PartKernel>,
		names: readonly string[],
		partners: number,
		{adaptive = false, pace = defaultPace}: TeamOptions = {},
	) {
		const buffer = new SharedArrayBuffer(controlInts * 4 + maximumArgs * 8);
		this.control = new Int32Array(buffer, 0, controlInts);
		this.args = new Float64Array(buffer, controlInts * 4, maximumArgs);
		this.names = names;
		this.table = names.map(name => kernels[name]!);
		this.paceSettings = pace;
		this.pace = adaptive ? this.newPace(partners) : null;
		this.control[slot.active] = partners;
		this.partners = Array.from({length: partners}, (_, index) => {
			const worker = new Worker(partnerSource, {
				eval: true,
				workerData: {module, memory, control: buffer, names, slot, partBits, partMask, jobMask, spinMs, index},
			});
			// a partner never keeps the process alive, and ends with the thread that made it
			worker.unref();
			return worker;
		});
	}

	/** Threads working on each call, the caller included. */
	get threads(): number {
		return this.partners.length + 1;
	}

	/** Partners taking parts of the calls now: all of them, or in an adaptive team those that pay off. */
	get workingPartners(): number {
		return Atomics.load(this.control, slot.active);
	}

	/** Parts of calls the partners have done so far: how much of the work they took. */
	get partnerParts(): number {
		return Atomics.load(this.control, slot.partnerParts);
	}

	/**
	 * Forgets what an adaptive team learned of the calls, which then start
	 * alone again: for when the arrays they were known by are given back,
	 * and the next calls on the same arrays are another network's (the
	 * warm-up's calls, slow while the code was new and spaced out by the
	 * files loading, would make the run's calls alone look slow).
	 */
	forgetCalls(): void {
		// the spare time counts on from where the old pace counted it: a run's first try is judged by the files' loading
		if (this.pace) this.pace = this.newPace(this.partners.length, this.pace.spareMark);
		this.callKeys.clear();
	}

	/** A pace that starts alone, and tries partners as the cores other processes left since now (or since `mark`) allow. */
	private newPace(partners: number, mark?: SpareMark): TeamPace {
		return new TeamPace(partners, this.paceSettings, machineSpareMs, mark ?? performance.now());
	}

	/**
	 * A call as the pace knows it: its kernel, its first array and its size,
	 * the same for the same call of every step (an evaluation's larger
	 * batches through the same arrays are other calls).
	 */
	private callKey(kernel: number, args: readonly number[], total: number): number {
		const where = kernel * 2 ** 32 + (args[0] ?? 0);
		let sizes = this.callKeys.get(where);
		if (!sizes) this.callKeys.set(where, (sizes = new Map()));
		let key = sizes.get(total);
		if (key === undefined) sizes.set(total, (key = this.callCount++));
		return key;
	}

	/** Whether every partner is running. */
	get running(): boolean {
		return Atomics.load(this.control, slot.ready) >= this.partners.length;
	}

	/** Resolves when every partner is running; calls before that run on the caller alone. */
	async ready(): Promise<void> {
		while (!this.running) await new Promise(resolve => setTimeout(resolve, 2));
	}

	/**
	 * Runs `calls` calls of kernel `name` shared with every partner, whatever
	 * the pace, and tells the pace nothing of them: for small calls whose only
	 * purpose is to run the code that shares them (see WasmBackend.warmThreads).
	 */
	exercise(name: string, total: number, grain: number, args: readonly number[], calls: number): void {
		const {pace} = this;
		this.pace = null;
		try {
			// first a call that the partners sit out, asleep until they are to work again, as while a pace runs alone
			this.activate(0);
			this.run(name, total, grain, args);
			this.activate(this.partners.length);
			for (let call = 0; call < calls; call++) this.run(name, total, grain, args);
		} finally {
			// the pace sets the partners working again at its next call
			this.pace = pace;
		}
	}

	/**
	 * Runs kernel `name` over [0, total) in parts of at least `grain` (a
	 * multiple of 8), shared with the partners; returns when every part is done.
	 */
	run(name: string, total: number, grain: number, args: readonly number[]): void {
		const {pace} = this;
		const index = this.names.indexOf(name);
		if (index < 0 || args.length > maximumArgs) throw new Error(`the kernel team cannot run ${name}`);
		const kernel = this.table[index]!;
		const started = pace ? performance.now() : 0;
		if (pace && started < pace.restingUntil) {
			kernel(0, total, ...args);
			return;
		}
		const working = pace ? this.activate(pace.partnersAt(started)) : this.partners.length;
		if (working === 0) kernel(0, total, ...args);
		else this.share(index, kernel, total, grain, args);
		// one place for both, so that V8 compiles it having seen calls alone and shared
		if (pace) pace.record(this.callKey(index, args, total), started, performance.now(), working);
	}

	/** Sets how many partners take parts, waking those that now do; returns that number. */
	private activate(partners: number): number {
		if (partners !== this.control[slot.active]) {
			Atomics.store(this.control, slot.active, partners);
			Atomics.notify(this.control, slot.active);
		}
		return partners;
	}

	/** Runs kernel number `index` over [0, total) with the partners taking parts. */
	private share(index: number, kernel: PartKernel, total: number, grain: number, args: readonly number[]): void {
		const {control} = this;
		const step = Math.max(grain, Math.ceil(total / maximumParts / 8) * 8);
		const parts = Math.ceil(total / step);
		this.job = (this.job + 1) & jobMask || 1;
		// job 0 while the call is written: a partner that read the last call's fields as they were being
		// rewritten finds the job changed and reads them again (see partnerSource)
		Atomics.store(control, slot.job, 0);
		control[slot.kernel] = index;
		control[slot.parts] = parts;
		control[slot.grain] = step;
		control[slot.total] = total;
		control[slot.argc] = args.length;
		this.args.set(args);
		Atomics.store(control, slot.done, 0);
		Atomics.store(control, slot.claim, (this.job << (2 * partBits)) | (parts << partBits));
		Atomics.store(control, slot.job, this.job);
		Atomics.notify(control, slot.job);
		let part: number;
		try {
			while ((part = this.claimFront()) >= 0) {
				const from = part * step;
				kernel(from, Math.min(from + step, total), ...args);
				Atomics.add(control, slot.done, 1);
			}
		} catch (error) {
			// the partners may still be on parts of this call: they must not count into the next one
			this.close();
			throw error;
		}
		this.awaitParts(parts);
		if (Atomics.load(control, slot.failed)) {
			this.close();
			throw new Error(`a kernel failed in a partner thread: ${this.names[index]}`);
		}
	}

	/** The first free part, taken from the front (the partners take theirs from the back), or -1 when none is left. */
	private claimFront(): number {
		const {control} = this;
		for (;;) {
			const claim = Atomics.load(control, slot.claim);
			const front = claim & partMask;
			if (front >= ((claim >> partBits) & partMask)) return -1;
			if (Atomics.compareExchange(control, slot.claim, claim, claim + 1) === claim) return front;
		}
	}

	/** Waits for the parts the partners took: checking for a moment, then asleep until one finishes. */
	private awaitParts(parts: number): void {
		const {control} = this;
		let done = Atomics.load(control, slot.done);
		if (done >= parts) return;
		// the clock read every 64 checks: each read makes a number object that the spin would pile up
		const until = performance.now() + waitSpinMs;
		for (let check = 1; (done = Atomics.load(control, slot.done)) < parts; check++)
			if ((check & 63) === 0 && performance.now() >= until) break;
		while ((done = Atomics.load(control, slot.done)) < parts) Atomics.wait(control, slot.done, done, 1);
	}

	/** Ends the partners; the team must not be used after. */
	close(): void {
		Atomics.store(this.control, slot.stop, 1);
		Atomics.store(this.control, slot.job, (this.job + 1) & jobMask || 1);
		Atomics.notify(this.control, slot.job);
		Atomics.notify(this.control, slot.active);
		for (const partner of this.partners) void partner.terminate();
	}
}
