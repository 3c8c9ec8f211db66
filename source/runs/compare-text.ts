/**
 * compare's report as lines: the runs' test accuracy and test loss per
 * epoch overlaid (one glyph per run), their settings and results in two
 * tables, and the best two runs' confusion matrices subtracted.
 */
import {count, duration, loss, percent} from '../text/format.js';
import {truncate} from '../text/glyphs.js';
import {type Line, type LineTone, lineText, piece, runGlyph, runTone} from './compare-lines.js';
import {overlayChart} from './overlay-chart.js';
import type {Comparison, ConfusionChange, RunSummary} from './run-comparison.js';

/** The narrowest report; a narrower terminal gets it all the same, cut on the right. */
const minimumWidth = 60;
const chartHeight = 8;

export function comparisonLines(comparison: Comparison, width: number): Line[] {
	const room = Math.max(minimumWidth, width);
	const {runs} = comparison;
	const legend: Line = runs.flatMap((run, index) => [
		piece(index === 0 ? '  ' : '   '),
		piece(runGlyph(index), runTone(index)),
		piece(` ${run.name}`),
	]);
	const series = (value: (epoch: RunSummary['epochs'][number]) => number | null) =>
		runs.map(run => {
			const values: (number | null)[] = [];
			for (const epoch of run.epochs) values[epoch.epoch - 1] = value(epoch);
			return {values: Array.from(values, entry => entry ?? null)};
		});
	return [
		[piece(`Compare ${runs.length} runs`, 'title')],
		fitLine(legend, room),
		[],
		[piece('Test accuracy by epoch', 'title')],
		...overlayChart(
			series(epoch => epoch.testAccuracy),
			{width: room, height: chartHeight, format: value => percent(value)},
		),
		[],
		[piece('Test loss by epoch', 'title')],
		...overlayChart(
			series(epoch => epoch.testLoss),
			{width: room, height: chartHeight, format: loss},
		),
		[],
		[piece('Settings', 'title')],
		...settingsTable(runs, room),
		[],
		[piece('Results', 'title')],
		...table(runs, ['run', 'best epoch', 'best', 'final', 'final loss', 'training', 'total'], resultsRow, room),
		[],
		...confusionLines(comparison.change, room),
	];
}

const settingsHeads = ['run', 'layers', 'optimizer', 'lr', 'batch', 'epochs', 'seed', 'train/test'];

/** The settings, with where the data came from as a last column when it fits, else on lines of its own below. */
function settingsTable(runs: readonly RunSummary[], width: number): Line[] {
	const data = runs.map(({run: {start}}) => (start.train === start.test ? start.train : `${start.train}, ${start.test}`));
	const wide = table(runs, [...settingsHeads, 'data'], (run, index) => [...settingsRow(run), data[index]!], width);
	if (wide.every(line => lineText(line).length <= width && !lineText(line).endsWith('~'))) return wide;
	const below: Line[] = data.every(source => source === data[0])
		? [[piece(truncate(`  data: ${data[0]}`, width, '~'), 'dim')]]
		: data.map((source, index) => [piece(runGlyph(index), runTone(index)), piece(truncate(` data: ${source}`, width - 1, '~'), 'dim')]);
	return [...table(runs, settingsHeads, settingsRow, width), ...below];
}

function settingsRow({run}: RunSummary): string[] {
	const {start} = run;
	return [
		start.layers.join('-'),
		start.optimizer,
		String(start.learningRate),
		start.batchSize === 'full' ? 'full' : String(start.batchSize),
		String(start.epochs),
		String(start.seed),
		`${count(start.trainCount)}/${count(start.testCount)}`,
	];
}

function resultsRow(summary: RunSummary): string[] {
	const {done} = summary.run;
	const fraction = (value: number | null) => (value === null ? '-' : percent(value));
	return [
		summary.best ? String(summary.best.epoch) : '-',
		fraction(summary.best?.testAccuracy ?? null),
		fraction(summary.finalAccuracy),
		summary.finalLoss === null ? '-' : loss(summary.finalLoss),
		duration(summary.trainingSeconds),
		done === null ? 'unfinished' : `${duration(done.seconds)}${done.interrupted ? ' stopped' : ''}`,
	];
}

/** Columns two spaces apart, each run's row led by its glyph; the run and the last column give way when it is too wide. */
function table(
	runs: readonly RunSummary[],
	heads: readonly string[],
	row: (run: RunSummary, index: number) => string[],
	width: number,
): Line[] {
	const rows = runs.map((run, index) => [run.name, ...row(run, index)]);
	const widths = heads.map((head, column) => Math.max(head.length, ...rows.map(cells => cells[column]!.length)));
	const total = () => 2 + widths.reduce((sum, w) => sum + w, 0) + 2 * (widths.length - 1);
	const last = widths.length - 1;
	if (total() > width) widths[last] = Math.max(heads[last]!.length, widths[last]! - (total() - width));
	if (total() > width) widths[0] = Math.max(8, widths[0]! - (total() - width));
	const cells = (values: readonly string[]) =>
		values.map((value, column) => truncate(value, widths[column]!, '~').padEnd(widths[column]!)).join('  ');
	return [
		[piece(`  ${cells(heads)}`, 'dim')],
		...rows.map((values, index): Line => [piece(runGlyph(index), runTone(index)), piece(` ${cells(values)}`)]),
	];
}

function confusionLines(change: ConfusionChange | null, width: number): Line[] {
	if (change === null) return [[piece('No confusion change: fewer than two runs have test accuracies', 'dim')]];
	const title = `Confusion change, ${change.b.name} minus ${change.a.name}`;
	if (change.difference === null) return [[piece(truncate(title, width, '~'), 'title')], [piece(`  not shown: ${change.reason}`, 'dim')]];
	const classes = change.b.run.start.classes;
	const difference = change.difference;
	const labels = classes.map((name, index) => (name.length <= 4 ? name : String(index)));
	const cell = Math.max(5, ...difference.flat().map(value => signed(value).length + 1));
	const lead = Math.max(...labels.map(label => label.length)) + 2;
	const lines: Line[] = [
		[piece(truncate(title, width, '~'), 'title')],
		[piece(truncate('rows: true class, columns: predicted; + more images, - fewer; . no change', width, '~'), 'dim')],
		[piece(`${' '.repeat(lead)}${labels.map(label => label.padStart(cell)).join('')}`, 'dim')],
	];
	difference.forEach((row, r) => {
		lines.push([
			piece(labels[r]!.padStart(lead - 2), 'dim'),
			piece('  '),
			...row.map((value, c) => piece((value === 0 ? '.' : signed(value)).padStart(cell), changeTone(value, r === c))),
		]);
	});
	if (labels.some((label, index) => label !== classes[index]))
		lines.push([piece(`  classes: ${classes.map((name, i) => `${i} ${name}`).join(', ')}`, 'dim')]);
	lines.push(...biggestChanges(difference, labels, width));
	return lines;
}

/** More images on the diagonal, fewer off it, is better. */
function changeTone(value: number, diagonal: boolean): LineTone {
	if (value === 0) return 'dim';
	return value > 0 === diagonal ? 'fewer' : 'more';
}

const signed = (value: number): string => (value > 0 ? `+${value}` : String(value));

/** The off-diagonal cells that changed most, in words: what the colours say. */
function biggestChanges(difference: readonly (readonly number[])[], labels: readonly string[], width: number): Line[] {
	const cells = difference.flatMap((row, r) => row.map((value, c) => ({r, c, value}))).filter(({r, c, value}) => r !== c && value !== 0);
	cells.sort((x, y) => Math.abs(y.value) - Math.abs(x.value) || x.r - y.r || x.c - y.c);
	if (cells.length === 0) return [[piece('  no off-diagonal change', 'dim')]];
	let said = '  most changed mistakes:';
	for (const [index, {r, c, value}] of cells.entries()) {
		const next = `${said}${index === 0 ? ' ' : ', '}${labels[r]} as ${labels[c]} ${signed(value)}`;
		if (next.length > width && index > 0) break;
		said = next;
	}
	return [[piece(truncate(said, width, '~'))]];
}

function fitLine(line: Line, width: number): Line {
	let used = 0;
	const kept: Line[number][] = [];
	for (const part of line) {
		if (used + part.text.length > width) break;
		kept.push(part);
		used += part.text.length;
	}
	return kept;
}
