/**
 * A view's keys as data: one table from keys to actions, read by its key
 * handler and by the help. Ink reports arrows, PgUp/PgDn and Home/End as
 * `key` flags; the same keys arriving as raw escape codes in the input, and
 * batched typing ("lll", "g12\r"), are read here too.
 */
import type {Key} from 'ink';

/** Ink's flags for keys that type no character. */
export type SpecialKey =
	| 'leftArrow'
	| 'rightArrow'
	| 'upArrow'
	| 'downArrow'
	| 'pageUp'
	| 'pageDown'
	| 'home'
	| 'end'
	| 'return'
	| 'escape'
	| 'backspace'
	| 'delete';

export interface TableKey<Action> {
	/** Characters that trigger the action, as typed. */
	readonly inputs: readonly string[];
	readonly keys: readonly SpecialKey[];
	/** How the help shows the key. */
	readonly label: string;
	readonly action: Action;
	readonly help: string;
}

/** Escape codes for the special keys, with and without the ESC that Ink strips from the start of an input. */
const escapeCodes: ReadonlyArray<readonly [string, SpecialKey]> = [
	...(['[', 'O'] as const).flatMap(
		lead =>
			[
				[`${lead}A`, 'upArrow'],
				[`${lead}B`, 'downArrow'],
				[`${lead}C`, 'rightArrow'],
				[`${lead}D`, 'leftArrow'],
				[`${lead}H`, 'home'],
				[`${lead}F`, 'end'],
			] as const,
	),
	['[5~', 'pageUp'],
	['[6~', 'pageDown'],
	['[1~', 'home'],
	['[7~', 'home'],
	['[4~', 'end'],
	['[8~', 'end'],
];

/**
 * The actions of one `useInput` call; keys the table does not have (tab, Ctrl-…) give none.
 * `typed` turns a binding and the character typed into its action (for a key like "0-9").
 */
export function tableActions<Action>(
	table: readonly TableKey<Action>[],
	input: string,
	key: Partial<Key> = {},
	typed: (binding: TableKey<Action>, character: string) => Action = binding => binding.action,
): Action[] {
	const bindingFor = (special: SpecialKey) => table.find(binding => binding.keys.includes(special));
	const flagged = (Object.keys(key) as (keyof Key)[]).find(name => key[name] === true && bindingFor(name as SpecialKey));
	if (flagged) return [bindingFor(flagged as SpecialKey)!.action];
	if (key.ctrl || key.meta || key.tab) return [];
	const actions: Action[] = [];
	let at = 0;
	while (at < input.length) {
		const escaped = input[at] === '\u001B';
		const rest = input.slice(escaped ? at + 1 : at);
		const code =
			escaped || input[at] === '[' || input[at] === 'O' ? escapeCodes.find(([sequence]) => rest.startsWith(sequence)) : undefined;
		if (code) {
			const binding = bindingFor(code[1]);
			if (binding) actions.push(binding.action);
			at += (escaped ? 1 : 0) + code[0].length;
			continue;
		}
		const character = input[at]!;
		const binding = table.find(candidate => candidate.inputs.includes(character));
		if (binding) actions.push(typed(binding, character));
		at++;
	}
	return actions;
}
