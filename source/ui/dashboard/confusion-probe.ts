/** The confusion matrix is kept alive during epochs longer than a few seconds, from this many test images. */
export const confusionProbe = {images: 1000, everyMs: 3000} as const;
