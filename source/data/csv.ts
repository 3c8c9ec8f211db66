import {CsvError, parse} from 'csv-parse';
import {InputError} from '../errors.js';
import {excerpt} from '../files/printable.js';
import {cellNumber} from './csv-cells.js';
import {type Dataset, datasetOf, IMAGE_COLUMNS, IMAGE_PIXELS, IMAGE_ROWS} from './dataset.js';
import {MAX_IMAGES, unreadable} from './input-file.js';
import {openInputStream} from './input-stream.js';
import {lineGuard} from './line-guard.js';

/** An MNIST row is at most 785 cells of "255," (3.1 KB); a longer line is not one. */
export const MAX_LINE_BYTES = 64 * 1024;

const LABELLED = IMAGE_PIXELS + 1;
const tooLong = `the line is longer than ${MAX_LINE_BYTES} bytes, too long for an MNIST row`;
/** Cells shown in messages are cut to this many characters. */
const SHOWN_CELL = 24;

export interface CsvOptions {
	/** Stop after this many images. */
	readonly limit?: number;
}

/**
 * Streams a Kaggle-style MNIST CSV: label 0-9 then 784 pixels 0-255 per row,
 * or 784 pixels and no label (labels: null). A header row is skipped.
 * Every problem with the content is an InputError naming the line.
 */
export async function readCsv(file: string, {limit = Number.POSITIVE_INFINITY}: CsvOptions = {}): Promise<Dataset> {
	if (!(limit >= 1)) throw new RangeError(`limit must be at least 1, got ${limit}`);
	const input = openInputStream(file);
	// csv-parse reads the records (quotes, BOM, CRLF, line numbers). Rows of
	// other lengths are reported here, with their line, rather than by
	// csv-parse. Long lines are stopped before csv-parse splits them.
	const guard = lineGuard(file, MAX_LINE_BYTES, tooLong);
	const lines = parse({bom: true, skip_empty_lines: true, relax_column_count: true, max_record_size: MAX_LINE_BYTES, info: true});
	input.on('error', error => lines.destroy(error));
	guard.on('error', error => lines.destroy(error));
	input.pipe(guard).pipe(lines);
	const rows = new CsvRows(file);
	try {
		for await (const {record, info} of lines as AsyncIterable<{record: string[]; info: {lines: number}}>) {
			rows.add(record, info.lines);
			if (rows.count >= limit) break;
		}
	} catch (error) {
		if (error instanceof InputError) throw error;
		throw csvParseError(file, error);
	} finally {
		input.destroy();
		guard.destroy();
		lines.destroy();
	}
	return rows.dataset();
}

function csvParseError(file: string, error: unknown): InputError {
	const {code, lines, message} = error as {code?: unknown; lines?: unknown; message?: unknown};
	// csv-parse's own codes: CSV_… and a few without the prefix (INVALID_OPENING_QUOTE)
	if (!(error instanceof CsvError) || typeof code !== 'string' || typeof lines !== 'number') return unreadable(file, error);
	if (code === 'CSV_MAX_RECORD_SIZE') return new InputError(`${file} line ${lines}: ${tooLong}`);
	return new InputError(`${file} line ${lines}: malformed CSV (${String(message).split(':')[0]!.toLowerCase()})`);
}

/** The rows read so far: column count decided by the first row, pixels in one growing buffer. */
class CsvRows {
	count = 0;
	private columns: number | undefined;
	private hasHeader = false;
	private readonly values = new Int32Array(LABELLED);
	private images = new Uint8Array(1024 * IMAGE_PIXELS);
	private labels = new Uint8Array(1024);

	constructor(private readonly file: string) {}

	add(cells: readonly string[], lineNumber: number): void {
		const where = `${this.file} line ${lineNumber}`;
		// a line of spaces reaches here as one empty cell: skipped like an empty line
		if (cells.length === 1 && cells[0]!.trim() === '') return;
		const cellCount = cells.length;
		if (this.columns === undefined) {
			// Only the first row may be a header: one whose first cell is not a number.
			const isHeader = Number.isNaN(cellNumber(cells[0]!));
			if (cellCount !== LABELLED && cellCount !== IMAGE_PIXELS) {
				const either = `${describeColumns(LABELLED)} or ${IMAGE_PIXELS} (pixels only)`;
				throw new InputError(
					isHeader
						? `${where}: the header row has ${cellCount} column${cellCount === 1 ? '' : 's'}, expected ${either}`
						: `${where}: expected ${either}, found ${cellCount}`,
				);
			}
			this.columns = cellCount;
			if (isHeader) {
				this.hasHeader = true;
				return;
			}
		} else if (cellCount !== this.columns) {
			throw new InputError(`${where}: expected ${describeColumns(this.columns)}, found ${cellCount}`);
		}
		if (this.count === MAX_IMAGES) throw new InputError(`${where}: more than ${MAX_IMAGES} images, more than this program accepts`);
		this.readCells(cells, where);
		this.append();
	}

	dataset(): Dataset {
		if (this.count === 0) {
			throw new InputError(
				this.hasHeader ? `${this.file}: the file has a header row but no images` : `${this.file}: the file is empty, expected MNIST rows`,
			);
		}
		const labelled = this.columns === LABELLED;
		return datasetOf({
			// One copy to the exact size, so the spare capacity is not kept alive.
			images: this.images.slice(0, this.count * IMAGE_PIXELS),
			labels: labelled ? this.labels.slice(0, this.count) : null,
			count: this.count,
			rows: IMAGE_ROWS,
			columns: IMAGE_COLUMNS,
			source: this.file,
		});
	}

	private readCells(cells: readonly string[], where: string): void {
		const labelled = this.columns === LABELLED;
		if (labelled) {
			const label = cellNumber(cells[0]!);
			if (!(Number.isInteger(label) && label >= 0 && label <= 9)) throw badLabel(where, excerpt(cells[0]!.trim(), SHOWN_CELL));
			this.values[0] = label;
		}
		for (let index = labelled ? 1 : 0; index < cells.length; index++) {
			const text = excerpt(cells[index]!.trim(), SHOWN_CELL);
			const pixel = cellNumber(cells[index]!);
			if (Number.isNaN(pixel)) throw badPixel(where, index, `"${text}" is not a number 0-255`);
			if (!Number.isInteger(pixel)) throw badPixel(where, index, `${text} is not a whole number 0-255`);
			if (pixel < 0 || pixel > 255) throw badPixel(where, index, `${text} is outside 0-255`);
			this.values[index] = pixel;
		}
	}

	private append(): void {
		if (this.count === this.labels.length) this.grow();
		const labelled = this.columns === LABELLED;
		const pixels = this.values.subarray(labelled ? 1 : 0, labelled ? LABELLED : IMAGE_PIXELS);
		this.images.set(pixels, this.count * IMAGE_PIXELS);
		this.labels[this.count] = labelled ? this.values[0]! : 0;
		this.count++;
	}

	private grow(): void {
		const images = new Uint8Array(this.images.length * 2);
		images.set(this.images);
		this.images = images;
		const labels = new Uint8Array(this.labels.length * 2);
		labels.set(this.labels);
		this.labels = labels;
	}
}

const badLabel = (where: string, text: string): InputError => new InputError(`${where}: label "${text}" is not a digit 0-9`);

/** `index` counts cells from 0; columns are numbered from 1, as in a spreadsheet. */
const badPixel = (where: string, index: number, problem: string): InputError =>
	new InputError(`${where} column ${index + 1}: pixel ${problem}`);

const describeColumns = (columns: number): string =>
	columns === LABELLED ? `${LABELLED} columns (label + ${IMAGE_PIXELS} pixels)` : `${IMAGE_PIXELS} columns (pixels only, no label)`;
