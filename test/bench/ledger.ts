/**
 * What the sandbox was sent during one run (its own ledger, test/sandbox/ledger.ts), and the
 * checks that make the benchmark fail: a serial lost (never decommissioned, or missing from the
 * output) or sent twice, or a request count other than ceil(serials / batch size).
 */
import type { ItemJson } from '../e2e/n8n-cli';
import { serialKey, type Sandbox } from '../sandbox/server';

export interface Ledger {
	/** Decommission requests the sandbox answered 200 (processed). */
	processed: number;
	/** Decommission requests answered otherwise (refused, e.g. an expired token: not processed). */
	refused: number;
	authCalls: number;
	/** First request's arrival to the last answer, in ms: the run's HTTP phase. */
	httpMs: number;
	/** How many times each serial arrived in a decommission request (answered or not). */
	received: Map<string, number>;
	/** Serials the sandbox holds as Decommissioned. */
	decommissioned: Set<string>;
}

/** Forgets the previous run's requests and serial records; issued tokens stay valid. */
export function clearLedger(sandbox: Sandbox): void {
	sandbox.state.requests.length = 0;
	sandbox.state.serials.clear();
}

export function readLedger(sandbox: Sandbox): Ledger {
	const requests = sandbox.state.requests;
	const decommission = requests.filter((r) => r.route === 'decommission');
	const processed = decommission.filter((r) => r.status === 200);
	const ledger = sandbox.state.ledger();
	const starts = decommission.map((r) => r.at);
	const ends = decommission.map((r) => r.at + (r.durationMs ?? 0));
	return {
		processed: processed.length,
		refused: decommission.length - processed.length,
		authCalls: requests.filter((r) => r.route === 'auth').length,
		httpMs: decommission.length ? Math.max(...ends) - Math.min(...starts) : 0,
		received: ledger.received,
		decommissioned: new Set(ledger.decommissioned.keys()),
	};
}

/** Problems with what was sent: empty when every serial went out exactly once. */
export function checkSent(
	ledger: Ledger,
	productCode: string,
	expected: string[],
	batchSize: number,
	label: string,
): string[] {
	const problems: string[] = [];
	const keys = expected.map((serial) => serialKey(productCode, serial));
	const wanted = new Set(keys);
	const lost = keys.filter((key) => !ledger.decommissioned.has(key));
	const twice = [...ledger.received].filter(([, times]) => times > 1).map(([key]) => key);
	const stray = [...ledger.received.keys()].filter((key) => !wanted.has(key));
	const requests = Math.ceil(expected.length / batchSize);
	if (lost.length)
		problems.push(`${label}: ${lost.length} serial(s) not decommissioned, e.g. ${lost[0]}`);
	if (twice.length)
		problems.push(`${label}: ${twice.length} serial(s) sent twice, e.g. ${twice[0]}`);
	if (stray.length)
		problems.push(`${label}: ${stray.length} unexpected serial(s), e.g. ${stray[0]}`);
	if (ledger.processed !== requests || ledger.refused > 0) {
		problems.push(
			`${label}: ${ledger.processed} requests processed and ${ledger.refused} refused, expected ${requests} processed`,
		);
	}
	return problems;
}

/** Problems with the node's output: one successful item per serial, none missing or repeated. */
export function checkNodeOutput(
	items: ItemJson[],
	expected: string[],
	label: string,
	/** A dry run's items say 'Validated' instead of succeeding. */
	status?: string,
): string[] {
	const problems: string[] = [];
	if (items.length !== expected.length) {
		problems.push(`${label}: ${items.length} output items, expected ${expected.length}`);
	}
	const seen = new Set<string>();
	let repeated = 0;
	let failed = 0;
	for (const item of items) {
		const serial = String(item.json.serial_number);
		if (seen.has(serial)) repeated++;
		seen.add(serial);
		if (status ? item.json.status !== status : item.json.success !== true) failed++;
	}
	const missing = expected.filter((serial) => !seen.has(serial));
	if (missing.length)
		problems.push(
			`${label}: ${missing.length} serial(s) missing from the output, e.g. ${missing[0]}`,
		);
	if (repeated) problems.push(`${label}: ${repeated} serial(s) twice in the output`);
	if (failed) {
		const want = status ? `with status ${status}` : 'successful';
		problems.push(`${label}: ${failed} output item(s) not ${want}`);
	}
	return problems;
}
