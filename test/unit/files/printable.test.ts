import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {excerpt, isPrintable, printable} from '../../../source/files/printable.js';

describe('printable', () => {
	test('control characters become escapes a person can read; other text is kept', () => {
		assert.equal(printable('a\nb\rc\td'), 'a\\nb\\rc\\td');
		assert.equal(printable('\u001b[31mred\u001b[0m'), '\\x1b[31mred\\x1b[0m');
		assert.equal(printable('\u0000\u0007\u007f\u009b'), '\\x00\\x07\\x7f\\x9b');
		assert.equal(printable('evil\u202egpj.exe'), 'evil\\u202egpj.exe');
		assert.equal(printable('a\u2028b\u200bc\ufeff'), 'a\\u2028b\\u200bc\\ufeff');
		assert.equal(printable('T-shirt/top, Ankle boot, 数字, é, 🙂'), 'T-shirt/top, Ankle boot, 数字, é, 🙂');
	});

	test('isPrintable is true exactly when printable changes nothing', () => {
		for (const text of ['', 'Sneaker', 'a b', 'x\ny', '\u001b', 'ok\u00ad', 'é', '\u2066']) {
			assert.equal(isPrintable(text), printable(text) === text, JSON.stringify(text));
		}
	});

	test('excerpt keeps short text and cuts long text to the length, by code points, marking the cut', () => {
		assert.equal(excerpt('short', 10), 'short');
		assert.equal(excerpt('0123456789', 10), '0123456789');
		assert.equal(excerpt('01234567890', 10), '012345678…');
		assert.equal(excerpt('🙂'.repeat(12), 4), '🙂🙂🙂…');
	});
});
