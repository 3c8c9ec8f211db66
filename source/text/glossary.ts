/**
 * The words a learner meets on each screen, each explained in a sentence or
 * two: the help's second page shows the shown view's, and README's "What the
 * words mean" lists them all (a test keeps the two the same). Plain ASCII, so
 * that --ascii shows them as written.
 */

export interface GlossaryEntry {
	/** The word as the screen shows it. */
	readonly term: string;
	readonly text: string;
}

export const glossary = {
	layers: {
		term: '784-512-10',
		text:
			'The sizes of the layers: 784 inputs (one per pixel of a 28x28 image), 512 hidden units, 10 outputs (one per class). ' +
			'Each unit adds up the layer before it, each input times a weight; training tunes those weights.',
	},
	steps: {
		term: 'batch, step, epoch',
		text:
			'A batch is a handful of training images (128 by default); one step changes the weights once, from one batch. ' +
			'An epoch is one pass over all the training images: 469 steps of 128 for 60,000.',
	},
	learningRate: {
		term: 'learning rate (lr)',
		text: 'How far each step moves the weights downhill on the loss. Too large and the loss jumps about or blows up; too small and it falls slowly.',
	},
	momentum: {
		term: 'momentum (mu)',
		text:
			'Each step keeps this share of the step before (0.9 by default), so the weights keep rolling the way they were going ' +
			'and a steady direction speeds up. With Adam the same role is beta1.',
	},
	speed: {
		term: 'samples/s',
		text: 'Training images learned from per second: how fast this machine trains this network.',
	},
	loss: {
		term: 'loss (cross-entropy)',
		text:
			'How wrong the network is: minus the log of the probability it gave the true class, averaged over the images. ' +
			'0 when it is sure and right; 2.3 is a blind guess among ten classes; training pushes it down.',
	},
	logScale: {
		term: 'log scale',
		text:
			'On the step chart each row is the same ratio of loss, not the same difference, so the slow fall late in training ' +
			'shows as clearly as the steep fall at the start. Smoothed: each point is a running average of the steps before it, so the noise of single batches does not hide the trend.',
	},
	trainTest: {
		term: 'train and test',
		text:
			'Train: the images the network learns from (solid line). Test: images kept apart and never trained on (dashed line), ' +
			'so they show how it does on new ones. Test loss rising while train loss falls is overfitting: it memorises instead of learning.',
	},
	accuracy: {
		term: 'accuracy',
		text:
			'The share of images the network gets right: those whose most probable class is the true one. ' +
			'The charts show it on the train and the test images; the matrix, on the test images.',
	},
	confusion: {
		term: 'confusion matrix',
		text:
			'One row per true class, one column per predicted class: a cell counts the test images of its row read as its column. ' +
			'The diagonal holds the right answers; a dot means none.',
	},
	recall: {
		term: 'recall',
		text:
			"At the end of each row: of the images that truly are that class, the share the network got right (the diagonal cell / the row's total). " +
			'Low recall: that class is often missed.',
	},
	precision: {
		term: 'precision',
		text:
			"Under each column: of the images predicted as that class, the share that truly are (the diagonal cell / the column's total). " +
			'Low precision: other classes are often taken for it.',
	},
	probe: {
		term: 'probe',
		text:
			'A live estimate during an epoch, every few seconds: the first 1,000 test images read with the weights of the moment. ' +
			'At the end of each epoch all the test images are counted instead.',
	},
	probabilities: {
		term: 'probabilities',
		text:
			"The network's ten outputs, turned by softmax into shares that add up to 100%: how sure it is of each class. " +
			'pred, its answer, is the most probable class.',
	},
	truePred: {
		term: 'true, pred',
		text:
			"true is the label the image came with; pred is the network's answer, its most probable class. " +
			'The mark before them says whether they agree.',
	},
	order: {
		term: 'highest loss, least confident',
		text:
			'The orders of s: highest loss first puts the images whose true class got the lowest probability first; ' +
			'least confident first, those whose top probability is lowest.',
	},
	why: {
		term: 'why (x)',
		text:
			"Each pixel coloured by its part in the predicted class's score: blue where its ink pushed that class up, red where it pushed it down. " +
			'No ink, no part. (The part is the pixel times the gradient of the score.)',
	},
	tiles: {
		term: 'tiles (blue, red)',
		text:
			'Each tile is one hidden unit of the first layer: its 784 incoming weights drawn as a 28x28 picture of what it looks for. ' +
			'Blue: ink there raises the unit; red: ink there lowers it; background: that pixel hardly matters. Each tile is scaled to its own largest weight.',
	},
	activations: {
		term: 'activation bars',
		text:
			'The bar under a tile: how strongly that unit fires (its output after ReLU) for the digit chosen in the test digits, or for your drawing. ' +
			'No bar: the sum was negative, so the unit gives 0.',
	},
	unitOrder: {
		term: 'most active, largest weights',
		text:
			'The orders of s: most active first puts the units that fire most, on average over the test images, first; ' +
			'largest weights first, those whose weights are largest overall (the root of the sum of their squares).',
	},
	filters: {
		term: 'filters (blue, red)',
		text:
			'A convolutional network first slides small filters over the image: each tile is one filter of the first convolution, ' +
			'its 5x5 weights drawn as a picture of the stroke it looks for. Blue: ink there raises its map; red: lowers it. Each tile is scaled to its own largest weight.',
	},
	featureMaps: {
		term: 'feature maps',
		text:
			"Under each filter, its map for the digit chosen in the test digits (or for your drawing): the filter's sum at every place in the image, after ReLU; " +
			'brighter where it fires more, on one scale for the whole layer. A max-pool keeps the largest of each 2x2 square: a map half the size. ' +
			'The later convolutions read all the maps before them.',
	},
	framing: {
		term: 'what the network sees',
		text:
			'Your drawing framed as MNIST framed its digits: cropped to the ink, scaled to fit 20x20 keeping its shape, ' +
			'and centred by its centre of mass in a 28x28 field. The network has only ever seen digits framed like this.',
	},
} as const satisfies Record<string, GlossaryEntry>;

export type GlossaryTerm = keyof typeof glossary;

/** The screens with help, and the words each one shows, in the order they appear. */
export const glossaryByView = {
	dashboard: [
		'layers',
		'steps',
		'speed',
		'learningRate',
		'momentum',
		'loss',
		'logScale',
		'trainTest',
		'accuracy',
		'confusion',
		'recall',
		'precision',
		'probe',
	],
	browser: ['truePred', 'probabilities', 'why', 'order', 'loss', 'confusion', 'recall', 'precision', 'accuracy'],
	network: ['tiles', 'activations', 'unitOrder', 'layers'],
	convNetwork: ['filters', 'featureMaps', 'unitOrder', 'layers'],
	draw: ['framing', 'probabilities'],
} as const satisfies Record<string, readonly GlossaryTerm[]>;

export type GlossaryView = keyof typeof glossaryByView;

export const glossaryFor = (view: GlossaryView): readonly GlossaryEntry[] => glossaryByView[view].map(term => glossary[term]);
