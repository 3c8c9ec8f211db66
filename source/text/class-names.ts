import {areDigits} from '../train/config.js';

/** Short names for class names longer than a column (Fashion-MNIST); a Map, so no class name can reach Object.prototype. */
const abbreviations: ReadonlyMap<string, string> = new Map([
	['T-shirt/top', 'Top'],
	['Trouser', 'Trous'],
	['Pullover', 'Pull'],
	['Dress', 'Dress'],
	['Coat', 'Coat'],
	['Sandal', 'Sand'],
	['Shirt', 'Shirt'],
	['Sneaker', 'Snkr'],
	['Bag', 'Bag'],
	['Ankle boot', 'Boot'],
]);

/** A class name in at most five characters: "Snkr" for Sneaker. */
export const abbreviate = (name: string): string => abbreviations.get(name) ?? Array.from(name).slice(0, 5).join('');

/** What the test set holds: "digits", or "images" of other classes (Fashion-MNIST). */
export const imagesNoun = (classes: readonly string[]): string => (areDigits(classes) ? 'digits' : 'images');
