/**
 * Compares the node's output with the sandbox's ledger after a run (see the README section
 * "Fault suite"): every serial accounted for once per item, no claim the sandbox contradicts,
 * nothing sent that the user did not ask for, no resend beyond the policy, no secret shown.
 */
import {
	serialKey,
	settingsKey,
	type ForeignRequest,
	type RecordedRequest,
	type SandboxLedger,
} from '../sandbox/server';
import { Findings } from './findings';
import { pairedIndex } from '../harness/pairing';
import type { IntendedItem, ItemSettings } from './inputs';
import { findForeign, findLeaks } from './leaks';
import { checkSends } from './sends';

export interface OutputItem {
	json: Record<string, unknown>;
	pairedItem?: unknown;
}

export interface RunRecord {
	intended: IntendedItem[];
	output: OutputItem[];
	/** Message, description and node error of a run that failed (empty when it did not). */
	errorTexts: string[];
	ledger: SandboxLedger;
	requests: readonly RecordedRequest[];
	foreign: readonly ForeignRequest[];
	secrets: string[];
	/** The node's request timeout in this run. */
	timeoutMs: number;
}

export interface Reconciliation {
	serials: number;
	requests: number;
	retries: number;
	findings: Findings;
}

/** Statuses a correct node may give a serial whose fate it does not know. */
const UNSURE = new Set(['Unknown', 'Not confirmed']);

const short = (value: unknown) => {
	const text = typeof value === 'string' ? value : JSON.stringify(value);
	return text === undefined ? 'nothing' : text.length > 40 ? `${text.slice(0, 40)}…` : text;
};

function settingsDiffer(json: Record<string, unknown>, s: ItemSettings): boolean {
	return (
		json.product_code !== s.gtin ||
		json.reason !== s.reason ||
		json.send_to_market !== s.toMarket ||
		(json.market_id ?? '') !== s.market
	);
}

export function reconcile(run: RunRecord): Reconciliation {
	const findings = new Findings();
	const { ledger } = run;
	const expected = new Map<string, { item: number; serial: string; settings: ItemSettings }>();
	const intendedSettings = new Map<string, Set<string>>();
	for (const [item, { settings, serials }] of run.intended.entries()) {
		const wanted = settingsKey(settings.gtin, settings.reason, settings.toMarket, settings.market);
		for (const serial of serials) {
			expected.set(`${item}\u0000${serial}`, { item, serial, settings });
			const key = serialKey(settings.gtin, serial);
			if (!intendedSettings.has(key)) intendedSettings.set(key, new Set());
			intendedSettings.get(key)!.add(wanted);
		}
	}
	const unknown = checkSends(findings, run.requests, ledger, run.timeoutMs);

	const seen = new Map<string, number>();
	const errorItems = new Map<number, string>();
	for (const { json, pairedItem } of run.output) {
		const item = pairedIndex(pairedItem);
		const serial = json.serial_number;
		if (typeof serial !== 'string' || item === undefined) {
			if (item !== undefined) errorItems.set(item, short(json.error ?? json));
			else findings.add('lost', 'an output item paired to no input item', short(json));
			continue;
		}
		const pair = `${item}\u0000${serial}`;
		const want = expected.get(pair);
		if (!want) {
			findings.add('misreported', 'the output names a serial its item did not give', serial);
			continue;
		}
		seen.set(pair, (seen.get(pair) ?? 0) + 1);
		if (seen.get(pair) === 2) {
			findings.add('duplicated', 'a serial reported more than once for its item', serial);
		}
		checkItem(findings, json, want, ledger, unknown);
	}
	for (const [pair, { item, serial }] of expected) {
		if (seen.has(pair)) continue;
		const error = errorItems.get(item);
		if (error) findings.add('lost', 'a valid item answered with an error item', error);
		else findings.add('lost', 'an input serial missing from the output', `item ${item}: ${serial}`);
	}

	for (const key of ledger.received.keys()) {
		const wanted = intendedSettings.get(key);
		if (!wanted) {
			findings.add('misreported', 'the sandbox received a serial nobody gave', key);
			continue;
		}
		for (const settings of ledger.settings.get(key) ?? []) {
			if (!wanted.has(settings)) {
				findings.add('misreported', 'the sandbox received a serial with other settings', key);
			}
		}
	}
	findForeign(findings, run.foreign);
	findLeaks(findings, run.output, run.errorTexts, run.secrets);

	const decommissionRequests = run.requests.filter((r) => r.route === 'decommission').length;
	return {
		serials: expected.size,
		requests: run.requests.length,
		retries: decommissionRequests - ledger.bodies.size,
		findings,
	};
}

/** One output item against the ledger: the claim, the attempts count, the stated settings. */
function checkItem(
	findings: Findings,
	json: Record<string, unknown>,
	want: { serial: string; settings: ItemSettings },
	ledger: SandboxLedger,
	unknown: Map<string, string>,
): void {
	const key = serialKey(want.settings.gtin, want.serial);
	const done = ledger.decommissioned.has(key);
	const status = String(json.status);
	const cause = unknown.get(key);
	if (json.success === true && !done) {
		findings.add('misreported', 'reported decommissioned, the sandbox did not', key);
	} else if (done && json.success !== true && !UNSURE.has(status)) {
		findings.add('misreported', `decommissioned, reported "${short(status)}"`, key);
	} else if (cause && status !== 'Unknown') {
		// Even where the ledger agrees by chance, the node could not know: only Unknown is true.
		findings.add('misreported', `last request ${cause}, reported "${short(status)}"`, key);
	}
	const received = ledger.received.get(key) ?? 0;
	if (json.attempts === undefined) {
		findings.add('misreported', 'no attempts count', key);
	} else if (json.attempts !== received) {
		findings.add(
			'misreported',
			'attempts differs from the times the sandbox received the serial',
			`${key}: ${short(json.attempts)} vs ${received}`,
		);
	}
	if (settingsDiffer(json, want.settings)) {
		findings.add('misreported', "the output states other settings than the item's", key);
	}
}
