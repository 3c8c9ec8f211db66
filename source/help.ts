import {flags} from './options.js';

/** --help, made from the same flag table the parser reads. */
export function helpText(version: string): string {
	const rows = Object.entries(flags).map(([name, flag]) => {
		const left = `  ${'short' in flag ? `-${flag.short}, ` : ''}--${name}${'value' in flag ? ` ${flag.value}` : ''}`;
		const right = `${flag.help}${'default' in flag ? ` (default: ${flag.default})` : ''}`;
		return `${left.padEnd(26)}${right}`;
	});
	return [
		`mnist-tui ${version}: train a neural network, written from scratch, on the MNIST digits`,
		'',
		'Usage',
		'  mnist-tui [train] [options]      train: the dashboard in a terminal, else progress lines',
		'  mnist-tui eval --model FILE      accuracy, loss and confusion matrix of a saved model',
		"  mnist-tui browse --model FILE    step through the test digits with a saved model's predictions",
		'  mnist-tui predict --model FILE   ImageId,Label for each test image, as a CSV: --out FILE.csv',
		'  mnist-tui replay RUN.jsonl       redraw a run logged with --log on the dashboard (--speed X)',
		'  mnist-tui compare A.jsonl B.jsonl …   logged runs side by side (--plain: text, --json: one object)',
		'',
		'Options',
		...rows,
		'',
		'Keys while training (? in the dashboard lists them all)',
		'  p/space pause · n one batch while paused · + - learning rate ×2 ÷2 · ] [ momentum ±0.05',
		'  tab next view · w the network · d draw a digit · q quit (saves with --save) · Ctrl-C stop',
		'',
		"The tutorial's own setup: mnist-tui --hidden 50 --batch-size full --optimizer gd --lr 0.5 --epochs 100",
		'Exit codes: 0 done, 1 unexpected failure, 2 usage or input error, 3 below --min-accuracy,',
		'            4 training diverged, 130 interrupted (Ctrl-C), 143 SIGTERM, 129 SIGHUP',
		'',
	].join('\n');
}
