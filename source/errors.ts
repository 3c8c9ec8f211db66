/**
 * A problem the user can fix: a bad flag, a bad file, a bad record.
 * The message is complete and names the flag, the file and the line or
 * record where it applies; the command line prints it as one line and
 * exits with code 2. Everything else is an unexpected failure (exit 1).
 */
export class InputError extends Error {
	override readonly name = 'InputError';
}

/** The loss exploded or the weights stopped being finite numbers: training cannot go on. */
export class DivergedError extends Error {
	override readonly name = 'DivergedError';

	constructor(
		message: string,
		readonly epoch: number,
		readonly batch: number,
	) {
		super(message);
	}

	/** `what` says what went wrong: "the loss exploded to 1.2e+10". */
	static at(epoch: number, batch: number, learningRate: number, what: string): DivergedError {
		const message = `training diverged at epoch ${epoch}, batch ${batch}: ${what}; try a lower --lr (for example --lr ${suggestLower(learningRate)})`;
		return new DivergedError(message, epoch, batch);
	}
}

function suggestLower(learningRate: number): number {
	return Number((learningRate / 10).toPrecision(2));
}
