/**
 * Checks of a scenario: the Checks collector, and the checks several scenarios make of n8n's
 * output (execution status, item shape, no secrets) and of the sandbox's state (requests,
 * serials, tokens).
 */
import {
	DEFAULT_API_KEY,
	DEFAULT_API_SECRET,
	DEFAULT_CHANNEL_KEY,
	DEFAULT_STATIC_TOKEN,
	type RecordedRequest,
	type Sandbox,
	type SerialRecord,
} from '../sandbox/server';
import {
	nodeOutput,
	type CredentialImport,
	type ExecuteResult,
	type ExecutionRun,
	type ItemJson,
	type N8nInstance,
	type WorkflowJson,
} from './n8n-cli';
import { tail } from './proc';
import { knownSecrets } from './credentials';
import { decommissionNodes } from './workflow-prep';

export class Checks {
	readonly results: Array<{ ok: boolean; message: string }> = [];

	ok(condition: unknown, message: string): boolean {
		this.results.push({ ok: Boolean(condition), message });
		return Boolean(condition);
	}

	equal<T>(actual: T, expected: T, message: string): boolean {
		const ok = JSON.stringify(actual) === JSON.stringify(expected);
		return this.ok(
			ok,
			ok
				? message
				: `${message}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`,
		);
	}

	get failed(): string[] {
		return this.results.filter((r) => !r.ok).map((r) => r.message);
	}
}

// ---------------------------------------------------------------------------------------------
// What the sandbox was sent

export function decommissionRequests(sandbox: Sandbox, from = 0): RecordedRequest[] {
	return sandbox.state.requests.slice(from).filter((r) => r.route === 'decommission');
}

export function authRequests(sandbox: Sandbox, from = 0): RecordedRequest[] {
	return sandbox.state.requests.slice(from).filter((r) => r.route === 'auth');
}

/** Serials the sandbox was asked to decommission, from the request bodies. */
export function requestedSerials(requests: RecordedRequest[]): string[] {
	const serials: string[] = [];
	for (const request of requests) {
		const body = request.body as { serials?: unknown } | undefined;
		if (body && Array.isArray(body.serials)) {
			for (const entry of body.serials) {
				if (typeof entry === 'string') serials.push(entry);
				else if (entry && typeof entry === 'object' && 'serial_number' in entry) {
					serials.push(String((entry as { serial_number: unknown }).serial_number));
				}
			}
		}
	}
	return serials;
}

// ---------------------------------------------------------------------------------------------
// What n8n put out

export function describeFailure(result: ExecuteResult): string {
	const error = result.run?.data.resultData.error;
	if (error) return `${error.message ?? ''} ${error.description ?? ''}`.trim();
	return tail(result.output, 15);
}

export function checkRunSucceeded(
	checks: Checks,
	result: ExecuteResult,
	label: string,
): result is ExecuteResult & { run: ExecutionRun } {
	const printed = result.run
		? `${label}: n8n printed the execution JSON`
		: `${label}: n8n printed no execution JSON (exit ${result.process.code}):\n${tail(result.output, 20)}`;
	if (!checks.ok(result.run, printed)) return false;
	const signal = result.process.signal ? ` (ended by ${result.process.signal})` : '';
	checks.equal(result.process.code, 0, `${label}: n8n execute exit code${signal}`);
	checks.ok(
		!result.run!.data.resultData.error,
		`${label}: execution has no error${result.run!.data.resultData.error ? ` (${describeFailure(result)})` : ''}`,
	);
	checks.equal(result.run!.status, 'success', `${label}: execution status`);
	return true;
}

export function movilitasOutput(workflow: WorkflowJson, run: ExecutionRun): ItemJson[] {
	return decommissionNodes(workflow).flatMap((node) => nodeOutput(run, node.name, 0));
}

/** The serial numbers of items, in order. */
export function serialsOf(items: ItemJson[]): string[] {
	return items.map((item) => String(item.json.serial_number));
}

export function checkItemShape(checks: Checks, items: ItemJson[], label: string): void {
	const malformed = items.filter(
		(item) =>
			typeof item.json.serial_number !== 'string' ||
			typeof item.json.status !== 'string' ||
			typeof item.json.success !== 'boolean',
	);
	checks.equal(
		malformed.map((item) => item.json),
		[],
		`${label}: every output item has serial_number (string), status (string), success (boolean)`,
	);
}

/** A later run gave as many items as the first, each successful. */
export function checkAllSucceededAgain(
	checks: Checks,
	items: ItemJson[],
	expectedCount: number,
	message: string,
): void {
	checks.ok(
		items.length === expectedCount && items.every((item) => item.json.success === true),
		message,
	);
}

export function checkNoSecrets(
	checks: Checks,
	sandbox: Sandbox,
	output: string,
	label: string,
): void {
	const secrets = [
		DEFAULT_API_SECRET,
		DEFAULT_API_KEY,
		DEFAULT_STATIC_TOKEN,
		DEFAULT_CHANNEL_KEY,
		...knownSecrets(),
		...sandbox.state.tokensIssued,
	];
	const leaked = secrets.filter((secret) => secret && output.includes(secret));
	checks.equal(
		leaked.map((secret) => `${secret.slice(0, 6)}… (${secret.length} chars)`),
		[],
		`${label}: no API key, secret, token or channel key in n8n's output`,
	);
}

// ---------------------------------------------------------------------------------------------
// What the sandbox and n8n hold afterwards

export function checkDecommissioned(
	checks: Checks,
	sandbox: Sandbox,
	items: ItemJson[],
	label: string,
): void {
	const wrong = items
		.filter((item) => item.json.success === true)
		.map((item) => ({
			serial: String(item.json.serial_number),
			product: String(item.json.product_code),
			state: sandbox.state.serialStatus(
				String(item.json.product_code),
				String(item.json.serial_number),
			),
		}))
		.filter((entry) => entry.state !== 'Decommissioned');
	checks.equal(
		wrong,
		[],
		`${label}: every serial reported successful is Decommissioned in the sandbox`,
	);
}

/** Some fields of the sandbox's record of each serial (undefined where it has none). */
export function sandboxRecords(
	sandbox: Sandbox,
	serials: Array<{ productCode: string; serial: string }>,
	fields: Array<keyof SerialRecord>,
): Array<Record<string, unknown>> {
	return serials.map(({ productCode, serial }) => {
		const record = sandbox.state.serialRecord(productCode, serial);
		return { serial, ...Object.fromEntries(fields.map((field) => [field, record?.[field]])) };
	});
}

/** The hidden accessToken n8n holds for the credential now; checked to be a non-empty string. */
export async function storedToken(
	checks: Checks,
	n8n: N8nInstance,
	credential: CredentialImport,
	label: string,
): Promise<string | undefined> {
	const stored = await n8n.exportCredential(credential.id);
	const token = (stored.data as Record<string, unknown> | undefined)?.accessToken;
	const ok = checks.ok(
		typeof token === 'string' && token.length > 0,
		`${label}: the exported credential holds an access token (${typeof token === 'string' ? `${token.length} chars` : typeof token})`,
	);
	return ok ? (token as string) : undefined;
}
