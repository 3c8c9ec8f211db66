import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, test} from 'node:test';
import {glossary, glossaryByView, glossaryFor} from '../../../source/text/glossary.js';
import {root} from '../../helpers/paths.js';

const readme = readFileSync(path.join(root, 'README.md'), 'utf8');

/** README's "What the words mean" list, one entry a line. */
function readmeWords(): string[] {
	const section = readme.split('\n## What the words mean\n')[1]?.split('\n## ')[0] ?? '';
	return section.split('\n').filter(line => line.startsWith('- '));
}

describe('what the words mean', () => {
	test("README lists the help's texts, word for word, in the same order", () => {
		assert.deepEqual(
			readmeWords(),
			Object.values(glossary).map(({term, text}) => `- **${term}**: ${text}`),
		);
	});

	test('every word is explained on some screen, and the dashboard explains the ones the issue names', () => {
		const shown = new Set(Object.values(glossaryByView).flat());
		assert.deepEqual(
			Object.keys(glossary).filter(term => !shown.has(term as keyof typeof glossary)),
			[],
		);
		const dashboard = glossaryFor('dashboard').map(entry => entry.term);
		for (const term of ['loss (cross-entropy)', 'train and test', 'recall', 'precision', 'probe', 'log scale', '784-512-10'])
			assert.ok(dashboard.includes(term), term);
	});

	test('plain ASCII, so --ascii shows them as written; no word explained twice on a screen', () => {
		for (const {term, text} of Object.values(glossary)) assert.match(`${term} ${text}`, /^[\x20-\x7E]+$/, term);
		for (const [view, terms] of Object.entries(glossaryByView)) assert.equal(new Set(terms).size, terms.length, view);
	});
});
