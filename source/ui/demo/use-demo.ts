import {useCallback, useEffect, useRef, useState} from 'react';
import {type DemoStep, demoStoppedCaption} from './demo-script.js';

/** Runs `run` after `ms`; returns the cancel. Tests pass one they advance by hand. */
export type Schedule = (run: () => void, ms: number) => () => void;

export const timers: Schedule = (run, ms) => {
	const timer = setTimeout(run, ms);
	return () => clearTimeout(timer);
};

export interface Demo {
	/** The line under the screen, or null. */
	readonly caption: string | null;
	/** A person pressed a key: the tour ends here. */
	stop(): void;
}

/** How long the "demo stopped" caption stays. */
const stoppedCaptionMs = 3000;

/**
 * Plays `script` (none: no demo), one step at a time, each after its wait,
 * typing its keys into `press`: the same function the keyboard's input goes
 * to. A step after `trained` waits for `trained` to be true first.
 */
export function useDemo(
	script: readonly DemoStep[] | undefined,
	trained: boolean,
	press: (input: string) => void,
	schedule: Schedule = timers,
): Demo {
	const [next, setNext] = useState(0);
	const [running, setRunning] = useState(script !== undefined);
	const [caption, setCaption] = useState<string | null>(null);
	// the latest press: it sees the view and state of the latest render
	const pressRef = useRef(press);
	pressRef.current = press;

	const step = running ? script?.[next] : undefined;
	const active = step !== undefined;
	const ready = step !== undefined && (step.after !== 'trained' || trained);
	useEffect(() => {
		if (!ready || step === undefined) return;
		return schedule(() => {
			if (step.caption !== undefined) setCaption(step.caption);
			if (step.keys) pressRef.current(step.keys);
			setNext(at => at + 1);
		}, step.wait);
	}, [ready, step, schedule]);

	const stopped = !running && caption === demoStoppedCaption;
	useEffect(() => {
		if (!stopped) return;
		return schedule(() => setCaption(null), stoppedCaptionMs);
	}, [stopped, schedule]);

	const stop = useCallback(() => {
		if (!active) return;
		setRunning(false);
		setCaption(demoStoppedCaption);
	}, [active]);
	return {caption, stop};
}
