import { existsSync } from 'node:fs';

/**
 * The one place that decides which Chromium the build and the tests drive.
 * Order: an explicit CHROMIUM_PATH, then Debian/Ubuntu's package, then Playwright's managed
 * browser (undefined lets Playwright pick its own download on machines that have one).
 */
export function chromiumExecutable(env: NodeJS.ProcessEnv = process.env): string | undefined {
	const candidates = [env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
	return candidates.find((path): path is string => Boolean(path) && existsSync(path as string));
}

/** Launch options for Playwright: the resolved executable, when there is one, and the flags below. */
export function chromiumLaunchOptions(env: NodeJS.ProcessEnv = process.env): { executablePath?: string; args: string[] } {
	const executablePath = chromiumExecutable(env);
	return executablePath ? { executablePath, args: chromiumArgs } : { args: chromiumArgs };
}

/** Flags that keep a headless Chromium from reaching the network on its own. */
export const chromiumArgs = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
];
