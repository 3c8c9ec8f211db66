/** Rows of x sparse_weight_grad lists at a time for one group of 4 inputs; a longer batch goes in chunks, its partial sums kept in scratch. */
export const sparseGradChunk = 256;
/** Bytes of one listed row: the group's 4 inputs, then the address of the row of dz. */
export const sparseGradEntryBytes = 20;

/**
 * Bytes of scratch sparse_weight_grad needs for a batch: one place per group of
 * 4 inputs (a part of a call uses the place of its first group), each for a
 * chunk's list and, when the batch is longer than a chunk, the partial sums.
 */
export function sparseGradScratchBytes(batch: number, inputs: number, outputs: number): number {
	const chunked = batch > sparseGradChunk;
	return Math.ceil(inputs / 4) * (Math.min(batch, sparseGradChunk) * sparseGradEntryBytes + (chunked ? 16 * outputs : 0));
}
