/** Writers of IDX and CSV bytes from real images, for the tests and scripts/make-fixtures.ts. */
import type {Dataset} from '../../source/data/dataset.js';

export type Images = Pick<Dataset, 'images' | 'labels' | 'count'>;

/** An IDX images file; `announced` overrides the count written in the header. */
export function idxImages(images: Uint8Array, count: number, {rows = 28, columns = 28, announced = count} = {}): Uint8Array {
	const bytes = new Uint8Array(16 + count * rows * columns);
	const view = new DataView(bytes.buffer);
	view.setUint32(0, 0x803);
	view.setUint32(4, announced);
	view.setUint32(8, rows);
	view.setUint32(12, columns);
	bytes.set(images.subarray(0, count * rows * columns), 16);
	return bytes;
}

/** An IDX labels file; `announced` overrides the count written in the header. */
export function idxLabels(labels: Uint8Array, {announced = labels.length} = {}): Uint8Array {
	const bytes = new Uint8Array(8 + labels.length);
	const view = new DataView(bytes.buffer);
	view.setUint32(0, 0x801);
	view.setUint32(4, announced);
	bytes.set(labels, 8);
	return bytes;
}

export interface CsvStyle {
	/** Write the label column (default: when the set has labels). */
	readonly labelled?: boolean;
	/** `label,1x1,…,28x28` (or `pixel0,…` without labels), or no header row. */
	readonly header?: boolean;
	readonly lineEnd?: string;
}

/** The set as a Kaggle-style MNIST CSV, one row per image. */
export function mnistCsv(set: Images, {labelled = set.labels !== null, header = true, lineEnd = '\n'}: CsvStyle = {}): string {
	const lines: string[] = [];
	if (header) lines.push(csvHeader(labelled));
	for (let index = 0; index < set.count; index++) {
		const pixels = Array.from(set.images.subarray(index * 784, (index + 1) * 784));
		lines.push((labelled ? [set.labels![index]!, ...pixels] : pixels).join(','));
	}
	return lines.join(lineEnd) + lineEnd;
}

export function csvHeader(labelled: boolean): string {
	if (!labelled) return Array.from({length: 784}, (_, index) => `pixel${index}`).join(',');
	const names = ['label'];
	for (let row = 1; row <= 28; row++) for (let column = 1; column <= 28; column++) names.push(`${row}x${column}`);
	return names.join(',');
}
