/**
 * Debian's Chromium, installed once with apt-get when it is missing, and launched through
 * playwright-core: no browser download, a fresh profile, nothing that phones home.
 *
 * Run on its own to install it: node .tools/test/ui/chromium.js
 */
import { existsSync } from 'node:fs';

import { chromium, type BrowserContext } from 'playwright-core';

import { runCommand, tail } from '../e2e/proc';

export const CHROMIUM_PATH = process.env.N8N_UI_CHROMIUM ?? '/usr/bin/chromium';

export interface ChromiumInstall {
	installed: boolean;
	durationMs: number;
}

async function apt(args: string[]): Promise<void> {
	const result = await runCommand('apt-get', args, {
		env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
		timeoutMs: 20 * 60_000,
	});
	if (result.code !== 0) {
		throw new Error(
			`apt-get ${args.join(' ')} failed (${result.timedOut ? 'timed out' : `exit ${result.code}`}):\n${tail(result.stderr || result.stdout)}`,
		);
	}
}

/** Installs Debian's chromium package unless the browser is already there. */
export async function ensureChromium(
	log: (line: string) => void = () => {},
): Promise<ChromiumInstall> {
	if (existsSync(CHROMIUM_PATH)) return { installed: false, durationMs: 0 };
	if (process.getuid?.() !== 0) {
		throw new Error(`${CHROMIUM_PATH} is missing: run as root, or apt-get install -y chromium`);
	}
	const started = Date.now();
	log(`Installing Debian's chromium (once)...`);
	await apt(['update']);
	await apt(['install', '-y', 'chromium']);
	if (!existsSync(CHROMIUM_PATH))
		throw new Error(`apt-get installed chromium but no ${CHROMIUM_PATH}`);
	const durationMs = Date.now() - started;
	log(`chromium installed in ${Math.round(durationMs / 1000)} s`);
	return { installed: true, durationMs };
}

export interface Browser {
	context: BrowserContext;
	/** PID of the Chromium main process, stopped by close(). */
	pid: number | undefined;
	close(): Promise<void>;
}

/**
 * Chromium launched as a server process of its own, so that its PID is known and it can be
 * stopped by PID even when the page hangs. Playwright gives it a fresh temporary profile, removed
 * when it closes; its endpoint listens on 127.0.0.1 at `port`.
 */
export async function launchChromium(port: number): Promise<Browser> {
	const args = [
		'--disable-background-networking',
		'--disable-component-update',
		'--disable-sync',
		'--no-first-run',
		'--disable-gpu',
		'--disable-dev-shm-usage',
	];
	// Chromium refuses to run as root with its sandbox on.
	if (process.getuid?.() === 0) args.push('--no-sandbox');
	const server = await chromium.launchServer({
		executablePath: CHROMIUM_PATH,
		headless: true,
		args,
		host: '127.0.0.1',
		port,
		handleSIGINT: false,
		handleSIGTERM: false,
		handleSIGHUP: false,
	});
	const child = server.process();
	const pid = child.pid;
	// Only a Chromium that is still running is killed, never a PID that may have been reused.
	const stop = () => {
		if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
	};
	let browser;
	try {
		browser = await chromium.connect(server.wsEndpoint());
	} catch (error) {
		stop();
		throw error;
	}
	const context = await browser.newContext({
		viewport: { width: 1440, height: 1200 },
		deviceScaleFactor: 1,
	});
	let closed = false;
	return {
		context,
		pid,
		async close() {
			if (closed) return;
			closed = true;
			// close() removes the temporary profile; the kill is for a browser that does not answer.
			await Promise.race([server.close(), new Promise((resolve) => setTimeout(resolve, 10_000))]);
			stop();
		},
	};
}

if (require.main === module) {
	ensureChromium((line) => console.log(line)).then(
		(install) =>
			console.log(
				install.installed
					? `chromium installed in ${(install.durationMs / 1000).toFixed(1)} s`
					: `${CHROMIUM_PATH} already installed`,
			),
		(error: Error) => {
			console.error(error.message);
			process.exit(1);
		},
	);
}
