import { serialKey } from './store';
import type { RecordedRequest, SandboxLedger, SerialRecord } from './types';

/** One text per distinct set of settings a request carries for its serials. */
export function settingsKey(
	productCode: string,
	reason: unknown,
	sendToMarket: unknown,
	marketId: unknown,
): string {
	return JSON.stringify([productCode, reason, sendToMarket, marketId ?? null]);
}

interface Body {
	product_code?: unknown;
	reason?: unknown;
	send_to_market?: unknown;
	market_id?: unknown;
	serials?: unknown;
}

/**
 * Counts every serial of every request that reached the decommission route, whatever the
 * answer (a fault, a refused token, a redirect): the request left the client and arrived here.
 */
export function buildLedger(
	requests: readonly RecordedRequest[],
	serials: ReadonlyMap<string, SerialRecord>,
): SandboxLedger {
	const ledger: SandboxLedger = {
		received: new Map(),
		bodies: new Map(),
		settings: new Map(),
		decommissioned: new Map(),
	};
	for (const request of requests) {
		if (request.route !== 'decommission') continue;
		const text = typeof request.body === 'string' ? request.body : JSON.stringify(request.body);
		ledger.bodies.set(text, (ledger.bodies.get(text) ?? 0) + 1);
		const body = request.body as Body | null;
		if (!body || typeof body !== 'object' || !Array.isArray(body.serials)) continue;
		const code = String(body.product_code);
		const settings = settingsKey(code, body.reason, body.send_to_market, body.market_id);
		// A serial repeated inside one body arrived once with that request.
		for (const serial of new Set(body.serials.map(String))) {
			const key = serialKey(code, serial);
			ledger.received.set(key, (ledger.received.get(key) ?? 0) + 1);
			let seen = ledger.settings.get(key);
			if (!seen) ledger.settings.set(key, (seen = new Set()));
			seen.add(settings);
		}
	}
	for (const [key, record] of serials) {
		if (record.status === 'Decommissioned') ledger.decommissioned.set(key, { ...record });
	}
	return ledger;
}
