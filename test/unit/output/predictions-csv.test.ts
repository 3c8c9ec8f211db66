import assert from 'node:assert/strict';
import {readdirSync, readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, test} from 'node:test';
import {checkWrittenFiles} from '../../../source/files/written-files.js';
import {
	predictionsCsv,
	predictionsFileKind,
	predictionsHeader,
	predictionsSummary,
	writePredictionsFile,
} from '../../../source/output/predictions-csv.js';
import {temporaryFolder} from '../../helpers/paths.js';

/** Three images, three classes: the second is sure, the third a near tie. */
const tiny = {
	predictions: Uint8Array.from([2, 0, 1]),
	probabilities: Float32Array.from([0.1, 0.2, 0.7, 1, 0, 0, 0.3333333, 0.3333334, 0.3333333]),
};

describe('predictions CSV', () => {
	test('ImageId from 1 and the class index, one line each, in the order of the test images', () => {
		assert.equal(predictionsCsv(tiny, 3, false), 'ImageId,Label\n1,2\n2,0\n3,1\n');
	});

	test('--probabilities: a column p0… per class with six decimals', () => {
		assert.equal(
			predictionsCsv(tiny, 3, true),
			[
				'ImageId,Label,p0,p1,p2',
				'1,2,0.100000,0.200000,0.700000',
				'2,0,1.000000,0.000000,0.000000',
				'3,1,0.333333,0.333333,0.333333',
				'',
			].join('\n'),
		);
		assert.equal(predictionsHeader(10, true), 'ImageId,Label,p0,p1,p2,p3,p4,p5,p6,p7,p8,p9');
	});

	test('no test images: the header alone', () => {
		assert.equal(
			predictionsCsv({predictions: new Uint8Array(0), probabilities: new Float32Array(0)}, 10, true),
			`${predictionsHeader(10, true)}\n`,
		);
	});

	test('the line at the end: how many, where, and the accuracy when there are labels', () => {
		assert.equal(
			predictionsSummary(10_000, 'out.csv', 0.9753),
			'Wrote 10,000 predictions to out.csv; test accuracy 97.53% (9,753 of 10,000)',
		);
		assert.equal(
			predictionsSummary(28_000, 'stdout', null),
			'Wrote 28,000 predictions to stdout (the test images have no labels: no accuracy)',
		);
		assert.equal(predictionsSummary(1, 'a\u001b[2Jb.csv', 1), 'Wrote 1 prediction to a\\x1b[2Jb.csv; test accuracy 100.00% (1 of 1)');
	});
});

describe('what --out overwrites', () => {
	const recognised = (text: string) => predictionsFileKind.recognise(text, text);

	test('its own output, with or without probabilities, and a file of the same shape', () => {
		assert.ok(recognised(predictionsCsv(tiny, 3, false)));
		assert.ok(recognised(predictionsCsv(tiny, 3, true)));
		assert.ok(recognised('ImageId,Label\n'));
		assert.ok(recognised('ImageId,Label\n1,0\n2,0\n3,0\n'), "Kaggle's sample_submission.csv has this shape");
	});

	test('nothing else: other headers, other rows, a cut last line, a CSV of images', () => {
		for (const text of [
			'my notes\n',
			'ImageId,Label',
			'ImageId,Label\n1,2\n2,',
			'ImageId,Label\n1,2\nnotes\n',
			'imageid,label\n1,2\n',
			'ImageId,Label,Comment\n1,2,ok\n',
			'ImageId,Label,p1,p0\n1,0,0.500000,0.500000\n',
			'ImageId,Label,p0,p1\n1,0,0.5,0.5\n',
			'ImageId,Label,p0,p1\n1,0\n',
			'ImageId,Label\n1,2\r\n',
			'ImageId,Label\n0,2\n',
			'label,pixel0,pixel1\n5,0,0\n',
			'{"format":"mnist-tui-model"}\n',
		]) {
			assert.equal(recognised(text), false, JSON.stringify(text));
		}
	});

	test('a long file is read at both ends: a foreign line at its end is found', () => {
		const own = predictionsCsv({predictions: new Uint8Array(20_000), probabilities: new Float32Array(20_000)}, 1, false);
		const head = own.slice(0, 64 * 1024);
		assert.ok(predictionsFileKind.recognise(head, own.slice(-64 * 1024)));
		assert.equal(predictionsFileKind.recognise(head, `${own.slice(-64 * 1024)}my notes\n`), false);
	});

	test('written atomically: replaced whole, no temporary file left; a foreign file is refused before', () => {
		const folder = temporaryFolder();
		const out = join(folder, 'predictions.csv');
		writePredictionsFile(out, predictionsCsv(tiny, 3, true));
		checkWrittenFiles([{flag: '--out', path: out, kind: predictionsFileKind}], []);
		writePredictionsFile(out, predictionsCsv(tiny, 3, false));
		assert.equal(readFileSync(out, 'utf8'), 'ImageId,Label\n1,2\n2,0\n3,1\n');
		assert.deepEqual(readdirSync(folder), ['predictions.csv']);
		const notes = join(folder, 'notes.csv');
		writeFileSync(notes, 'ImageId,Label,Comment\n1,2,ok\n');
		assert.throws(() => checkWrittenFiles([{flag: '--out', path: notes, kind: predictionsFileKind}], []), {
			name: 'InputError',
			message: `--out ${notes}: the file exists and is not a predictions CSV (ImageId,Label); refusing to overwrite it`,
		});
	});

	test('a folder that cannot take the file: one line naming --out', () => {
		const out = join(temporaryFolder(), 'gone', 'predictions.csv');
		assert.throws(() => writePredictionsFile(out, 'ImageId,Label\n'), {
			name: 'InputError',
			message: `--out ${out}: cannot write the predictions (ENOENT)`,
		});
	});
});
