import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {colorOn} from '../../../../source/ui/shared/render-settings.js';

describe('colour on or off, by the rules of chalk (which Ink draws with)', () => {
	const cases: [NodeJS.ProcessEnv, boolean][] = [
		[{TERM: 'xterm-256color'}, true],
		[{TERM: 'xterm-256color', NO_COLOR: '1'}, false],
		[{TERM: 'xterm-256color', NO_COLOR: ''}, true], // an empty NO_COLOR asks for nothing (no-color.org)
		[{TERM: 'xterm-256color', FORCE_COLOR: '0'}, false],
		[{TERM: 'xterm-256color', FORCE_COLOR: 'false'}, false],
		[{TERM: 'xterm-256color', NO_COLOR: '1', FORCE_COLOR: '1'}, true], // FORCE_COLOR wins, as in Node
		[{TERM: 'xterm-256color', NO_COLOR: '1', FORCE_COLOR: '0'}, false], // what the entry makes of NO_COLOR
		[{TERM: 'dumb'}, false],
		[{TERM: 'dumb', FORCE_COLOR: '3'}, true],
		[{TERM: 'xterm', FORCE_COLOR: ''}, true],
	];
	for (const [env, on] of cases) {
		test(`${JSON.stringify(env)}: ${on ? 'colour' : 'no colour'}`, () => assert.equal(colorOn(env), on));
	}
});
