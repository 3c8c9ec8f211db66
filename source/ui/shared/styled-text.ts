/**
 * Text with the escape codes Ink's <Text> would give it for these props, so
 * many styled runs can share one Text node: Ink measures, wraps and lays out
 * each Text on every frame, and applies each nested Text's style anew.
 */
import chalk, {type ForegroundColorName} from 'chalk';

export interface TextStyle {
	readonly color?: string;
	readonly bold?: boolean;
	readonly dimColor?: boolean;
	readonly inverse?: boolean;
}

/** `text` as `<Text {...style}>` draws it (the same codes, in the same order). */
export function styled(text: string, {color, bold = false, dimColor = false, inverse = false}: TextStyle): string {
	if (text === '') return text;
	let out = text;
	if (dimColor) out = chalk.dim(out);
	if (color) out = chalk[color as ForegroundColorName](out);
	if (bold) out = chalk.bold(out);
	if (inverse) out = chalk.inverse(out);
	return out;
}
