import type {Architecture} from '../nn/architecture.js';
/**
 * compare's report as lines: the runs' test accuracy and test loss per
 * epoch overlaid (one glyph per run), their settings and results in two
 * tables, and the best two runs' confusion matrices subtracted.
 */
import {defaultWarmup, type Schedule} from '../nn/optim/schedule.js';
import {duration, loss, percent} from '../text/format.js';
import {truncate} from '../text/glyphs.js';
import {archFields} from '../train/network-architecture.js';
import {type Line, type LineTone, type Piece, piece, runGlyph, runTone} from './compare-lines.js';
import {overlayChart} from './overlay-chart.js';
import {type Comparison, type ConfusionChange, type RunSummary, steeredText} from './run-comparison.js';

/** The narrowest report; a narrower terminal gets it all the same, cut on the right. */
const minimumWidth = 60;
const chartHeight = 8;
/** "100.00%", "0.07136": the two charts' plots start in the same column. */
const labelWidth = 7;

export function comparisonLines(comparison: Comparison, width: number): Line[] {
	const room = Math.max(minimumWidth, width);
	const {runs} = comparison;
	const legend = legendLines(runs, room);
	const series = (value: (epoch: RunSummary['epochs'][number]) => number | null) =>
		runs.map(run => {
			const values: (number | null)[] = [];
			for (const epoch of run.epochs) values[epoch.epoch - 1] = value(epoch);
			return {values: Array.from(values, entry => entry ?? null)};
		});
	return [
		[piece(`Compare ${runs.length} runs`, 'title')],
		...legend,
		[],
		[piece('Test accuracy by epoch', 'title')],
		...overlayChart(
			series(epoch => epoch.testAccuracy),
			{width: room, height: chartHeight, format: value => percent(value), labelWidth},
		),
		[],
		[piece('Test loss by epoch', 'title')],
		...overlayChart(
			series(epoch => epoch.testLoss),
			{width: room, height: chartHeight, format: loss, labelWidth},
		),
		[],
		[piece('Settings', 'title')],
		...settingsTable(runs, room),
		...steeredLines(runs, room),
		[],
		[piece('Results', 'title')],
		...table(runs, ['run', 'best epoch', 'best', 'final', 'final loss', 'training', 'total'], resultsRow, room),
		[],
		...confusionLines(comparison.change, room),
	];
}

const settingsHeads = ['run', 'layers', 'optimizer', 'lr', 'batch', 'epochs', 'seed', 'train/test'];

/**
 * The settings; then the schedule (when a run has one) and where the data came from,
 * each as a last column while it fits, else on lines of their own below.
 */
function settingsTable(runs: readonly RunSummary[], width: number): Line[] {
	const schedules = runs.map(({run}) => scheduleText(run.start.schedule));
	const data = runs.map(({run: {start}}) => (start.train === start.test ? start.train : `${start.train}, ${start.test}`));
	const extras = [
		...(schedules.some(schedule => schedule !== 'constant') ? [{head: 'schedule', values: schedules}] : []),
		{head: 'data', values: data},
	];
	// beside a cnn, each run's kind and filters lead its settings: its layers say only its dense part
	const archs = runs.map(({run}) => archText(run.start.architecture));
	const withArch = archs.some(arch => arch !== 'mlp');
	const row = (count: number) => (run: RunSummary, index: number) => [
		...(withArch ? [archs[index]!] : []),
		...settingsRow(run),
		...extras.slice(0, count).map(extra => extra.values[index]!),
	];
	const [runHead, ...otherHeads] = settingsHeads;
	const headsOf = (count: number) => [
		runHead!,
		...(withArch ? ['arch'] : []),
		...otherHeads,
		...extras.slice(0, count).map(extra => extra.head),
	];
	const naturalWidth = (count: number) => {
		const rows = runs.map((run, index) => [run.name, ...row(count)(run, index)]);
		return headsOf(count).reduce((sum, head, column) => sum + 2 + Math.max(head.length, ...rows.map(cells => cells[column]!.length)), 0);
	};
	let shown = 0;
	while (shown < extras.length && naturalWidth(shown + 1) <= width) shown++;
	const below = extras
		.slice(shown)
		.flatMap(({head, values}): Line[] =>
			values.every(value => value === values[0])
				? [[piece(truncate(`  ${head}: ${values[0]}`, width, '~'), 'dim')]]
				: values.map((value, index) => [
						piece(runGlyph(index), runTone(index)),
						piece(truncate(` ${head}: ${value}`, width - 1, '~'), 'dim'),
					]),
		);
	return [...table(runs, headsOf(shown), row(shown), width), ...below];
}

/** A line under the settings for each run whose learning rate or momentum was changed while it trained (its lr has a *). */
function steeredLines(runs: readonly RunSummary[], width: number): Line[] {
	return runs.flatMap(({name, run}) => {
		const said = steeredText(run);
		return said ? [[piece(truncate(`  (*) ${name}: ${said}`, width, '~'), 'dim')]] : [];
	});
}

function settingsRow({run}: RunSummary): string[] {
	const {start} = run;
	return [
		start.layers.join('-'),
		start.optimizer,
		`${start.learningRate}${steeredText(run) ? '*' : ''}`,
		start.batchSize === 'full' ? 'full' : String(start.batchSize),
		String(start.epochs),
		String(start.seed),
		// without thousands separators: the settings of a full MNIST run fit 80 columns beside a name of 14 characters
		`${start.trainCount}/${start.testCount}`,
	];
}

/** "mlp", or "cnn 8,16": a cnn's filter counts. */
function archText(architecture: Architecture | null): string {
	const {filters} = archFields(architecture);
	return filters === null ? 'mlp' : `cnn ${filters.join(',')}`;
}

/** The schedule that shapes the rate (a log from before schedules had a constant one), its warm-up said when not the default. */
function scheduleText(schedule: Schedule | null): string {
	if (!schedule) return 'constant';
	if (schedule.name === 'onecycle' && schedule.warmup !== defaultWarmup) return `onecycle, ${percent(schedule.warmup, 0)} warm-up`;
	return schedule.name;
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

/** Columns two spaces apart, each run's row led by its glyph; the run's name (its glyph says which it is), then the last column, give way when it is too wide. */
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
	if (total() > width) widths[0] = Math.max(8, widths[0]! - (total() - width));
	if (total() > width) widths[last] = Math.max(heads[last]!.length, widths[last]! - (total() - width));
	const cut = (value: string, column: number) => (column === 0 ? middleCut(value, widths[0]!) : truncate(value, widths[column]!, '~'));
	const cells = (values: readonly string[]) => values.map((value, column) => cut(value, column).padEnd(widths[column]!)).join('  ');
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
	// class names when they all fit a cell, else every class by its number (explained below)
	const labels = classes.every(name => name.length <= 4) ? classes.slice() : classes.map((_, index) => String(index));
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
		lines.push(
			...wrapped(
				'  classes:',
				classes.map((name, i) => `${i} ${name}`),
				width,
			),
		);
	lines.push(...biggestChanges(difference, labels, width));
	return lines;
}

/** The mistakes are what is highlighted: more images off the diagonal, or fewer; the diagonal is the accuracy the results already give. */
function changeTone(value: number, diagonal: boolean): LineTone {
	if (value === 0) return 'dim';
	if (diagonal) return 'plain';
	return value > 0 ? 'more' : 'fewer';
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

/** "  * a.jsonl   o b.jsonl": each run's glyph and name, on as many lines as the width needs. */
function legendLines(runs: readonly RunSummary[], width: number): Line[] {
	const lines: Piece[][] = [[]];
	let used = 0;
	runs.forEach((run, index) => {
		const name = middleCut(run.name, width - 4);
		if (used > 0 && used + 3 + 2 + name.length > width) {
			lines.push([]);
			used = 0;
		}
		const gap = used === 0 ? '  ' : '   ';
		lines.at(-1)!.push(piece(gap), piece(runGlyph(index), runTone(index)), piece(` ${name}`));
		used += gap.length + 2 + name.length;
	});
	return lines;
}

/** A name cut in the middle to `width`: runs' names usually differ at their ends ("seed-1", "seed-2"). */
function middleCut(name: string, width: number): string {
	const characters = Array.from(name);
	if (characters.length <= width) return name;
	const head = Math.ceil((width - 1) / 2);
	return `${characters.slice(0, head).join('')}~${characters.slice(characters.length - (width - 1 - head)).join('')}`;
}

/** Items after a lead, joined by commas, on as many lines as `width` needs (an item longer than a line is cut). */
function wrapped(lead: string, items: readonly string[], width: number): Line[] {
	const lines: string[] = [];
	let line = lead;
	for (const [index, item] of items.entries()) {
		const text = `${item}${index < items.length - 1 ? ',' : ''}`;
		if (line !== lead && line.length + 1 + text.length > width) {
			lines.push(line);
			line = ' '.repeat(lead.length);
		}
		line += ` ${text}`;
	}
	lines.push(line);
	return lines.map(text => [piece(truncate(text, width, '~'), 'dim')]);
}
