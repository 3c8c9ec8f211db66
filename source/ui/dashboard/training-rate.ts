/**
 * The training speed behind the ETA: images per second of training time over
 * the last few seconds, each message weighed by its training time and faded
 * by its age, so the slow first steps (the kernels warming up) and a single
 * slow message soon stop counting.
 */
export interface TrainingRate {
	/** Null before the first measured step. */
	readonly imagesPerSecond: number | null;
	/** Images and seconds of training measured so far in this session. */
	readonly images: number;
	readonly seconds: number;
	/** The same, each message faded by its age. */
	readonly recentImages: number;
	readonly recentSeconds: number;
}

export const unmeasured: TrainingRate = {imagesPerSecond: null, images: 0, seconds: 0, recentImages: 0, recentSeconds: 0};

/** Seconds of training over which a message's weight fades to 1/e. */
export const fadeSeconds = 4;
/** The ETA is shown once this much of the run and this many seconds of training have been measured. */
export const trustedShare = 0.03;
export const trustedSeconds = 3;

/** The rate after `images` more images trained in `seconds` more seconds. */
export function measured(rate: TrainingRate, images: number, seconds: number): TrainingRate {
	if (!(seconds > 0) || images < 0) return rate;
	const fade = Math.exp(-seconds / fadeSeconds);
	const recentImages = rate.recentImages * fade + images;
	const recentSeconds = rate.recentSeconds * fade + seconds;
	return {
		imagesPerSecond: recentImages / recentSeconds,
		images: rate.images + images,
		seconds: rate.seconds + seconds,
		recentImages,
		recentSeconds,
	};
}

/** Seconds of training left for `remaining` images, or null until the rate has seen enough of a run of `runImages`. */
export function trustedEta(rate: TrainingRate, remaining: number, runImages: number): number | null {
	const {imagesPerSecond} = rate;
	if (imagesPerSecond === null || imagesPerSecond <= 0) return null;
	if (rate.seconds < trustedSeconds || rate.images < trustedShare * runImages) return null;
	return remaining / imagesPerSecond;
}
