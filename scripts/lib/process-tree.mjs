/**
 * The processes a command started, and how to stop all of them.
 *
 * A stage of `npm test` starts processes that leave its process group: Playwright starts the
 * preview server detached, Chromium forks helpers, the emulator tests start moto_server. Killing
 * the stage's group leaves those running (a preview server left on its port fails the next run), so
 * the runner stops the whole tree: it reads the parent of every process from `ps`, which Linux and
 * macOS both have.
 */
import { execFileSync } from 'node:child_process';

/**
 * Every process as { pid, ppid, state, started }: state is ps's first letter ("Z": a zombie, which
 * has ended), started its start time, which tells a process from a later one given the same pid.
 */
export function processTable() {
	const out = execFileSync('ps', ['-A', '-o', 'pid=,ppid=,stat=,lstart='], { encoding: 'utf8' });
	return out
		.split('\n')
		.map((line) => /^\s*(\d+)\s+(\d+)\s+(\S+)\s+(.+?)\s*$/.exec(line))
		.filter((m) => m !== null)
		.map(([, pid, ppid, stat, started]) => ({ pid: Number(pid), ppid: Number(ppid), state: stat[0], started }));
}

/** The pids of every process descended from `root` (not `root` itself), zombies left out. */
export function descendants(root, table = processTable()) {
	const children = new Map();
	for (const p of table) {
		if (p.state === 'Z') continue;
		if (!children.has(p.ppid)) children.set(p.ppid, []);
		children.get(p.ppid).push(p.pid);
	}
	const found = [];
	const queue = [...(children.get(root) ?? [])];
	while (queue.length) {
		const pid = queue.shift();
		found.push(pid);
		queue.push(...(children.get(pid) ?? []));
	}
	return found;
}

/** Which of `processes` ({ pid, started }, as processTable gives them) still run. */
export function stillRunning(processes, table = processTable()) {
	const running = new Set(table.filter((p) => p.state !== 'Z').map((p) => `${p.pid} ${p.started}`));
	return processes.filter((p) => running.has(`${p.pid} ${p.started}`));
}

/**
 * Notes every process descended from `root` every `intervalMs`, until stopped. A process that leaves
 * the tree while its parent runs on (Playwright's preview server, when Playwright exits) can then
 * still be found: once `root` has ended, its orphans are no longer its descendants.
 */
export function watchTree(root, intervalMs = 1000) {
	const seen = new Map();
	const look = () => {
		try {
			const table = processTable();
			const pids = new Set(descendants(root, table));
			for (const p of table) if (pids.has(p.pid)) seen.set(`${p.pid} ${p.started}`, p);
		} catch {
			// ps failed once (the machine is busy): the next look will do.
		}
	};
	look();
	const timer = setInterval(look, intervalMs);
	timer.unref();
	return {
		look,
		/** Stops watching; returns every process seen in the tree. */
		stop() {
			clearInterval(timer);
			return [...seen.values()];
		},
	};
}

function signal(pid, name) {
	try {
		process.kill(pid, name);
	} catch {
		// Already gone.
	}
}

/**
 * Stops `root` and everything it started. The tree is frozen first (SIGSTOP), and read again until
 * no new process appears, so that nothing forks or is reparented away between reading and killing;
 * then every frozen process gets SIGKILL, which needs no cooperation from it.
 */
export function killTree(root) {
	const frozen = new Set();
	for (let round = 0; round < 20; round++) {
		const pids = [root, ...descendants(root)].filter((pid) => !frozen.has(pid));
		if (pids.length === 0) break;
		for (const pid of pids) {
			signal(pid, 'SIGSTOP');
			frozen.add(pid);
		}
	}
	for (const pid of frozen) signal(pid, 'SIGKILL');
	return [...frozen];
}
