import type {ScreenAsks} from '../../train/worker/protocol.js';

/**
 * What the dashboard asks of its run: the confusion matrix kept alive during
 * epochs longer than a few seconds, from this many test images; and the first
 * step once the training screen is drawn (the session says `shown`).
 */
export const dashboardAsks: ScreenAsks = {probe: {images: 1000, everyMs: 3000}, waitForScreen: true};
