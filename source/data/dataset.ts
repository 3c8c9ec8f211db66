/** The app draws and trains on MNIST-sized images only: 28x28 pixels. */
export const IMAGE_ROWS = 28;
export const IMAGE_COLUMNS = 28;
export const IMAGE_PIXELS = IMAGE_ROWS * IMAGE_COLUMNS;

/** One set of images with their labels, as every loader returns it. */
export interface Dataset {
	/** count × rows × columns pixels, 0-255, row-major, image after image. */
	readonly images: Uint8Array;
	/** count labels 0-9, or null when the source has none (an unlabelled test CSV). */
	readonly labels: Uint8Array | null;
	readonly count: number;
	readonly rows: number;
	readonly columns: number;
	/** Where the images came from, for messages and the configuration line. */
	readonly source: string;
}

/**
 * A dataset as every loader returns it: one literal, so that every dataset
 * has the same shape for V8. Code compiled for one shape of object is
 * compiled again when another comes (a run's datasets and the warm-up's
 * made-up ones went through the same code, and spread copies made others).
 */
export function datasetOf({images, labels, count, rows, columns, source}: Dataset): Dataset {
	return {images, labels, count, rows, columns, source};
}

export const imageSize = (dataset: Pick<Dataset, 'rows' | 'columns'>): number => dataset.rows * dataset.columns;

/** The first `limit` images of a dataset, sharing its memory. */
export function firstImages(dataset: Dataset, limit: number): Dataset {
	if (limit >= dataset.count) return dataset;
	const size = imageSize(dataset);
	return datasetOf({
		...dataset,
		images: dataset.images.subarray(0, limit * size),
		labels: dataset.labels ? dataset.labels.subarray(0, limit) : null,
		count: limit,
	});
}
