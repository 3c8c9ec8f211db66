/**
 * Learning-rate schedules: the share of the base rate (--lr) each step uses,
 * a pure function of the step and the run's length in steps, so a resumed
 * run finds its place on the curve from its step count alone.
 */
export const scheduleNames = ['constant', 'onecycle', 'cosine', 'step'] as const;
export type ScheduleName = (typeof scheduleNames)[number];

export type Schedule =
	| {readonly name: 'constant'}
	/** A linear warm-up over the first `warmup` share of the steps to the base rate, then a cosine down to zero. */
	| {readonly name: 'onecycle'; readonly warmup: number}
	/** A cosine from the base rate down to zero. */
	| {readonly name: 'cosine'}
	/** The base rate, a tenth of it from half the steps on, a hundredth from three quarters on. */
	| {readonly name: 'step'};

/** The warm-up share one-cycle takes unless told: 20% of the steps. */
export const defaultWarmup = 0.2;

export const constantSchedule: Schedule = {name: 'constant'};

/** The schedule of that name with its default parameters. */
export const scheduleNamed = (name: ScheduleName, warmup = defaultWarmup): Schedule => (name === 'onecycle' ? {name, warmup} : {name});

/**
 * The multiplier of the base rate for step `step` (0 is the run's first) of `steps`.
 * Constant is exactly 1. The warm-up's first step is already above zero, and a
 * decay's last step just above zero: no step of the run is wasted on a zero rate.
 */
export function scheduleFactor(schedule: Schedule, step: number, steps: number): number {
	switch (schedule.name) {
		case 'constant':
			return 1;
		case 'cosine':
			return cosineDown(step / steps);
		case 'step':
			return step < steps / 2 ? 1 : step < (steps * 3) / 4 ? 0.1 : 0.01;
		case 'onecycle': {
			const warmupSteps = Math.round(schedule.warmup * steps);
			if (step < warmupSteps) return (step + 1) / warmupSteps;
			return cosineDown((step - warmupSteps) / (steps - warmupSteps));
		}
	}
}

/** From 1 at 0 down to 0 at 1, along half a cosine wave. */
const cosineDown = (fraction: number): number => 0.5 * (1 + Math.cos(Math.PI * fraction));
