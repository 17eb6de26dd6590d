/** Cleanup on every way out: normal end, crash, watchdog, Ctrl-C. */
import { killAllChildren } from './proc';

type Cleanup = () => Promise<void> | void;

const cleanups = new Set<Cleanup>();

/** Registers a cleanup; the returned function runs it now and unregisters it. */
export function onCleanup(cleanup: Cleanup): () => Promise<void> {
	cleanups.add(cleanup);
	return async () => {
		cleanups.delete(cleanup);
		await cleanup();
	};
}

/** Runs every registered cleanup, newest first, then kills what is left of the children. */
export async function runCleanups(): Promise<void> {
	for (const cleanup of [...cleanups].reverse()) {
		try {
			await cleanup();
		} catch {
			// best effort
		}
	}
	cleanups.clear();
	killAllChildren();
}

export function cleanUpOnSignals(): void {
	for (const signal of ['SIGINT', 'SIGTERM'] as const) {
		process.once(signal, () => {
			console.error(`\nReceived ${signal}: stopping n8n and the sandbox...`);
			void runCleanups().finally(() => process.exit(130));
		});
	}
}
