import {lines} from './wat-text.js';

/**
 * Adds a tile row's accumulators $acc{r}_{o} (one f32x4 per output o of
 * `columns`, four partial sums each) to the outputs at $pc, after `setPc`
 * points $pc at them: for four outputs, the sixteen lanes summed pairwise by
 * shuffles into one vector (uses $left, $right, $sum); otherwise lane by lane.
 * The sums are added in the same order either way.
 */
export function addLaneSums(setPc: string, r: number, columns: readonly number[]): string {
	const lane = (o: number, n: number) => `(f32x4.extract_lane ${n} (local.get $acc${r}_${o}))`;
	const pairs = (a: string, b: string) =>
		`(f32x4.add (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 ${a} ${b}) (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 ${a} ${b}))`;
	if (columns.length === 4) {
		return lines([
			`        ${setPc}`,
			`        (local.set $left ${pairs(`(local.get $acc${r}_0)`, `(local.get $acc${r}_1)`)})`,
			`        (local.set $right ${pairs(`(local.get $acc${r}_2)`, `(local.get $acc${r}_3)`)})`,
			'        (local.set $sum (f32x4.add',
			'          (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $left) (local.get $right))',
			'          (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $left) (local.get $right))))',
			'        (v128.store (local.get $pc) (f32x4.add (v128.load (local.get $pc)) (local.get $sum)))',
		]);
	}
	return lines([
		`        ${setPc}`,
		...columns.map(
			o =>
				`        (f32.store offset=${4 * o} (local.get $pc) (f32.add (f32.load offset=${4 * o} (local.get $pc)) (f32.add (f32.add ${lane(o, 0)} ${lane(o, 2)}) (f32.add ${lane(o, 1)} ${lane(o, 3)}))))`,
		),
	]);
}
