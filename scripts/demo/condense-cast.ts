/**
 * A lighter copy of an asciicast v2 recording, for an animated picture: the
 * output written within one frame is merged into one event (Ink draws up to 30
 * frames a second; a picture needs far fewer), and pauses longer than
 * `idleSeconds` are cut to that. What the screen shows at each frame is kept.
 */
export interface CondenseOptions {
	/** Output closer together than this is drawn as one frame. */
	readonly frameSeconds: number;
	/** Longer pauses are shortened to this. */
	readonly idleSeconds: number;
}

type CastEvent = [number, string, string];

export function condenseCast(cast: string, {frameSeconds, idleSeconds}: CondenseOptions): string {
	const [header, ...lines] = cast.trimEnd().split('\n');
	if (header === undefined || (JSON.parse(header) as {version?: unknown}).version !== 2) throw new Error('not an asciicast v2 recording');
	const merged: CastEvent[] = [];
	for (const line of lines) {
		const [time, type, data] = JSON.parse(line) as CastEvent;
		const last = merged.at(-1);
		if (type === 'o' && last?.[1] === 'o' && time - last[0] < frameSeconds) last[2] += data;
		else merged.push([time, type, data]);
	}
	let cut = 0;
	let previous = 0;
	const events = merged.map(([time, type, data]): CastEvent => {
		cut += Math.max(0, time - previous - idleSeconds);
		previous = time;
		return [Math.round((time - cut) * 1000) / 1000, type, data];
	});
	return `${[header, ...events.map(event => JSON.stringify(event))].join('\n')}\n`;
}
