/** The browser's words, as plain functions: the header, the filtered set, the empty results. */

import {imagesNoun} from '../../text/class-names.js';
import {count} from '../../text/format.js';
import {firstFitting, glyphsFor} from '../../text/glyphs.js';
import {type BrowserData, changedFrom, imageCount} from './browser-data.js';
import type {BrowserFilter, BrowserOrder} from './browser-list.js';
import type {BrowserState} from './browser-state.js';

export const orderNames: Readonly<Record<BrowserOrder, string>> = {
	test: 'test-set order',
	loss: 'highest loss first',
	confidence: 'least confident first',
};

/** "4→9": a confusion cell as true→predicted. */
export const cellName = (actual: number, predicted: number, classes: readonly string[], ascii: boolean): string =>
	`${classes[actual] ?? actual}${glyphsFor(ascii).arrow}${classes[predicted] ?? predicted}`;

/** What the filters leave, as a noun phrase: "mistakes with label 4", "digits in cell 4→9", "digits". */
export function filteredSet(filter: BrowserFilter, classes: readonly string[], ascii: boolean): string {
	const parts = [filter.mistakesOnly ? 'mistakes' : imagesNoun(classes)];
	if (filter.label !== null) parts.push(`with label ${classes[filter.label] ?? filter.label}`);
	if (filter.cell !== null) parts.push(`in cell ${cellName(filter.cell.actual, filter.cell.predicted, classes, ascii)}`);
	return parts.join(' ');
}

/** "no mistakes with label 1 yet": while training goes on the set may fill; once it has ended, none will come. */
export function emptyText(state: BrowserState, ascii: boolean): string {
	const classes = state.data?.classes ?? [];
	const yet = state.data?.epoch !== null && !state.data?.final ? ' yet' : '';
	return `no ${filteredSet(state.filter, classes, ascii)}${yet}`;
}

/** The filters that are on, for the header: "mistakes, label 4, cell 4→9", or "all digits". */
function filterNames(filter: BrowserFilter, classes: readonly string[], ascii: boolean): string {
	const names: string[] = [];
	if (filter.mistakesOnly) names.push('mistakes');
	if (filter.label !== null) names.push(`label ${classes[filter.label] ?? filter.label}`);
	if (filter.cell !== null) names.push(`cell ${cellName(filter.cell.actual, filter.cell.predicted, classes, ascii)}`);
	return names.length === 0 ? `all ${imagesNoun(classes)}` : names.join(', ');
}

/** The header: where the predictions come from, which filters and which order are on, fitted to `width`. */
export function headerText(state: BrowserState, width: number, ascii: boolean): string {
	const {separator, ellipsis} = glyphsFor(ascii);
	const data = state.data;
	const source = data === null ? 'waiting for the first epoch' : data.epoch === null ? 'saved model' : `epoch ${data.epoch}`;
	const filters = filterNames(state.filter, data?.classes ?? [], ascii);
	const order = orderNames[state.order];
	const total = data === null ? '' : `${count(imageCount(data))} test ${imagesNoun(data.classes)}`;
	return firstFitting(
		[
			['Predictions', source, total, filters, order].filter(Boolean).join(separator),
			['Predictions', source, filters, order].join(separator),
			[source, filters, order].join(separator),
		],
		width,
		ellipsis,
	);
}

/** "was 3 at epoch 2", when the prediction changed at the last epoch. */
export function changeText(data: BrowserData, index: number): string | null {
	const before = changedFrom(data, index);
	if (before === null) return null;
	const name = data.classes[before] ?? String(before);
	return data.epoch === null ? `was ${name} before` : `was ${name} at epoch ${data.epoch - 1}`;
}
