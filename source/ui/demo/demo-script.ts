/**
 * `--demo`: a tour of the program as a presenter would give it, as data. Each
 * step waits, then shows a caption and types keys, which go through the same
 * key handling as the keyboard's; a key pressed by a person ends the tour.
 * The run it trains is options.ts's demoFlags.
 */

export interface DemoStep {
	/** `trained`: first wait for the run to finish. */
	readonly after?: 'trained';
	/** Milliseconds to wait (after the previous step, or after training). */
	readonly wait: number;
	/** Replaces the caption; null removes it. */
	readonly caption?: string | null;
	/** Typed as on the keyboard: "l", "\t" for tab, "\r" for Enter, "\u001B" for Esc. */
	readonly keys?: string;
}

/** What the tour says inside the network: on opening it, on `l`, on `s`. */
interface NetworkTour {
	readonly open: string;
	readonly next: string;
	readonly order: string;
	/** The presses of s that reach that order. */
	readonly orderKeys: string;
}

const denseTour: NetworkTour = {
	open: "w: inside the network, each hidden unit's 784 weights drawn as a picture",
	next: 'Under each tile, how strongly the unit fires for that digit; l turns the page',
	order: 's: the units that fire most on the test set first',
	orderKeys: 'ss',
};

/** The network view of a convolutional network (--arch cnn) shows filters and feature maps. */
const convTour: NetworkTour = {
	open: "w: inside the network, the first layer's 5×5 filters, each over its feature map of this digit",
	next: "l selects the next filter; below them, the second layer's maps",
	order: 's: the filters with the largest weights first',
	orderKeys: 's',
};

const tour = (network: NetworkTour): readonly DemoStep[] => [
	{wait: 0, caption: 'A neural network, written from scratch in TypeScript, learns to read handwritten digits'},
	{wait: 5000, caption: 'The loss falls step by step; the confusion matrix counts test digits: true label by prediction'},
	{wait: 5000, caption: 'It trains in a worker thread, so keys answer at once: p pauses, tab shows the test digits'},
	{after: 'trained', wait: 1500, caption: 'Trained. tab switches to the test digits, as the network sees them'},
	{wait: 2000, keys: '\t'},
	{wait: 1800, caption: 'l or the right arrow: the next test digit, its prediction and the ten class probabilities', keys: 'l'},
	{wait: 1200, keys: 'l'},
	{wait: 1800, caption: 'm: only the mistakes', keys: 'm'},
	{wait: 1800, keys: 'l'},
	{wait: 2000, caption: 'c: a cursor on the confusion matrix, on its most confused cell', keys: 'c'},
	{wait: 2500, caption: "Enter: exactly that cell's digits", keys: '\r'},
	{wait: 2000, keys: 'l'},
	{wait: 2500, caption: 'Esc clears the filters; s orders the digits: highest loss first', keys: '\u001B'},
	{wait: 1000, keys: 's'},
	{wait: 2500, caption: 's again: least confident first, where the probabilities are split', keys: 's'},
	{wait: 2000, keys: 'l'},
	{wait: 2500, caption: 'x: why this answer: the pixels that pushed it up are blue, those that pushed it down red', keys: 'x'},
	{wait: 3500, caption: network.open, keys: 'w'},
	{wait: 3500, caption: network.next, keys: 'l'},
	{wait: 3000, caption: network.order, keys: network.orderKeys},
	{wait: 3500, caption: 'd: draw a digit for it to read, with the mouse, or with the arrow keys and space', keys: 'd'},
	...stroke([
		['kkkkkkkk', 'hhhhhh', ' '],
		['lll', 'lll', 'lll', 'llll'],
		['jh', 'jj', 'hj', 'jj', 'hj', 'jj', 'hj', 'jj', 'hj', 'jj', ' '],
	]),
	{wait: 1500, caption: 'It reads the drawing stroke by stroke, framed the way MNIST framed its digits'},
	{wait: 4000, caption: 'Your turn: npx mnist-tui, then tab, x, w, d, ? for the keys', keys: '\u001B\t'},
	{wait: 3000, keys: 'q'},
];

export const demoScript = tour(denseTour);
export const convDemoScript = tour(convTour);

/** Keys typed a few at a time, as a hand draws: strokes, each a list of key groups. */
function stroke(strokes: readonly (readonly string[])[]): DemoStep[] {
	return strokes.flatMap(groups => groups.map((keys, index) => ({wait: index === 0 ? 700 : 180, keys})));
}

/** The caption once a person has pressed a key. */
export const demoStoppedCaption = 'Demo stopped: the keys are yours (? help, q quit)';
