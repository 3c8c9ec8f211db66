import {cpus} from 'node:os';

/**
 * The time the machine's cores have given this process so far, or could
 * have: their idle time, summed over the cores as the system counts it
 * (/proc/stat on Linux, in ticks of 10 ms), plus the CPU time of this
 * process's own threads (ms). What the cores spent on other processes is
 * not in it. NaN where the system does not say. It reads the cores of the
 * whole machine: a process limited to fewer cores than it has (a
 * container's quota) sees cores idle that it may not use.
 */
export function machineSpareMs(): number {
	const cores = cpus();
	let idle = 0;
	for (const core of cores) idle += core.times.idle;
	const {user, system} = process.cpuUsage();
	return cores.length > 0 ? idle + (user + system) / 1000 : Number.NaN;
}
