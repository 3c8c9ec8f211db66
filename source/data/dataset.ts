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

export const imageSize = (dataset: Pick<Dataset, 'rows' | 'columns'>): number => dataset.rows * dataset.columns;

/** The first `limit` images of a dataset, sharing its memory. */
export function firstImages(dataset: Dataset, limit: number): Dataset {
	if (limit >= dataset.count) return dataset;
	const size = imageSize(dataset);
	return {
		...dataset,
		images: dataset.images.subarray(0, limit * size),
		labels: dataset.labels ? dataset.labels.subarray(0, limit) : null,
		count: limit,
	};
}
