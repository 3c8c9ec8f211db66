/**
 * Seeded pseudo-random numbers (xoshiro128**), the only source of randomness
 * in the engine: the same seed gives the same initial weights and the same
 * batch order. The state is four 32-bit words, so a checkpoint can carry it.
 */
export class Rng {
	private readonly s = new Uint32Array(4);
	private spareNormal: number | undefined;

	constructor(seed: number) {
		// splitmix32 spreads any seed, even 0, over the whole state
		let x = seed >>> 0;
		for (let i = 0; i < 4; i++) {
			x = (x + 0x9e3779b9) >>> 0;
			let z = x;
			z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
			z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
			this.s[i] = (z ^ (z >>> 16)) >>> 0;
		}
	}

	/** The generator's state, to continue the same sequence later. */
	get state(): readonly number[] {
		return [...this.s];
	}

	static fromState(state: readonly number[]): Rng {
		const rng = new Rng(0);
		for (let i = 0; i < 4; i++) rng.s[i] = (state[i] ?? 0) >>> 0;
		return rng;
	}

	/** A uniform 32-bit unsigned integer. */
	nextUint32(): number {
		const s = this.s;
		const s0 = s[0]!,
			s1 = s[1]!,
			s2 = s[2]!,
			s3 = s[3]!;
		const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
		const t = (s1 << 9) >>> 0;
		s[2] = s2 ^ s0;
		s[3] = s3 ^ s1;
		s[1] = s1 ^ s[2]!;
		s[0] = s0 ^ s[3]!;
		s[2] = s[2]! ^ t;
		s[3] = rotl(s[3]!, 11);
		return result;
	}

	/** A uniform number in [0, 1). */
	next(): number {
		return this.nextUint32() / 4294967296;
	}

	/** A uniform integer in [0, n). */
	int(n: number): number {
		return Math.floor(this.next() * n);
	}

	/** A standard normal number (Box-Muller, both values used). */
	normal(): number {
		if (this.spareNormal !== undefined) {
			const spare = this.spareNormal;
			this.spareNormal = undefined;
			return spare;
		}
		const u = 1 - this.next(); // (0, 1], so the log is finite
		const v = this.next();
		const radius = Math.sqrt(-2 * Math.log(u));
		this.spareNormal = radius * Math.sin(2 * Math.PI * v);
		return radius * Math.cos(2 * Math.PI * v);
	}

	/** Fisher-Yates shuffle in place. */
	shuffle(values: Uint32Array): void {
		for (let i = values.length - 1; i > 0; i--) {
			const j = this.int(i + 1);
			const swap = values[i]!;
			values[i] = values[j]!;
			values[j] = swap;
		}
	}
}

function rotl(x: number, k: number): number {
	return ((x << k) | (x >>> (32 - k))) >>> 0;
}
