import {cpus} from 'node:os';

/**
 * The machine's idle time so far, summed over its cores (ms), as the system
 * counts it (/proc/stat on Linux, in ticks of 10 ms); NaN where it does not
 * say. It reads the cores of the whole machine: a process limited to fewer
 * cores than it has (a container's quota) sees cores idle that it may not use.
 */
export function machineIdleMs(): number {
	const cores = cpus();
	let idle = 0;
	for (const core of cores) idle += core.times.idle;
	return cores.length > 0 ? idle : Number.NaN;
}
