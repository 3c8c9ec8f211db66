/**
 * What JSON.parse would build from a text, counted before it builds it:
 * the deepest nesting, the objects and lists, the values, the strings and
 * the keys, and any key that is not allowed. A hostile file (a million
 * nested lists, a hundred million zeros, ten million short strings or
 * distinct keys, a "__proto__" key however escaped) is refused from one
 * pass over the text, before it can take the stack or gigabytes of memory,
 * and JSON.parse needs no reviver (which would cost a call per value).
 */
export interface JsonLimits {
	/** Lists and objects inside each other. */
	readonly depth: number;
	/** Lists and objects in all. */
	readonly containers: number;
	/** Values in lists and members of objects in all (about the commas). */
	readonly values: number;
	/** Strings that are values, not keys: each one is built apart. */
	readonly strings: number;
	/** Keys in all. */
	readonly keys: number;
	/** Keys in one object. */
	readonly members: number;
	/** Keys refused wherever they are. */
	readonly forbiddenKeys: ReadonlySet<string>;
}

/** The first problem: a limit gone past (as words for a message), or a key not allowed. */
export type JsonFinding = {readonly beyond: string} | {readonly forbiddenKey: string};

export function scanJson(text: string, limits: JsonLimits): JsonFinding | null {
	const beyond = (what: string) => ({beyond: what});
	const isObject = new Uint8Array(limits.depth + 1);
	const members = new Uint32Array(limits.depth + 1);
	let depth = 0,
		containers = 0,
		values = 0,
		strings = 0,
		keys = 0,
		expectKey = false;
	for (let i = 0; i < text.length; i++) {
		switch (text.charCodeAt(i)) {
			case 0x22: {
				// "
				const start = i;
				i = stringEnd(text, i);
				if (!expectKey) {
					if (++strings > limits.strings) return beyond(`more than ${counted(limits.strings)} strings`);
				} else if (++keys > limits.keys) return beyond(`more than ${counted(limits.keys)} keys`);
				else if (++members[depth]! > limits.members) return beyond(`an object with more than ${counted(limits.members)} keys`);
				else {
					const key = keyText(text.slice(start, i + 1));
					if (key !== undefined && limits.forbiddenKeys.has(key)) return {forbiddenKey: key};
				}
				expectKey = false;
				break;
			}
			case 0x5b: // [
			case 0x7b: // {
				if (++depth > limits.depth) return beyond(`nested more than ${limits.depth} deep`);
				if (++containers > limits.containers) return beyond(`more than ${counted(limits.containers)} lists and objects`);
				isObject[depth] = text.charCodeAt(i) === 0x7b ? 1 : 0;
				members[depth] = 0;
				expectKey = isObject[depth] === 1;
				break;
			case 0x5d: // ]
			case 0x7d: // }
				depth = Math.max(0, depth - 1);
				expectKey = false;
				break;
			case 0x2c: // ,
				if (++values > limits.values) return beyond(`more than ${counted(limits.values)} values`);
				expectKey = isObject[depth] === 1;
				break;
		}
	}
	return null;
}

/** The index of the quote that closes the string opening at `start` (or the text's end). */
function stringEnd(text: string, start: number): number {
	for (let i = start + 1; i < text.length; i++) {
		const code = text.charCodeAt(i);
		if (code === 0x5c)
			i++; // a backslash escapes the next character
		else if (code === 0x22) return i;
	}
	return text.length;
}

/** A key as JSON.parse reads it (escapes decoded), or undefined when it is not a whole string (JSON.parse will refuse the text). */
function keyText(quoted: string): string | undefined {
	if (!quoted.includes('\\')) return quoted.slice(1, -1);
	try {
		return JSON.parse(quoted) as string;
	} catch {
		return undefined;
	}
}

function counted(limit: number): string {
	return limit.toLocaleString('en-US');
}
